from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Муниципальные практики"

    def ready(self):
        from practices import integration

        integration.register()
