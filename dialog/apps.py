from django.apps import AppConfig


class DialogConfig(AppConfig):
    name = "dialog"
    verbose_name = "Муниципальный диалог"

    def ready(self):
        from dialog import integration

        integration.register()
