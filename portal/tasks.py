"""Periodic upkeep of the portal's own tables."""

from celery import shared_task
from celery.schedules import crontab

from portal import submissions

BEAT_SCHEDULE = {
    "portal-forget-old-form-submissions": {
        "task": "portal.tasks.forget_old_submissions",
        "schedule": crontab(hour=3, minute=30),
    },
}


@shared_task
def forget_old_submissions():
    return submissions.forget_old_submissions()
