from django.apps import AppConfig


class NavigatorConfig(AppConfig):
    name = "navigator"
    verbose_name = "Муниципальный навигатор"

    def ready(self):
        from navigator import integration

        integration.register()
