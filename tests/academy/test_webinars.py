"""Webinars: seat limit, .ics, reminders once, attendance counting for completion."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy import reminders
from academy.models import Enrollment, LessonCompletion, Webinar, WebinarError
from portal.notifications.models import Notification
from tests.academy.factories import make_course
from tests.factories import UserFactory


@pytest.fixture
def webinar(db):
    return Webinar.objects.create(
        title="Открытые данные",
        starts_at=timezone.now() + timedelta(hours=20),
        platform_url="https://webinar.example.ru/2",
        seats=1,
    )


def test_the_last_seat_goes_to_one_person(webinar, employee, other_employee):
    webinar.register(employee)
    webinar.register(employee)
    with pytest.raises(WebinarError):
        webinar.register(other_employee)
    assert webinar.registrations.count() == 1


def test_reminders_are_sent_once_a_day_before(webinar, employee):
    webinar.register(employee)
    assert reminders.remind_webinars() == 1
    assert reminders.remind_webinars() == 0
    assert Notification.objects.filter(user=employee, kind="academy.webinar").count() == 1


def test_the_calendar_file_describes_the_webinar(webinar, client):
    response = client.get(reverse("academy:webinar_ics", args=[webinar.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_attendance_counts_for_completion_when_the_course_requires_it(db, employee):
    course = make_course(title="С вебинаром", lessons=1, requires_webinar=True)
    enrollment = Enrollment.enrol(employee, course)
    LessonCompletion.mark(enrollment, course.lessons[0])
    assert enrollment.status == "active"
    webinar = Webinar.objects.create(
        title="Практикум",
        course=course,
        starts_at=timezone.now() + timedelta(days=1),
        platform_url="https://webinar.example.ru/3",
    )
    webinar.register(employee)
    webinar.mark_attended([employee])
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"


def test_deadline_reminders_before_the_end_and_when_overdue(db):
    from academy.models import Cohort

    course = make_course(title="Поток", format="cohort")
    today = timezone.localdate()
    soon = Cohort.objects.create(
        course=course,
        title="Скоро",
        starts_on=today,
        ends_on=today + timedelta(days=reminders.DAYS_BEFORE_DEADLINE),
    )
    learner = UserFactory()
    Enrollment.enrol(learner, course, cohort=soon)
    assert reminders.remind_deadlines(today) == 1
    assert (
        reminders.remind_deadlines(today + timedelta(days=reminders.DAYS_BEFORE_DEADLINE + 1)) == 1
    )


class FrozenClock:
    """`django.utils.timezone.now` held at a chosen moment and moved only by the test."""

    def __init__(self, monkeypatch, moment):
        self.moment = moment
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def move_to(self, moment):
        self.moment = moment


def _webinar_notices(user):
    return list(
        Notification.objects.filter(user=user, kind="academy.webinar")
        .order_by("pk")
        .values_list("text", flat=True)
    )


def test_the_day_and_hour_reminders_are_each_sent_exactly_once(db, employee, monkeypatch):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=3)
    clock = FrozenClock(monkeypatch, starts_at - timedelta(days=3))
    webinar = Webinar.objects.create(
        title="Данные в управлении", starts_at=starts_at, platform_url="https://w.example.ru/4"
    )
    webinar.register(employee)
    # The beat runs every five minutes from two days before to after the start.
    sent_at = {}
    moment = starts_at - timedelta(days=2)
    while moment <= starts_at + timedelta(minutes=30):
        clock.move_to(moment)
        if reminders.remind_webinars():
            sent_at.setdefault(len(_webinar_notices(employee)), moment)
        moment += timedelta(minutes=5)
    notices = _webinar_notices(employee)
    assert len(notices) == 2
    assert "через час" not in notices[0] and "в " in notices[0]
    assert notices[1].endswith("начнётся через час.")
    assert sent_at[1] == starts_at - timedelta(days=1)
    assert sent_at[2] == starts_at - timedelta(hours=1)


def test_a_repeated_run_at_the_same_moment_sends_nothing_more(db, employee, monkeypatch):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(minutes=50)
    FrozenClock(monkeypatch, starts_at - timedelta(minutes=50))
    webinar = Webinar.objects.create(
        title="Сразу", starts_at=starts_at, platform_url="https://w.example.ru/5"
    )
    webinar.register(employee)
    assert reminders.remind_webinars() == 1
    assert reminders.remind_webinars() == 0
    # Registered within the last hour: one reminder, «через час», never «tomorrow» as well.
    assert _webinar_notices(employee) == ["Вебинар «Сразу» начнётся через час."]


def test_a_reminder_is_claimed_once_even_when_two_runs_saw_it_due(db, employee, monkeypatch):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(hours=5)
    FrozenClock(monkeypatch, starts_at - timedelta(hours=5))
    webinar = Webinar.objects.create(
        title="Гонка", starts_at=starts_at, platform_url="https://w.example.ru/6"
    )
    registration = webinar.register(employee)
    # A second worker read the row as due before the first one stored its flag.
    assert reminders._claim(registration, reminded_day=True) is True
    assert reminders._claim(registration, reminded_day=True) is False
    assert reminders.remind_webinars() == 0


def test_no_reminder_for_a_webinar_that_already_started(db, employee, monkeypatch):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    clock = FrozenClock(monkeypatch, starts_at - timedelta(hours=2))
    webinar = Webinar.objects.create(
        title="Прошёл", starts_at=starts_at, platform_url="https://w.example.ru/7"
    )
    webinar.register(employee)
    clock.move_to(starts_at + timedelta(minutes=1))
    assert reminders.remind_webinars() == 0
    assert _webinar_notices(employee) == []


def test_the_catalogue_lists_the_next_webinars_without_a_query_and_follows_changes(
    db, client, django_assert_num_queries
):
    now = timezone.now()
    first = Webinar.objects.create(
        title="Первый вебинар", starts_at=now + timedelta(hours=1), platform_url="https://w.ru/1"
    )
    url = reverse("academy:index") + "?level=basic"
    assert "Первый вебинар" in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert [webinar["pk"] for webinar in Webinar.soonest(3)] == [first.pk]
    sooner = Webinar.objects.create(
        title="Срочный вебинар",
        starts_at=now + timedelta(minutes=30),
        platform_url="https://w.ru/2",
    )
    assert [webinar["pk"] for webinar in Webinar.soonest(3)] == [sooner.pk, first.pk]
    later = now + timedelta(minutes=45)  # the sooner one has started: the list is read again
    assert [webinar["pk"] for webinar in Webinar.soonest(3, now=later)] == [first.pk]
    first.title = "Переименованный вебинар"
    first.save()
    assert "Переименованный вебинар" in client.get(url).content.decode()
    first.delete()
    assert "Переименованный вебинар" not in client.get(url).content.decode()
