from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = "Муниципальная академия"

    def ready(self):
        from academy import integration

        integration.register()
