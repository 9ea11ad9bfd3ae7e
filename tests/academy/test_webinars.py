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
