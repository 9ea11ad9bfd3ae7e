"""Django admin of the dialog: directions (SLA, routing, threshold, questions), experts,
clusters. Problems are read here; their state changes only through the site's logged actions."""

from django.contrib import admin

from dialog.models import (
    Cluster,
    DirectionSettings,
    ExpertDirection,
    ExtraQuestion,
    Problem,
    TransitionLog,
)


@admin.register(DirectionSettings)
class DirectionSettingsAdmin(admin.ModelAdmin):
    list_display = ["direction", "sla_days", "routing", "support_threshold"]
    list_editable = ["sla_days", "routing", "support_threshold"]
    exclude = ["last_assigned"]


@admin.register(ExpertDirection)
class ExpertDirectionAdmin(admin.ModelAdmin):
    list_display = ["expert", "direction", "is_lead", "is_active"]
    list_filter = ["direction", "is_lead", "is_active"]
    autocomplete_fields = ["expert"]


@admin.register(ExtraQuestion)
class ExtraQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "direction", "is_required", "order"]
    list_filter = ["direction"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at"]
    search_fields = ["title"]


class TransitionLogInline(admin.TabularInline):
    model = TransitionLog
    extra = 0
    can_delete = False
    fields = ["at", "actor", "actor_role", "source", "target", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ["pk", "title", "direction", "status", "assignee", "due_at", "supports_count"]
    list_filter = ["status", "direction", "level"]
    search_fields = ["title"]
    list_select_related = ["direction", "assignee"]
    fields = [
        "title",
        "direction",
        "status",
        "author",
        "municipality",
        "assignee",
        "due_at",
        "escalated_at",
        "supports_count",
        "cluster",
        "merged_into",
    ]
    readonly_fields = [
        "title",
        "direction",
        "status",
        "author",
        "municipality",
        "assignee",
        "due_at",
        "escalated_at",
        "supports_count",
        "merged_into",
    ]
    raw_id_fields = ["cluster"]
    inlines = [TransitionLogInline]

    def has_add_permission(self, request):
        return False
