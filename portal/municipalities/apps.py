from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "portal.municipalities"
    label = "municipalities"
    verbose_name = "Муниципальные образования"
