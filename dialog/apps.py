from django.apps import AppConfig


class DialogConfig(AppConfig):
    name = "dialog"
    verbose_name = "Муниципальный диалог"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from dialog import integration

        integration.register()
