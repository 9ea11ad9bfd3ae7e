"""The moderation queue, the log, reasons, blocks and comments in Django admin."""

from django.contrib import admin, messages

from portal.community import moderation
from portal.community.models import (
    Block,
    Comment,
    DigestDelivery,
    ModerationAction,
    ModerationCase,
    ModerationReason,
    Report,
)


class ReportInline(admin.TabularInline):
    model = Report
    fields = ["reporter", "reason", "text", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


def _decide(approve):
    def action(modeladmin, request, queryset):
        done = [moderation.decide(case.pk, request.user, approve) for case in queryset.open()]
        modeladmin.message_user(request, f"Решено дел: {sum(done)}.", messages.SUCCESS)

    return action


@admin.register(ModerationCase)
class ModerationCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state", "hidden", "author", "opened_at", "decided_by"]
    list_filter = ["state", "kind", "hidden", "content_type"]
    search_fields = ["title"]
    list_select_related = ["author", "decided_by"]
    readonly_fields = [
        "content_type",
        "object_id",
        "kind",
        "state",
        "title",
        "author",
        "hidden",
        "opened_at",
        "decided_at",
        "decided_by",
        "reason",
    ]
    inlines = [ReportInline]
    actions = ["approve_cases", "reject_cases"]

    @admin.action(description="Одобрить / восстановить выбранные")
    def approve_cases(self, request, queryset):
        _decide(True)(self, request, queryset)

    @admin.action(description="Отклонить / оставить скрытыми выбранные (без причины)")
    def reject_cases(self, request, queryset):
        _decide(False)(self, request, queryset)

    def has_add_permission(self, request):
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "verb", "content_type", "object_id", "reason"]
    list_filter = ["verb", "content_type", "created_at"]
    list_select_related = ["moderator", "content_type"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationReason)
class ModerationReasonAdmin(admin.ModelAdmin):
    list_display = ["title", "text"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["user", "until", "reason", "created_by"]
    list_select_related = ["user", "created_by"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "content_type", "object_id", "created_at", "hidden_at"]
    list_filter = ["content_type", "created_at"]
    search_fields = ["text"]
    list_select_related = ["author", "content_type"]
    readonly_fields = [
        "content_type",
        "object_id",
        "parent",
        "author",
        "text",
        "created_at",
        "edited_at",
        "deleted_at",
        "hidden_at",
    ]
    actions = ["hide", "show"]

    @admin.action(description="Скрыть выбранные комментарии")
    def hide(self, request, queryset):
        for comment in queryset:
            comment.set_hidden(True)

    @admin.action(description="Показать выбранные комментарии")
    def show(self, request, queryset):
        for comment in queryset:
            comment.set_hidden(False)

    def has_add_permission(self, request):
        return False


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "period_start", "count", "emailed_at"]
    list_filter = ["frequency"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
