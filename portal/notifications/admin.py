"""Saved filters («подписки на подборки») in Django admin: support sees what a user subscribed
to and can switch a subscription off; what it selects is the user's own, so nothing is added or
rewritten here."""

from django.contrib import admin

from portal.notifications.models import Alert


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("title", "service", "user", "frequency", "is_active", "last_sent_at")
    list_filter = ("service", "frequency", "is_active")
    search_fields = ("title", "user__email")
    list_select_related = ("user",)
    fields = (
        "service", "user", "title", "query", "frequency", "is_active", "created_at",
        "last_sent_at",
    )  # fmt: skip
    readonly_fields = tuple(name for name in fields if name != "is_active")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
