from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Муниципальные практики"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from practices import integration

        integration.register()
