from django.apps import AppConfig


class LegalVectorConfig(AppConfig):
    name = "legal_vector"
    verbose_name = "Правовой вектор"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from legal_vector import integration

        integration.register()
