"""Enrolment in the three modes, approval, assignment, leaving, progress and «Продолжить»."""

import pytest
from django.urls import reverse

from academy.models import (
    Cohort,
    Enrollment,
    EnrollmentError,
    EnrollmentStatus,
    LessonCompletion,
)
from portal.notifications.models import Notification
from tests.academy.factories import make_course


def test_an_open_course_starts_at_once_and_a_repeat_changes_nothing(course, employee):
    first = Enrollment.enrol(employee, course)
    again = Enrollment.enrol(employee, course)
    assert first.pk == again.pk and again.status == EnrollmentStatus.ACTIVE
    assert Enrollment.objects.filter(user=employee).count() == 1


def test_a_course_by_request_waits_for_the_academy_administrator(db, employee, academy_admin):
    course = make_course(title="По заявке", enrolment_mode="request")
    enrollment = Enrollment.enrol(employee, course)
    assert enrollment.status == EnrollmentStatus.REQUESTED
    assert enrollment.approve(academy_admin) and not enrollment.approve(academy_admin)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE and enrollment.decided_by == academy_admin
    assert Notification.objects.filter(user=employee, kind="academy.enrollment").exists()


def test_an_assigned_only_course_refuses_self_enrolment_and_accepts_assignment(
    db, employee, academy_admin
):
    course = make_course(title="По назначению", enrolment_mode="assigned")
    with pytest.raises(EnrollmentError):
        Enrollment.enrol(employee, course)
    cohort = Cohort.objects.create(
        course=course, title="Весна", starts_on="2026-03-01", ends_on="2026-05-31"
    )
    enrollment = Enrollment.enrol(employee, course, by=academy_admin, cohort=cohort)
    assert enrollment.status == EnrollmentStatus.ACTIVE and enrollment.cohort == cohort


def test_prerequisites_must_be_completed_first(db, employee, course):
    advanced = make_course(title="Продвинутый")
    advanced.prerequisites.add(course)
    advanced.save()
    with pytest.raises(EnrollmentError):
        Enrollment.enrol(employee, advanced)


def test_leaving_and_coming_back(course, employee, client):
    Enrollment.enrol(employee, course)
    client.force_login(employee)
    client.post(reverse("academy:leave", args=[course.pk]))
    assert Enrollment.objects.get(user=employee).status == EnrollmentStatus.LEFT
    client.post(reverse("academy:enrol", args=[course.pk]))
    assert Enrollment.objects.get(user=employee).status == EnrollmentStatus.ACTIVE


def test_lessons_are_readable_only_after_enrolment(course, employee, editor, client):
    lesson = course.lessons[0]
    client.force_login(employee)
    assert client.get(lesson.url).status_code == 403
    Enrollment.enrol(employee, course)
    assert "Текст урока 1" in client.get(lesson.url).content.decode()
    client.force_login(editor)
    assert client.get(lesson.url).status_code == 200


def test_completion_rows_progress_and_continue(course, employee, client):
    enrollment = Enrollment.enrol(employee, course)
    first, second = course.lessons
    client.force_login(employee)
    response = client.post(reverse("academy:complete_lesson", args=[first.pk]))
    assert response.url == second.url
    client.post(reverse("academy:complete_lesson", args=[first.pk]))
    assert LessonCompletion.objects.filter(user=employee).count() == 1
    enrollment.refresh_from_db()
    assert enrollment.progress == 50 and enrollment.continue_lesson == second
    page = client.get(reverse("academy:my")).content.decode()
    assert "Продолжить: Урок 2" in page and 'value="50"' in page


def test_unverified_users_cannot_enrol(course, unverified_user, client):
    client.force_login(unverified_user)
    assert client.post(reverse("academy:enrol", args=[course.pk])).status_code == 403
    assert not Enrollment.objects.exists()


def test_bulk_assignment_by_a_file_of_emails(course, employee, academy_admin, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(academy_admin)
    upload = SimpleUploadedFile("people.csv", f"{employee.email}\nnobody@example.ru\n".encode())
    response = client.post(reverse("academy:assign"), {"course": course.pk, "emails_file": upload})
    assert response.status_code == 302
    assert Enrollment.objects.get(user=employee).assigned_by == academy_admin


def test_requests_page_approves(db, employee, academy_admin, client):
    course = make_course(title="Заявочный", enrolment_mode="request")
    enrollment = Enrollment.enrol(employee, course)
    client.force_login(academy_admin)
    assert course.title in client.get(reverse("academy:requests")).content.decode()
    client.post(reverse("academy:decide", args=[enrollment.pk]), {"decision": "approve"})
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE
