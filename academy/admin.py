"""Django admin: enrolments, attempts with their event log, certificates, accommodations, scopes."""

from django.contrib import admin

from academy.models import (
    Accommodation,
    Attempt,
    AttemptEvent,
    Certificate,
    CourseFeedback,
    Enrollment,
    ManagerScope,
)


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "status", "progress", "cohort"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user", "course", "cohort", "assigned_by", "decided_by", "last_lesson"]


class AttemptEventInline(admin.TabularInline):
    model = AttemptEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "data", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "quiz", "number", "status", "score", "passed", "late"]
    list_filter = ["status", "passed"]
    search_fields = ["user__email"]
    inlines = [AttemptEventInline]
    readonly_fields = [f.name for f in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "holder_name", "title", "issued_on", "revoked_at"]
    search_fields = ["number", "holder_name"]
    readonly_fields = [
        "uuid",
        "number",
        "holder_name",
        "title",
        "hours",
        "issued_on",
        "wording",
        "credential",
        "pdf",
    ]
    raw_id_fields = ["user", "course", "programme", "revoked_by"]


@admin.register(Accommodation)
class AccommodationAdmin(admin.ModelAdmin):
    list_display = ["user", "quiz", "extra_minutes", "extra_attempts"]
    raw_id_fields = ["user", "granted_by"]


@admin.register(ManagerScope)
class ManagerScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "region", "municipality"]
    raw_id_fields = ["user", "municipality"]


@admin.register(CourseFeedback)
class CourseFeedbackAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "rating", "useful", "created_at"]
    readonly_fields = ["enrollment", "rating", "useful", "comment", "created_at"]
