from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Портал"

    def ready(self):
        from django.conf import settings

        from portal import personal_data
        from portal.search import signals, syncing
        from portal.tasks import BEAT_SCHEDULE

        signals.connect()
        syncing.register_app_indexes()
        personal_data.register()
        settings.CELERY_BEAT_SCHEDULE.update(BEAT_SCHEDULE)
