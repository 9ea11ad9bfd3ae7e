"""The programme page: courses in order, my progress through them, the mark for my position."""

import pytest
from django.urls import reverse

from academy.models import Certificate, Enrollment, LessonCompletion, Programme, ProgrammeCourse
from tests.academy.bounds import assert_bounded
from tests.academy.factories import make_course
from tests.factories import UserFactory


@pytest.fixture
def programme(db):
    programme = Programme.objects.create(
        title="Школа мэров",
        slug="shkola-merov",
        summary="Программа для глав муниципальных образований.",
        recommended_for=["digital"],
        mandatory_for=["head"],
    )
    for order, title in enumerate(["Стратегия", "Команда", "Бюджет"]):
        ProgrammeCourse.objects.create(
            programme=programme, sort_order=order, course=make_course(title=title, lessons=1)
        )
    return programme


PROGRAMME_QUERIES = 10


def finish(user, course):
    enrollment = Enrollment.enrol(user, course)
    for lesson in course.lessons:
        LessonCompletion.mark(enrollment, lesson)
    return enrollment


def test_a_guest_sees_the_courses_in_order_and_no_progress(programme, client):
    page = client.get(programme.get_absolute_url()).content.decode()
    assert page.index("Стратегия") < page.index("Команда") < page.index("Бюджет")
    assert "Мой прогресс" not in page
    assert page.count("<h1") == 1


def test_a_learner_sees_their_progress_through_the_programme(programme, client):
    learner = UserFactory(position="Глава сельского поселения")
    first, second, _ = programme.courses()
    finish(learner, first)
    Enrollment.enrol(learner, second)
    client.force_login(learner)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Завершено курсов: 1 из 3" in page
    assert 'value="33"' in page
    assert "завершил, 100 %" in page and "учится, 0 %" in page
    assert "ещё не записаны" in page
    assert "Обязательно для вашей должности" in page


def test_the_recommended_mark_follows_the_position(programme, client):
    client.force_login(UserFactory(position="Специалист по цифровизации"))
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Рекомендовано для вашей должности" in page
    client.force_login(UserFactory(position="Бухгалтер"))
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "для вашей должности" not in page


def test_finishing_every_course_issues_the_programme_certificate_shown_on_the_page(
    programme, client
):
    learner = UserFactory()
    for course in programme.courses():
        finish(learner, course)
    certificate = Certificate.objects.get(user=learner, programme=programme)
    client.force_login(learner)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Завершено курсов: 3 из 3" in page
    assert certificate.number in page


def test_the_list_marks_programmes_for_my_position(programme, client):
    client.force_login(UserFactory(position="Глава городского округа"))
    page = client.get(reverse("academy:programmes")).content.decode()
    assert "Школа мэров" in page and "Обязательно для вашей должности" in page
    assert "Курсов: 3" in page


def test_an_unknown_programme_is_404(db, client):
    assert client.get(reverse("academy:programme", args=["net-takoy"])).status_code == 404


def test_the_programme_page_is_bounded(programme, client, django_assert_max_num_queries):
    learner = UserFactory()
    finish(learner, programme.courses()[0])
    client.force_login(learner)

    def grow():
        for order in range(3, 12):
            course = make_course(title=f"Дополнительный {order}", lessons=1)
            ProgrammeCourse.objects.create(programme=programme, sort_order=order, course=course)
            Enrollment.enrol(learner, course)

    assert_bounded(
        client,
        programme.get_absolute_url(),
        PROGRAMME_QUERIES,
        grow,
        django_assert_max_num_queries,
    )
