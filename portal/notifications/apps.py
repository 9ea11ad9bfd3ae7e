from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = "Уведомления"

    def ready(self):
        from portal.notifications.export import export_notifications
        from portal.registry import register_personal_data_exporter

        register_personal_data_exporter("notifications", export_notifications)
