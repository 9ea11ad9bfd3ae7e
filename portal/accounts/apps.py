from django.apps import AppConfig

ADMIN_HEADER = "Муниципалитеты.рф — администрирование"


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Учётные записи"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from allauth.account.decorators import secure_admin_login
        from allauth.account.signals import email_confirmed
        from django.contrib import admin
        from django.db.models.signals import post_delete, post_migrate, post_save

        from portal.accounts.cabinet import forget_owner_sections
        from portal.accounts.role_groups import restore_role_groups
        from portal.accounts.signals import verify_on_email_confirmation
        from portal.notifications.kinds import register_kind

        email_confirmed.connect(verify_on_email_confirmation, dispatch_uid="accounts.verify")
        post_migrate.connect(restore_role_groups, dispatch_uid="accounts.role_groups")
        post_save.connect(forget_owner_sections, dispatch_uid="accounts.cabinet_saved")
        post_delete.connect(forget_owner_sections, dispatch_uid="accounts.cabinet_deleted")
        register_kind(
            "account.verification_requested",
            "Заявки на подтверждение (для модераторов)",
            email_by_default=True,
        )
        register_kind(
            "account.verification_rejected", "Отказ в подтверждении", email_by_default=True
        )
        # Django admin signs people in through allauth, so two-factor codes are always asked for.
        admin.site.login = secure_admin_login(admin.site.login)
        admin.site.site_header = ADMIN_HEADER
        admin.site.site_title = ADMIN_HEADER
        admin.site.index_title = "Разделы"
        _name_authenticators_in_russian()


def _name_authenticators_in_russian():
    """allauth's Authenticator model has no translatable verbose name, so admin would show
    «Authenticators». Only the display names change: migrations read `original_attrs`."""
    from allauth.mfa.models import Authenticator

    Authenticator._meta.verbose_name = "аутентификатор"
    Authenticator._meta.verbose_name_plural = "аутентификаторы"
