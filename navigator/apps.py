from django.apps import AppConfig


class NavigatorConfig(AppConfig):
    name = "navigator"
    verbose_name = "Муниципальный навигатор"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from navigator import integration

        integration.register()
