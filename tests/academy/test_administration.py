"""On-site screens of academy administrators: survey results and accommodations."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from academy.models import (
    Accommodation,
    Attempt,
    CourseFeedback,
    Enrollment,
    EnrollmentStatus,
)
from tests.factories import UserFactory

# ---- survey results --------------------------------------------------------------------------


def answer(course, rating, useful, comment=""):
    enrollment = Enrollment.objects.create(
        user=UserFactory(), course=course, status=EnrollmentStatus.COMPLETED
    )
    return CourseFeedback.objects.create(
        enrollment=enrollment, rating=rating, useful=useful, comment=comment
    )


@pytest.fixture
def answered(course):
    answer(course, 5, True, "Больше практики")
    answer(course, 4, True, "<script>alert(1)</script>")
    answer(course, 3, False)
    return course


def test_the_summary_counts_each_answer_and_the_average(answered):
    summary = CourseFeedback.objects.of_course(answered).summary()
    assert summary["answers"] == 3
    assert float(summary["average"]) == pytest.approx(4.0)
    assert summary["ratings"] == [(5, 1), (4, 1), (3, 1), (2, 0), (1, 0)]
    assert (summary["useful_yes"], summary["useful_no"]) == (2, 1)


def test_the_course_screen_shows_counts_and_escaped_free_text(answered, academy_admin, client):
    client.force_login(academy_admin)
    page = client.get(reverse("academy:feedback_course", args=[answered.pk])).content.decode()
    assert "Ответов: 3" in page and "средняя оценка 4,0 из 5" in page
    assert "Больше практики" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<h1") == 1


def test_the_list_shows_each_course_with_answers(answered, academy_admin, client):
    client.force_login(academy_admin)
    page = client.get(reverse("academy:feedback_summary")).content.decode()
    assert answered.title in page and "4,0 из 5" in page


def test_the_export_neutralises_formulas_and_names_nobody(course, academy_admin, client):
    feedback = answer(course, 2, False, '=HYPERLINK("http://evil")')
    client.force_login(academy_admin)
    response = client.get(reverse("academy:feedback_export", args=[course.pk]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in text
    assert feedback.enrollment.user.email not in text


def test_a_course_with_no_answers_says_so(course, academy_admin, client):
    client.force_login(academy_admin)
    page = client.get(reverse("academy:feedback_course", args=[course.pk])).content.decode()
    assert "ответов на опрос пока нет" in page


# ---- accommodations --------------------------------------------------------------------------


def grant(client, **fields):
    data = {"email": "", "quiz": "", "extra_minutes": "0", "extra_attempts": "0", **fields}
    return client.post(reverse("academy:accommodations"), data)


def test_an_administrator_grants_extra_time_and_attempts_and_it_is_logged(
    quiz, employee, academy_admin, client
):
    client.force_login(academy_admin)
    response = grant(
        client, email=employee.email.upper(), quiz=quiz.pk, extra_minutes="15", extra_attempts="2"
    )
    assert response.status_code == 302
    accommodation = Accommodation.objects.get(user=employee, quiz=quiz)
    assert (accommodation.extra_minutes, accommodation.extra_attempts) == (15, 2)
    assert accommodation.granted_by == academy_admin
    entry = LogEntry.objects.get(object_id=str(accommodation.pk))
    assert entry.user == academy_admin and "+15 мин" in entry.change_message
    page = client.get(reverse("academy:accommodations")).content.decode()
    assert employee.email in page and "15 мин" in page


def test_a_resubmitted_grant_creates_nothing_new_and_a_new_one_replaces_the_values(
    quiz, employee, academy_admin, client
):
    client.force_login(academy_admin)
    for _ in range(2):
        grant(client, email=employee.email, quiz=quiz.pk, extra_minutes="10", extra_attempts="1")
    assert Accommodation.objects.filter(user=employee, quiz=quiz).count() == 1
    grant(client, email=employee.email, quiz=quiz.pk, extra_minutes="0", extra_attempts="3")
    accommodation = Accommodation.objects.get(user=employee, quiz=quiz)
    assert (accommodation.extra_minutes, accommodation.extra_attempts) == (0, 3)


def test_the_grant_reaches_the_quiz_engine(quiz, course, employee, academy_admin, client):
    client.force_login(academy_admin)
    grant(client, email=employee.email, quiz=quiz.pk, extra_minutes="0", extra_attempts="2")
    assert Attempt.allowed_attempts(employee, quiz) == quiz.attempt_limit + 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"email": "nobody@example.ru", "extra_minutes": "5"},
            "Пользователь с таким e-mail не найден.",
        ),
        (
            {"email": "не адрес", "extra_minutes": "5"},
            "Введите правильный адрес электронной почты.",
        ),
        ({"extra_minutes": "-5"}, "Время не может быть отрицательным."),
        ({"extra_minutes": "601"}, "Не больше 600 минут."),
        ({"extra_attempts": "21"}, "Не больше 20 попыток."),
        ({"extra_attempts": "два"}, "Введите целое число попыток."),
        ({}, "Укажите дополнительное время, попытки или и то и другое."),
        ({"quiz": "999999", "extra_minutes": "5"}, "Такого теста нет, выберите тест из списка."),
    ],
)
def test_a_wrong_grant_is_refused_in_russian_and_keeps_the_input(
    quiz, employee, academy_admin, client, fields, message
):
    client.force_login(academy_admin)
    data = {"email": employee.email, "quiz": quiz.pk, **fields}
    response = grant(client, **data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{data["email"]}"' in page
    assert not Accommodation.objects.exists()


def test_only_academy_administrators_grant(quiz, employee, manager, client):
    client.force_login(manager)
    response = grant(client, email=employee.email, quiz=quiz.pk, extra_minutes="5")
    assert response.status_code in (302, 403)
    assert not Accommodation.objects.exists()
