"""Django admin of accounts. Only administrators manage accounts; only a superuser touches a
superuser; moderators verify employees (the verification action and the request queue) and
change nothing else about other people's accounts."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.template.response import TemplateResponse

from portal.accounts.forms import RejectionForm
from portal.accounts.models import (
    DeletionRequest,
    EmailDomainAllowance,
    PersonalDataConsent,
    User,
    VerificationRequest,
)


def may_verify(request):
    """Moderators and administrators: they hold the right to decide verification requests."""
    return request.user.has_perm("accounts.change_verificationrequest")


def may_touch(request, user):
    """Nobody but a superuser changes or deletes a superuser's account."""
    return user is None or not user.is_superuser or request.user.is_superuser


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "get_full_name", "municipality", "is_verified", "date_joined"]
    list_filter = ["is_verified", "is_staff", "groups"]
    search_fields = ["email", "last_name", "first_name"]
    autocomplete_fields = ["municipality"]
    # Verification goes through the action, which records who verified and notifies the user.
    readonly_fields = ["is_verified", "verified_at", "verified_by", "date_joined", "last_login"]
    superuser_only_fields = ["is_superuser"]
    actions = ["verify_selected"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Профиль",
            {
                "fields": [
                    "last_name",
                    "first_name",
                    "patronymic",
                    "position",
                    "municipality",
                    "phone",
                ]
            },
        ),
        ("Подтверждение", {"fields": ["is_verified", "verified_at", "verified_by"]}),
        ("Роли и права", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Даты", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def has_add_permission(self, request):
        return request.user.manages_accounts and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return (
            request.user.manages_accounts
            and may_touch(request, obj)
            and super().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return (
            request.user.manages_accounts
            and may_touch(request, obj)
            and super().has_delete_permission(request, obj)
        )

    def has_verify_permission(self, request):
        return may_verify(request)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return [*fields, *self.superuser_only_fields]

    @admin.action(description="Подтвердить выбранных служащих", permissions=["verify"])
    def verify_selected(self, request, queryset):
        with transaction.atomic():
            verified = sum(
                user.verify(by=request.user) for user in queryset.filter(is_verified=False)
            )
        self.message_user(request, f"Подтверждено пользователей: {verified}.", messages.SUCCESS)


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    """The moderators' queue in admin; the same queue is on the site (verification_queue)."""

    list_display = ["user", "municipality", "position", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email", "user__last_name", "position"]
    date_hierarchy = "submitted_at"
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = [
        "user",
        "municipality",
        "position",
        "comment",
        "status",
        "submitted_at",
        "decided_at",
        "decided_by",
        "decision_note",
    ]

    def has_add_permission(self, request):
        return False  # a person asks for verification themselves, in the cabinet

    def has_delete_permission(self, request, obj=None):
        return False  # the decision is kept as a record of who verified whom

    @admin.action(description="Подтвердить выбранные заявки", permissions=["change"])
    def approve_selected(self, request, queryset):
        approved = sum(item.approve(request.user) for item in queryset.pending())
        self.message_user(request, f"Подтверждено заявок: {approved}.", messages.SUCCESS)

    @admin.action(description="Отклонить выбранные заявки…", permissions=["change"])
    def reject_selected(self, request, queryset):
        form = RejectionForm(request.POST if "note" in request.POST else None)
        if form.is_valid():
            note = form.cleaned_data["note"]
            rejected = sum(item.reject(request.user, note) for item in queryset.pending())
            self.message_user(request, f"Отклонено заявок: {rejected}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Отклонить заявки на подтверждение",
            "opts": self.model._meta,
            "form": form,
            "requests": queryset.pending().select_related("user", "municipality"),
        }
        return TemplateResponse(request, "admin/accounts/reject_verification.html", context)


@admin.register(EmailDomainAllowance)
class EmailDomainAllowanceAdmin(admin.ModelAdmin):
    list_display = ["domain", "region", "municipality"]
    search_fields = ["domain"]
    autocomplete_fields = ["municipality"]


@admin.register(PersonalDataConsent)
class PersonalDataConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "policy_version", "given_at"]
    readonly_fields = ["user", "policy_version", "given_at", "ip_address"]

    def has_add_permission(self, request):
        return False  # a consent is evidence: only the person gives it, at registration


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "requested_at", "processed_at"]
    list_filter = ["status"]
    readonly_fields = ["user", "email", "reason", "status", "requested_at", "processed_at"]
    actions = ["complete_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(
        description="Удалить персональные данные по выбранным запросам", permissions=["change"]
    )
    def complete_selected(self, request, queryset):
        pending = queryset.pending().select_related("user")
        if not request.user.is_superuser:
            pending = pending.exclude(user__is_superuser=True)
        done = sum(deletion.complete() for deletion in pending)
        self.message_user(request, f"Выполнено запросов: {done}.", messages.SUCCESS)
