"""Wagtail's scheduled publication of measures, run by a Celery beat task."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from navigator.tasks import publish_scheduled
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db


def schedule_then_let_time_pass(measure):
    """Schedule a revision an hour ahead, then move its date into the past as if time passed."""
    measure.go_live_at = timezone.now() + timedelta(hours=1)
    revision = measure.save_revision()
    revision.publish()
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_a_measure_scheduled_in_the_past_goes_live_when_the_task_runs():
    measure = SupportMeasureFactory(live=False, first_published_at=None, last_published_at=None)
    schedule_then_let_time_pass(measure)
    measure.refresh_from_db()
    assert not measure.live
    publish_scheduled()
    measure.refresh_from_db()
    assert measure.live


def test_an_expired_measure_is_withdrawn_when_the_task_runs():
    measure = SupportMeasureFactory()
    type(measure).objects.filter(pk=measure.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    publish_scheduled()
    measure.refresh_from_db()
    assert not measure.live
    assert measure.expired


def test_scheduled_publication_runs_every_few_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["wagtail-publish-scheduled"]
    assert entry["task"] == "navigator.tasks.publish_scheduled"
    assert entry["schedule"] <= timedelta(minutes=10)
