from django.apps import AppConfig


class LegalVectorConfig(AppConfig):
    name = "legal_vector"
    verbose_name = "Правовой вектор"
