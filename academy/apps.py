from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = "Муниципальная академия"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from academy import integration

        integration.register()
