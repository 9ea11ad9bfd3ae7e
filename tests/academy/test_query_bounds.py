"""Bounded SQL per page: the same number of queries with a little data and with more of it."""

import pytest
from django.urls import reverse

from academy.models import Certificate, Enrollment, LessonCompletion
from tests.academy.bounds import assert_bounded
from tests.academy.factories import make_course
from tests.factories import MunicipalityFactory, UserFactory

CATALOGUE_QUERIES = 6
MY_LEARNING_QUERIES = 4
LESSON_QUERIES = 4
REGION_REPORT_QUERIES = 7
VERIFICATION_QUERIES = 6


def completed(user, course):
    enrollment = Enrollment.enrol(user, course)
    for lesson in course.lessons:
        LessonCompletion.mark(enrollment, lesson)
    return enrollment


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_catalogue_is_bounded(db, employee, client, signed_in, django_assert_max_num_queries):
    if signed_in:
        client.force_login(employee)
    for number in range(2):
        Enrollment.enrol(employee, make_course(title=f"Курс {number}", lessons=1))

    def grow():
        for number in range(2, 14):
            Enrollment.enrol(employee, make_course(title=f"Курс {number}", lessons=1))

    assert_bounded(
        client, reverse("academy:index"), CATALOGUE_QUERIES, grow, django_assert_max_num_queries
    )


def test_the_catalogue_search_is_bounded(db, client, django_assert_max_num_queries):
    make_course(title="Анализ данных в администрации", lessons=0)

    def grow():
        for number in range(12):
            make_course(title=f"Данные и отчёты {number}", lessons=0)

    url = reverse("academy:index") + "?q=данные&level=basic"
    assert_bounded(client, url, CATALOGUE_QUERIES, grow, django_assert_max_num_queries)


def test_my_learning_is_bounded(db, employee, client, django_assert_max_num_queries):
    client.force_login(employee)
    Enrollment.enrol(employee, make_course(title="Первый", lessons=3))
    completed(employee, make_course(title="Завершённый", lessons=1))

    def grow():
        for number in range(10):
            enrollment = Enrollment.enrol(employee, make_course(title=f"Ещё {number}", lessons=3))
            LessonCompletion.mark(enrollment, enrollment.course.lessons[0])
        for number in range(3):
            completed(employee, make_course(title=f"Готово {number}", lessons=1))

    assert_bounded(
        client, reverse("academy:my"), MY_LEARNING_QUERIES, grow, django_assert_max_num_queries
    )


def test_a_lesson_page_is_bounded(
    db, employee, other_employee, client, django_assert_max_num_queries
):
    course = make_course(title="Длинный курс", lessons=3)
    enrollment = Enrollment.enrol(employee, course)
    client.force_login(employee)
    lesson = course.lessons[1]
    LessonCompletion.mark(enrollment, course.lessons[0])

    def grow():
        for number in range(12):
            course.add_child(
                instance=type(lesson)(title=f"Доп. урок {number}", body=[("text", "<p>т</p>")])
            )
        course.__dict__.pop("lessons", None)
        for other in [other_employee, *UserFactory.create_batch(5)]:
            LessonCompletion.mark(Enrollment.enrol(other, course), lesson)

    assert_bounded(client, lesson.url, LESSON_QUERIES, grow, django_assert_max_num_queries)


def test_a_course_report_for_a_region_is_bounded(
    db, academy_admin, client, django_assert_max_num_queries
):
    course = make_course(title="Отчётный", lessons=1)
    first = MunicipalityFactory()
    region = first.region
    Enrollment.enrol(UserFactory(municipality=first), course)
    client.force_login(academy_admin)

    def grow():
        for _ in range(8):
            municipality = MunicipalityFactory(region=region)
            for person in UserFactory.create_batch(3, municipality=municipality):
                completed(person, course)

    url = reverse("academy:report") + f"?course={course.pk}&region={region.pk}"
    assert_bounded(client, url, REGION_REPORT_QUERIES, grow, django_assert_max_num_queries)


def test_the_verification_page_is_bounded(db, client, django_assert_max_num_queries):
    course = make_course(title="С сертификатом", lessons=1)
    completed(UserFactory(), course)
    certificate = Certificate.objects.get()

    def grow():
        for person in UserFactory.create_batch(10):
            completed(person, course)
        certificate.revoke(None, "Проверка")

    assert_bounded(
        client,
        certificate.get_absolute_url(),
        VERIFICATION_QUERIES,
        grow,
        django_assert_max_num_queries,
    )
