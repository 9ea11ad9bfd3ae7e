from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Портал"

    def ready(self):
        # Imported in ready(): these modules use models, which load after the app configs.
        from django.conf import settings

        from portal import personal_data
        from portal.registry import Seeding, register_seeding
        from portal.search import signals, syncing
        from portal.tasks import BEAT_SCHEDULE

        signals.connect()
        syncing.register_app_indexes()
        personal_data.register()
        settings.CELERY_BEAT_SCHEDULE.update(BEAT_SCHEDULE)
        # The shell's own seeding, in the order the services build on it.
        for seeding in (
            Seeding("portal", bench="portal.bench", order=10),
            Seeding("portal.municipalities", demo="portal.municipalities.demo", order=20),
            Seeding("portal.accounts", demo="portal.accounts.demo", order=30),
            Seeding("portal.pages", demo="portal.pages.demo", order=60),
        ):
            register_seeding(seeding)
