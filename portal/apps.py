from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Портал"

    def ready(self):
        from django.conf import settings

        from portal import personal_data
        from portal.search import signals
        from portal.tasks import BEAT_SCHEDULE

        signals.connect()
        personal_data.register()
        settings.CELERY_BEAT_SCHEDULE.update(BEAT_SCHEDULE)
