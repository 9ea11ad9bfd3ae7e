from django.apps import AppConfig


class NavigatorConfig(AppConfig):
    name = "navigator"
    verbose_name = "Муниципальный навигатор"

    def ready(self):
        from navigator import finding, integration, search
        from navigator.models.imports import NOTIFICATION_KIND
        from portal.notifications.kinds import register_kind

        finding.register()
        integration.register()
        search.register()
        register_kind(NOTIFICATION_KIND, "Импорт мер поддержки (для редакторов)")
