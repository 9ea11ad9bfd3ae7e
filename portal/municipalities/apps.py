from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MunicipalitiesConfig(AppConfig):
    name = "portal.municipalities"
    label = "municipalities"
    verbose_name = "Муниципальные образования"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from portal.municipalities.caching import forget_municipality, forget_region
        from portal.municipalities.models import Municipality, Region

        for signal in (post_save, post_delete):
            signal.connect(forget_municipality, sender=Municipality, dispatch_uid=f"muni-{signal}")
            signal.connect(forget_region, sender=Region, dispatch_uid=f"region-{signal}")
