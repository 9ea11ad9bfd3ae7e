"""How the finding side of the navigator plugs into the portal: called from AppConfig.ready()
through `navigator.integration`, once the models are loaded."""

from datetime import timedelta

from celery.schedules import crontab
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import published, unpublished

from navigator import digests
from navigator.listcache import bump_version
from navigator.models import Organisation, Programme, SupportMeasure
from portal.notifications.kinds import register_kind
from portal.pages.cache import bump_home_cache
from portal.registry import register_alert_source, related_content_changed

BEAT_SCHEDULE = {
    # Alert digests run from the portal's beat for every service (portal.tasks).
    "navigator-deadline-reminders": {
        "task": "navigator.tasks.send_deadline_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # Wagtail applies go_live_at/expire_at of pages and snippets only when this runs.
    "wagtail-publish-scheduled": {
        "task": "navigator.tasks.publish_scheduled",
        "schedule": timedelta(minutes=5),
    },
    # Each run checks one bounded batch (see navigator.linkcheck), so it runs often.
    "navigator-broken-links": {
        "task": "navigator.tasks.check_measure_links",
        "schedule": timedelta(minutes=30),
    },
}


def connect_cache_invalidation():
    """Any change of what the list or a measure page shows makes the cached copies stale.

    Measure pages show blocks of higher apps (`portal.registry.RelatedContent`), so a change
    those apps announce with `related_content_changed` counts too.
    """
    related_content_changed.connect(bump_version, dispatch_uid="nav-list-related")
    for model in (SupportMeasure, Organisation, Programme):
        post_save.connect(bump_version, sender=model, dispatch_uid=f"nav-list-save-{model}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"nav-list-del-{model}")
    for relation in (SupportMeasure.spheres, SupportMeasure.regions):
        m2m_changed.connect(
            bump_version, sender=relation.through, dispatch_uid=f"nav-list-m2m-{relation.field}"
        )


def _home_changed(**kwargs):
    """The home block «Скоро завершается приём» lists measures; guests see a cached copy."""
    # After commit: a copy rendered before the commit would otherwise be cached as current.
    transaction.on_commit(bump_home_cache)


def connect_home_cache_invalidation():
    published.connect(_home_changed, sender=SupportMeasure, dispatch_uid="nav-home-published")
    unpublished.connect(_home_changed, sender=SupportMeasure, dispatch_uid="nav-home-unpublished")
    post_delete.connect(_home_changed, sender=SupportMeasure, dispatch_uid="nav-home-deleted")


def register():
    register_kind("navigator.alert", "Подписки на меры поддержки")
    register_kind("navigator.deadline", "Сроки подачи заявок по закладкам", email_by_default=True)
    # The alerts are listed in the portal's cabinet section «Подписки на подборки».
    register_alert_source(digests.ALERT_SOURCE)
    settings.CELERY_BEAT_SCHEDULE.update(BEAT_SCHEDULE)
    connect_cache_invalidation()
    connect_home_cache_invalidation()
    import navigator.admin_reports  # noqa: F401  (registers the reports in Django admin)
