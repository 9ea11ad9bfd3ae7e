from django.apps import AppConfig


class LegalVectorConfig(AppConfig):
    name = "legal_vector"
    verbose_name = "Правовой вектор"

    def ready(self):
        from legal_vector import integration

        integration.register()
