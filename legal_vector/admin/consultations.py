from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from legal_vector.models import Consultation, ConsultationCitation
from portal.accounts import roles


class LawyerAccessMixin:
    """Lawyers work here by their role, without per-model permissions in their group."""

    def _is_lawyer(self, request):
        return request.user.is_active and request.user.has_role(roles.LAWYER)

    def has_module_permission(self, request):
        return self._is_lawyer(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._is_lawyer(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._is_lawyer(request) or super().has_change_permission(request, obj)


class ConsultationCitationInline(admin.TabularInline):
    model = ConsultationCitation
    extra = 0
    fields = ["source", "label", "document", "stable_key"]
    readonly_fields = fields
    can_delete = False


@admin.register(Consultation)
class ConsultationAdmin(LawyerAccessMixin, admin.ModelAdmin):
    list_display = ["pk", "author", "status", "assignee", "due_on", "is_overdue", "rating"]
    list_filter = ["status", "due_on", "rating"]
    list_select_related = ["author", "assignee"]
    search_fields = ["question", "author__email"]
    date_hierarchy = "created_at"
    ordering = ["status", "due_on"]
    # Status moves only through the actions below, which notify the author.
    readonly_fields = [
        "author", "question", "status", "assignee", "submission_token", "rating",
        "created_at", "taken_at", "answered_at", "closed_at",
    ]  # fmt: skip
    fields = ["author", "question", "status", "assignee", "due_on", "answer", "rating",
              "created_at", "taken_at", "answered_at", "closed_at"]  # fmt: skip
    inlines = [ConsultationCitationInline]
    actions = ["take_into_work", "close_answered"]

    @admin.display(boolean=True, description="просрочена")
    def is_overdue(self, obj):
        return obj.is_overdue

    def has_add_permission(self, request):
        return False

    def _each(self, request, queryset, action, done):
        count = 0
        for consultation in queryset:
            try:
                action(consultation)
                count += 1
            except ValidationError as error:
                self.message_user(
                    request, f"№ {consultation.pk}: {error.messages[0]}", messages.WARNING
                )
        self.message_user(request, f"{done}: {count}.")

    @admin.action(description="Взять в работу (назначить меня)")
    def take_into_work(self, request, queryset):
        self._each(request, queryset, lambda c: c.take(request.user), "Взято в работу")

    @admin.action(description="Закрыть отвеченные")
    def close_answered(self, request, queryset):
        self._each(request, queryset, lambda c: c.close(), "Закрыто")
