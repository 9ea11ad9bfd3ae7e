from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from portal.accounts.models import (
    DeletionRequest,
    EmailDomainAllowance,
    PersonalDataConsent,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = ["email", "get_full_name", "municipality", "is_verified", "date_joined"]
    list_filter = ["is_verified", "is_staff", "groups"]
    search_fields = ["email", "last_name", "first_name"]
    autocomplete_fields = ["municipality"]
    # Verification goes through the action, which records who verified and notifies the user.
    readonly_fields = ["is_verified", "verified_at", "verified_by", "date_joined", "last_login"]
    # Moderators may edit users but never grant themselves or anyone else more rights.
    superuser_only_fields = ["is_staff", "is_superuser", "groups"]
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

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return [*fields, *self.superuser_only_fields]

    @admin.action(description="Подтвердить выбранных служащих", permissions=["change"])
    def verify_selected(self, request, queryset):
        with transaction.atomic():
            verified = sum(
                user.verify(by=request.user) for user in queryset.filter(is_verified=False)
            )
        self.message_user(request, f"Подтверждено пользователей: {verified}.", messages.SUCCESS)


@admin.register(EmailDomainAllowance)
class EmailDomainAllowanceAdmin(admin.ModelAdmin):
    list_display = ["domain", "region", "municipality"]
    search_fields = ["domain"]
    autocomplete_fields = ["municipality"]


@admin.register(PersonalDataConsent)
class PersonalDataConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "policy_version", "given_at"]
    readonly_fields = ["user", "policy_version", "given_at", "ip_address"]


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
        done = sum(deletion.complete() for deletion in queryset.pending().select_related("user"))
        self.message_user(request, f"Выполнено запросов: {done}.", messages.SUCCESS)
