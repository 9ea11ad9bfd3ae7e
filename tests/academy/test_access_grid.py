"""Every academy URL for every role: guest, learner, other learner, unverified user, academy
administrator, scoped managers of this and of another municipality, editor."""

import pytest
from django.urls import reverse

from academy.models import (
    Attempt,
    Certificate,
    Enrollment,
    LessonCompletion,
    Programme,
    ProgrammeCourse,
    Webinar,
)
from tests.academy.factories import right_answers
from tests.access_grid import AWAY, LOGIN, answer

ROLES = [
    "guest",
    "employee",
    "other_employee",
    "unverified_user",
    "academy_admin",
    "manager",
    "other_manager",
    "editor",
]


@pytest.fixture
def world(course, quiz, employee, django_capture_on_commit_callbacks):
    from django.utils import timezone

    enrollment = Enrollment.enrol(employee, course)
    for lesson in course.lessons:
        LessonCompletion.mark(enrollment, lesson)
    attempt = Attempt.start(enrollment, quiz)
    with django_capture_on_commit_callbacks(execute=True):
        attempt.submit(right_answers(attempt))
        enrollment.refresh_progress()
    webinar = Webinar.objects.create(
        title="Вебинар",
        course=course,
        starts_at=timezone.now() + timezone.timedelta(days=2),
        platform_url="https://webinar.example.ru/1",
    )
    programme = Programme.objects.create(title="Школа мэров", slug="shkola", summary="Программа")
    ProgrammeCourse.objects.create(programme=programme, course=course)
    return {
        "programme": programme,
        "course": course,
        "lesson": course.lessons[0],
        "attempt": attempt,
        "certificate": Certificate.objects.get(),
        "webinar": webinar,
        "enrollment": enrollment,
    }


def urls(world):
    """(name, url, method, who gets 2xx/3xx) — everyone else gets 302 to login, 403 or 404."""
    certificate, attempt = world["certificate"], world["attempt"]
    everyone = set(ROLES)
    signed_in = everyone - {"guest"}
    return [
        ("catalogue", reverse("academy:index"), "get", everyone),
        ("my", reverse("academy:my"), "get", signed_in),
        ("course page", world["course"].url, "get", everyone),
        ("lesson", world["lesson"].url, "get", {"employee", "academy_admin", "editor"}),
        (
            "attempt",
            reverse("academy:attempt", args=[attempt.pk]),
            "get",
            {"employee", "academy_admin"},
        ),
        ("verify", certificate.get_absolute_url(), "get", everyone),
        ("lookup", reverse("academy:certificate_lookup"), "get", everyone),
        (
            "pdf",
            reverse("academy:certificate_pdf", args=[certificate.uuid]),
            "get",
            {"employee", "academy_admin"},
        ),
        (
            "credential",
            reverse("academy:certificate_credential", args=[certificate.uuid]),
            "get",
            {"employee", "academy_admin"},
        ),
        ("issuer", reverse("academy:issuer"), "get", everyone),
        ("webinars", reverse("academy:webinars"), "get", everyone),
        ("webinar", reverse("academy:webinar", args=[world["webinar"].pk]), "get", everyone),
        ("ics", reverse("academy:webinar_ics", args=[world["webinar"].pk]), "get", everyone),
        ("programmes", reverse("academy:programmes"), "get", everyone),
        ("programme", world["programme"].get_absolute_url(), "get", everyone),
        ("requests", reverse("academy:requests"), "get", {"academy_admin"}),
        ("accommodations", reverse("academy:accommodations"), "get", {"academy_admin"}),
        (
            "grant accommodation",
            reverse("academy:accommodations"),
            "post",
            {"academy_admin"},
        ),
        ("feedback", reverse("academy:feedback_summary"), "get", {"academy_admin"}),
        (
            "course feedback",
            reverse("academy:feedback_course", args=[world["course"].pk]),
            "get",
            {"academy_admin"},
        ),
        (
            "feedback export",
            reverse("academy:feedback_export", args=[world["course"].pk]),
            "get",
            {"academy_admin"},
        ),
        (
            "comment on the course",
            reverse("community:comment", args=["academy.coursepage", world["course"].pk]),
            "post",
            # Verified people who may read its lessons: its learner, the academy administrator
            # and the editor (the unverified never write in the community).
            {"employee", "academy_admin", "editor"},
        ),
        ("assign", reverse("academy:assign"), "get", {"academy_admin"}),
        ("report", reverse("academy:report"), "get", {"academy_admin", "manager", "other_manager"}),
        (
            "export",
            reverse("academy:report_export", args=["csv"]),
            "get",
            {"academy_admin", "manager", "other_manager"},
        ),
        (
            "revoke",
            reverse("academy:certificate_revoke", args=[certificate.uuid]),
            "post",
            {"academy_admin"},
        ),
        (
            "enrol",
            reverse("academy:enrol", args=[world["course"].pk]),
            "post",
            {"employee", "other_employee", "academy_admin", "manager", "other_manager", "editor"},
        ),
    ]


PAYLOADS = {
    "revoke": {"reason": "проверка"},
    "grant accommodation": {"email": "nobody@example.ru", "extra_minutes": "5"},
    "comment on the course": {"text": "Вопрос по курсу"},
}


@pytest.mark.parametrize("role", ROLES)
def test_every_view_answers_each_role_as_declared(role, world, request, client):
    if role != "guest":
        client.force_login(request.getfixturevalue(role))
    for name, url, method, allowed in urls(world):
        outcome = answer(getattr(client, method)(url, PAYLOADS.get(name, {})))
        if role in allowed:
            assert outcome in (200, AWAY), (name, role, outcome)
        else:
            assert outcome in (403, 404, LOGIN), (name, role, outcome)


def test_a_scoped_manager_sees_only_their_municipalitys_people(
    world, employee, manager, other_manager, client
):
    course = world["course"]
    region = employee.municipality.region
    url = (
        reverse("academy:report")
        + f"?course={course.pk}&region={region.pk}&municipality={employee.municipality.pk}"
    )
    client.force_login(manager)
    assert str(employee) in client.get(url).content.decode()
    client.force_login(other_manager)
    assert client.get(url).status_code == 404
    summary = client.get(reverse("academy:report") + f"?course={course.pk}").content.decode()
    assert str(employee.municipality.region) not in summary
    export = client.get(reverse("academy:report_export", args=["csv"]) + f"?course={course.pk}")
    assert str(employee.municipality.region).encode() not in export.content


def test_export_neutralises_formulas(world, employee, academy_admin, client):
    employee.last_name = '=HYPERLINK("http://evil")'
    employee.save()
    client.force_login(academy_admin)
    course = world["course"]
    url = reverse("academy:report_export", args=["csv"]) + (
        f"?course={course.pk}&region={employee.municipality.region_id}&municipality={employee.municipality_id}"
    )
    text = client.get(url).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
