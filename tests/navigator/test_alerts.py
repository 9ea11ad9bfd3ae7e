from datetime import timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from navigator import digests
from navigator.models import (
    ApplicationStatus,
    Bookmark,
    Frequency,
    MeasureAlert,
    MeasureKind,
)
from navigator.models.bookmarks import ReminderLeadTime
from navigator.tasks import send_alert_digest, send_alert_digests, send_deadline_reminders
from portal.notifications.models import Delivery, Notification
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db
CREATE_URL = reverse("navigator:alert_create")


def make_alert(user, query="kind=grant", **kwargs):
    created = kwargs.pop("created_at", timezone.now() - timedelta(days=3))
    return MeasureAlert.objects.create(
        user=user, title="Гранты", query=query, created_at=created, **kwargs
    )


# --- saving a filter ---------------------------------------------------------------------------


def test_guests_are_sent_to_sign_in_before_saving_an_alert(client):
    response = client.get(CREATE_URL, {"kind": "grant"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_form_starts_from_the_current_filter(client, employee):
    client.force_login(employee)
    response = client.get(CREATE_URL, {"q": "дворы", "kind": "grant", "page": "2"})
    form = response.context["form"]
    assert form.initial["query"] == "kind=grant&q=%D0%B4%D0%B2%D0%BE%D1%80%D1%8B"
    assert "дворы" in form.initial["title"]


def test_saving_an_alert_and_a_double_submit_keeps_one(client, employee):
    client.force_login(employee)
    data = {"title": "Гранты на дворы", "frequency": "daily", "query": "kind=grant"}
    first = client.post(CREATE_URL, data)
    second = client.post(CREATE_URL, data)
    assert first.status_code == 302
    assert "Подписка с таким фильтром у вас уже есть" in second.content.decode()
    alert = MeasureAlert.objects.get()
    assert (alert.user, alert.frequency, alert.query) == (employee, "daily", "kind=grant")


def test_an_empty_title_is_refused_and_the_filter_kept(client, employee):
    client.force_login(employee)
    response = client.post(
        CREATE_URL, {"title": "  ", "frequency": "weekly", "query": "level=federal"}
    )
    html = response.content.decode()
    assert "Назовите подписку" in html
    assert 'value="level=federal"' in html
    assert not MeasureAlert.objects.exists()


def test_an_invalid_filter_cannot_be_saved(client, employee):
    client.force_login(employee)
    data = {"title": "Ошибка", "frequency": "weekly", "query": "population=много"}
    response = client.post(CREATE_URL, data)
    assert "Параметры фильтра неверны" in response.content.decode()
    assert not MeasureAlert.objects.exists()


def test_a_title_with_a_line_break_is_refused_and_the_input_kept(client, employee):
    client.force_login(employee)
    data = {"title": "Гранты\nBcc: all@example.ru", "frequency": "daily", "query": "kind=grant"}
    response = client.post(CREATE_URL, data)
    html = response.content.decode()
    assert "без переводов строки" in html
    assert "Bcc: all@example.ru" in html
    assert not MeasureAlert.objects.exists()


# --- access ------------------------------------------------------------------------------------


def test_users_see_only_their_own_alerts(client, employee, other_employee):
    make_alert(employee, query="kind=grant")
    foreign = MeasureAlert.objects.create(user=other_employee, title="Чужая подписка", query="")
    client.force_login(employee)
    list_html = client.get(reverse("navigator:alerts")).content.decode()
    cabinet_html = client.get(reverse("cabinet:index")).content.decode()
    assert "Гранты" in list_html and "Чужая подписка" not in list_html
    assert "Подписки на подборки" in cabinet_html and "Гранты" in cabinet_html
    assert foreign.title not in cabinet_html


def test_a_user_cannot_delete_someone_elses_alert(client, employee, other_employee):
    foreign = make_alert(other_employee)
    client.force_login(employee)
    response = client.post(reverse("navigator:alert_delete", args=[foreign.pk]))
    assert response.status_code == 404
    assert MeasureAlert.objects.filter(pk=foreign.pk).exists()


def test_a_user_deletes_their_alert(client, employee):
    alert = make_alert(employee)
    client.force_login(employee)
    client.post(reverse("navigator:alert_delete", args=[alert.pk]))
    assert not MeasureAlert.objects.exists()


def test_the_alert_list_needs_signing_in(client):
    response = client.get(reverse("navigator:alerts"))
    assert response.status_code == 302


# --- digests -----------------------------------------------------------------------------------


def test_a_digest_mails_new_matching_measures_with_an_unsubscribe_link(
    employee, django_capture_on_commit_callbacks
):
    alert = make_alert(employee, frequency=Frequency.DAILY)
    SupportMeasureFactory(title="Грант на школьные музеи", kind=MeasureKind.GRANT)
    SupportMeasureFactory(title="Субсидия не по фильтру", kind=MeasureKind.SUBSIDY)
    # The digests are queued through the outbox, after the scheduling task commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_alert_digests(Frequency.DAILY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [employee.email]
    assert "Грант на школьные музеи" in message.body
    assert "Субсидия не по фильтру" not in message.body
    assert alert.get_unsubscribe_url() in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    notification = Notification.objects.get(user=employee, kind=digests.ALERT_KIND)
    assert "Гранты" in notification.text


def test_a_measure_is_never_sent_twice_to_the_same_alert(employee):
    alert = make_alert(employee)
    measure = SupportMeasureFactory(kind=MeasureKind.GRANT)
    assert digests.send_digest(alert) == 1
    # The measure changes and is published again: still not sent a second time.
    measure.last_published_at = timezone.now()
    measure.save()
    assert digests.send_digest(alert) == 0
    assert (
        Delivery.objects.filter(channel=alert.delivery_channel, subject_id=measure.pk).count() == 1
    )
    assert len(mail.outbox) == 1


def test_a_failed_send_leaves_the_measures_pending_and_a_retry_mails_them(employee):
    alert = make_alert(employee)
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    with (
        mock.patch(
            "django.core.mail.EmailMessage.send", side_effect=SMTPServerDisconnected("down")
        ),
        pytest.raises(SMTPServerDisconnected),
    ):
        digests.send_digest(alert)
    alert.refresh_from_db()
    assert not Delivery.objects.exists()
    assert alert.last_sent_at is None
    assert not Notification.objects.filter(kind=digests.ALERT_KIND).exists()
    assert digests.send_digest(alert) == 1
    assert len(mail.outbox) == 1


def test_the_digest_task_schedules_a_retry_after_an_smtp_error(employee):
    alert = make_alert(employee)
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    down = SMTPServerDisconnected("down")
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=down),
        pytest.raises(Retry),
    ):
        send_alert_digest.delay(alert.pk)
    assert not Delivery.objects.exists()
    send_alert_digest.delay(alert.pk)  # the retry, once the server is back
    assert len(mail.outbox) == 1
    assert Delivery.objects.on(alert.delivery_channel).count() == 1


def test_a_line_break_in_an_old_title_does_not_break_the_subject(employee):
    # Alerts saved before titles were validated may still hold control characters.
    alert = make_alert(employee)
    MeasureAlert.objects.filter(pk=alert.pk).update(title="Гранты\r\nна\tблагоустройство")
    alert.refresh_from_db()
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    assert digests.send_digest(alert) == 1
    assert "«Гранты на благоустройство»" in mail.outbox[0].subject


def test_the_delivery_log_refuses_a_duplicate_row(employee):
    from django.db import IntegrityError, transaction

    alert = make_alert(employee)
    measure = SupportMeasureFactory(kind=MeasureKind.GRANT)
    assert Delivery.claim(employee.pk, alert.delivery_channel, measure.pk)
    assert not Delivery.claim(employee.pk, alert.delivery_channel, measure.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(
            user=employee, channel=alert.delivery_channel, subject_id=measure.pk
        )


def test_measures_published_before_the_alert_are_not_sent(employee):
    SupportMeasureFactory(
        kind=MeasureKind.GRANT,
        first_published_at=timezone.now() - timedelta(days=30),
        last_published_at=timezone.now() - timedelta(days=30),
    )
    alert = make_alert(employee, created_at=timezone.now() - timedelta(days=1))
    assert digests.send_digest(alert) == 0
    assert mail.outbox == []


def test_a_weekly_alert_is_not_due_two_days_after_its_digest(employee):
    now = timezone.now()
    weekly = make_alert(employee, frequency=Frequency.WEEKLY, last_sent_at=now - timedelta(days=2))
    daily = make_alert(
        employee, query="", frequency=Frequency.DAILY, last_sent_at=now - timedelta(days=1)
    )
    assert list(MeasureAlert.objects.due(Frequency.WEEKLY)) == []
    assert list(MeasureAlert.objects.due(Frequency.DAILY)) == [daily]
    weekly.last_sent_at = now - timedelta(days=7)
    weekly.save()
    assert list(MeasureAlert.objects.due(Frequency.WEEKLY)) == [weekly]


# --- unsubscribe -------------------------------------------------------------------------------


def test_one_click_unsubscribe_by_signed_link(client, employee):
    alert = make_alert(employee)
    url = alert.get_unsubscribe_url()
    page = client.get(url)
    assert "Отписаться" in page.content.decode()
    alert.refresh_from_db()
    assert alert.is_active  # a mail scanner's GET must not unsubscribe
    client.post(url)
    alert.refresh_from_db()
    assert not alert.is_active
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    assert send_alert_digests(alert.frequency) == 0


def test_a_forged_unsubscribe_token_is_refused(client, employee):
    alert = make_alert(employee)
    forged = reverse("navigator:alert_unsubscribe", args=[f"{alert.pk}:forged"])
    assert client.post(forged).status_code == 404
    alert.refresh_from_db()
    assert alert.is_active


# --- deadline reminders ------------------------------------------------------------------------


def test_bookmarked_measures_are_reminded_once_before_they_close(employee):
    today = timezone.localdate()
    closing = SupportMeasureFactory(title="Закрывается скоро", closes_on=today + timedelta(days=3))
    later = SupportMeasureFactory(title="Нескоро", closes_on=today + timedelta(days=40))
    Bookmark.add(employee, closing)
    Bookmark.add(employee, later)
    assert send_deadline_reminders() == 1
    assert send_deadline_reminders() == 0
    texts = list(
        Notification.objects.filter(kind=digests.DEADLINE_KIND).values_list("text", flat=True)
    )
    assert len(texts) == 1 and "Закрывается скоро" in texts[0]


def test_submitted_applications_get_no_reminder(employee):
    measure = SupportMeasureFactory(closes_on=timezone.localdate() + timedelta(days=2))
    bookmark = Bookmark.add(employee, measure)
    bookmark.status = ApplicationStatus.APPLIED
    bookmark.save()
    assert send_deadline_reminders() == 0


def test_an_extended_deadline_earns_a_new_reminder(employee):
    today = timezone.localdate()
    measure = SupportMeasureFactory(closes_on=today + timedelta(days=2))
    Bookmark.add(employee, measure)
    send_deadline_reminders()
    measure.closes_on = today + timedelta(days=5)
    measure.save()
    assert send_deadline_reminders() == 1
    assert Delivery.objects.filter(channel__startswith="navigator.deadline:").count() == 2


@pytest.mark.parametrize(
    ("lead_time", "days_left", "reminded"),
    [
        (ReminderLeadTime.TWO_WEEKS, 10, True),
        (ReminderLeadTime.WEEK, 10, False),
        (ReminderLeadTime.WEEK, 7, True),
        (ReminderLeadTime.ONE_DAY, 3, False),
        (ReminderLeadTime.ONE_DAY, 1, True),
    ],
)
def test_the_reminder_follows_the_lead_time_the_user_chose(
    employee, lead_time, days_left, reminded
):
    measure = SupportMeasureFactory(closes_on=timezone.localdate() + timedelta(days=days_left))
    bookmark = Bookmark.add(employee, measure)
    bookmark.remind_days_before = lead_time
    bookmark.save()
    assert send_deadline_reminders() == int(reminded)


def test_a_longer_lead_time_chosen_after_the_reminder_sends_no_second_one(employee):
    measure = SupportMeasureFactory(closes_on=timezone.localdate() + timedelta(days=2))
    bookmark = Bookmark.add(employee, measure)
    assert bookmark.remind_days_before == ReminderLeadTime.WEEK
    assert send_deadline_reminders() == 1
    bookmark.remind_days_before = ReminderLeadTime.TWO_WEEKS
    bookmark.save()
    assert send_deadline_reminders() == 0


def test_the_user_chooses_the_lead_time_on_the_bookmark_form(client, employee):
    bookmark = Bookmark.add(employee, SupportMeasureFactory())
    client.force_login(employee)
    url = reverse("navigator:bookmark_edit", args=[bookmark.pk])
    assert "Напомнить о сроке подачи" in client.get(url).content.decode()
    client.post(url, {"status": ApplicationStatus.PREPARING, "remind_days_before": "3"})
    bookmark.refresh_from_db()
    assert bookmark.remind_days_before == 3
    # A quick status change without the field keeps the chosen lead time.
    client.post(url, {"status": ApplicationStatus.PLANNED})
    bookmark.refresh_from_db()
    assert bookmark.remind_days_before == 3
    response = client.post(url, {"status": ApplicationStatus.PLANNED, "remind_days_before": "5"})
    assert response.status_code == 200
    bookmark.refresh_from_db()
    assert bookmark.remind_days_before == 3


def test_periodic_tasks_are_in_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    # Alert digests of every service run from the portal's task.
    assert {
        "portal.notifications.tasks.send_alert_digests",
        "navigator.tasks.send_deadline_reminders",
        "navigator.tasks.check_measure_links",
    } <= tasks
