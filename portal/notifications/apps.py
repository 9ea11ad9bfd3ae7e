from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = "Уведомления"

    def ready(self):
        # Imported in ready(): the module uses models, which load after the app configs.
        from portal.notifications import integration

        integration.register()
