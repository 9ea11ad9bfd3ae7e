import datetime

import pytest
from django.utils import timezone

from portal.community.digests import send_digests
from portal.community.models import DigestChoice, DigestDelivery, Frequency
from portal.community.notifying import tell

pytestmark = pytest.mark.django_db


def test_a_kind_chosen_as_daily_is_not_mailed_at_once_but_in_one_digest(
    employee, mailoutbox, django_capture_on_commit_callbacks
):
    DigestChoice.objects.save_choices(employee, {"community.comment": Frequency.DAILY})
    yesterday = timezone.now() - datetime.timedelta(days=1)
    for number in range(3):
        notification = tell(employee, "community.comment", f"Комментарий {number}", "/x/")
        notification.created_at = yesterday
        notification.save(update_fields=["created_at"])
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(Frequency.DAILY) == 1
        assert send_digests(Frequency.DAILY) == 0  # run again: nothing twice
    assert len(mailoutbox) == 1
    assert "Комментарий 2" in mailoutbox[0].body
    delivery = DigestDelivery.objects.get()
    assert delivery.count == 3 and delivery.emailed_at is not None


def test_instant_kinds_are_mailed_one_by_one(
    employee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell(employee, "community.comment", "Сразу", "/x/")
    assert len(mailoutbox) == 1


def test_nobody_is_told_about_what_they_did_themselves(employee):
    assert tell(employee, "community.comment", "Сам себе", actor=employee) is None


def test_the_settings_page_saves_a_weekly_choice(client, employee):
    client.force_login(employee)
    response = client.post("/community/digests/", {"community.reaction": "weekly"})
    assert response.status_code == 302
    assert DigestChoice.objects.frequency(employee, "community.reaction") == Frequency.WEEKLY
