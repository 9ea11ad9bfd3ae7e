"""Periodic upkeep of the portal's own tables."""

from datetime import timedelta

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings

from portal import outbox, submissions
from portal.search import tasks as search_tasks  # noqa: F401 — the worker learns its tasks here

BEAT_SCHEDULE = {
    "portal-send-outbox": {
        "task": "portal.tasks.send_outbox",
        "schedule": timedelta(minutes=1),
    },
    # Alert digests of every service (portal.notifications.alerts).
    "portal-daily-alert-digests": {
        "task": "portal.notifications.tasks.send_alert_digests",
        "schedule": crontab(hour=8, minute=0),
        "args": ("daily",),
    },
    "portal-weekly-alert-digests": {
        "task": "portal.notifications.tasks.send_alert_digests",
        "schedule": crontab(hour=8, minute=15, day_of_week="mon"),
        "args": ("weekly",),
    },
    "portal-build-search-postings": {
        "task": "portal.search.tasks.build_postings",
        "schedule": timedelta(minutes=10),
    },
    "portal-forget-old-form-submissions": {
        "task": "portal.tasks.forget_old_submissions",
        "schedule": crontab(hour=3, minute=30),
    },
}
if settings.ELASTICSEARCH_URL:
    BEAT_SCHEDULE["portal-check-search-indexes"] = {
        "task": "portal.search.tasks.check_indexes",
        "schedule": crontab(hour=4, minute=10),
    }


@shared_task
def send_outbox():
    """Hand the broker what requests could not while it was away."""
    return outbox.send_all()


@shared_task
def forget_old_submissions():
    return submissions.forget_old_submissions()
