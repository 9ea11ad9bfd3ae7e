"""«Продолжить» reads the next lesson stored on the enrolment: it must follow completions and
every change of the course's lessons (publish, unpublish, move, delete), and the data migration
must fill it by the same rule."""

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from academy.models import Enrollment, LessonCompletion, LessonPage
from tests.academy.factories import make_course

fill = importlib.import_module("academy.migrations.0005_enrollment_next_lesson")


@pytest.fixture
def course(db):
    return make_course(title="Три урока", lessons=3)


@pytest.fixture
def enrollment(course, employee):
    return Enrollment.enrol(employee, course)


def stored(enrollment):
    enrollment.refresh_from_db()
    return enrollment.next_lesson


def continue_link(client):
    page = client.get(reverse("academy:my")).content.decode()
    return page.split("Продолжить: ")[1].split("<")[0] if "Продолжить: " in page else None


def test_completions_move_the_next_lesson_and_the_my_page_follows(
    course, enrollment, employee, client
):
    first, second, third = course.lessons
    client.force_login(employee)
    assert stored(enrollment) == first and continue_link(client) == "Урок 1"
    assert client.post(reverse("academy:complete_lesson", args=[second.pk])).status_code == 302
    assert stored(enrollment) == first  # a lesson skipped stays next
    assert continue_link(client) == "Урок 1"
    LessonCompletion.mark(enrollment, first)
    assert stored(enrollment) == third and continue_link(client) == "Урок 3"
    assert enrollment.lessons_done == 2 and enrollment.progress == 67


def test_when_every_lesson_is_done_continue_opens_the_last_one_read(
    course, enrollment, employee, client
):
    first, second, third = course.lessons
    for lesson in (first, third, second):
        LessonCompletion.mark(enrollment, lesson)
    assert stored(enrollment) is None
    assert enrollment.continue_lesson == second


def test_a_lesson_published_later_becomes_next_for_those_who_finished(
    course, enrollment, other_employee
):
    for lesson in course.lessons:
        LessonCompletion.mark(enrollment, lesson)
    waiting = Enrollment.enrol(other_employee, course)
    new = course.add_child(instance=LessonPage(title="Урок 4", body=[], live=False))
    new.save_revision().publish()
    assert stored(enrollment) == new
    assert stored(waiting) == course.lessons[0]


def test_unpublishing_deleting_and_moving_lessons_recount_the_next_one(course, enrollment):
    first, second, third = course.lessons
    LessonCompletion.mark(enrollment, first)
    assert stored(enrollment) == second
    LessonPage.objects.get(pk=second.pk).unpublish()
    assert stored(enrollment) == third
    LessonPage.objects.get(pk=third.pk).move(first, pos="left")  # third is now first in order
    assert stored(enrollment) == third
    LessonPage.objects.get(pk=third.pk).delete()
    assert stored(enrollment) is None


def test_the_data_migration_fills_the_next_lesson_by_the_same_rule(course, employee, client):
    first, second, third = course.lessons
    other = make_course(title="Другой", lessons=2)
    enrolments = [Enrollment.enrol(employee, course), Enrollment.enrol(employee, other)]
    LessonCompletion.mark(enrolments[0], first)
    LessonCompletion.mark(enrolments[0], third)
    for lesson in other.lessons:
        LessonCompletion.mark(enrolments[1], lesson)
    expected = [stored(e) for e in enrolments]
    assert expected == [second, None]
    Enrollment.objects.update(next_lesson=None)
    LessonCompletion.objects.create(user=employee, lesson=second)  # written around the model
    with connection.cursor() as cursor:
        cursor.execute(fill.FILL_NEXT_LESSON)
    assert [stored(e) for e in enrolments] == [None, None]
    LessonCompletion.objects.filter(lesson=second).delete()
    with connection.cursor() as cursor:
        cursor.execute(fill.FILL_NEXT_LESSON)
    assert [stored(e) for e in enrolments] == expected
    assert Enrollment.objects.filter(pk=enrolments[0].pk).refresh_next_lessons() == 0
