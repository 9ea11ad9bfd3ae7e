"""Lesson pages at /academy/lessons/<id>/ and what they read from the cache: the course outline
must follow every edit, and «Моё обучение», stored by its content, must never show an old state."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from academy.models import Certificate, Enrollment, LessonCompletion, LessonPage
from tests.academy.factories import make_course


@pytest.fixture
def course(db):
    return make_course(title="Три урока", lessons=3)


@pytest.fixture
def learner(client, employee, course):
    Enrollment.enrol(employee, course)
    client.force_login(employee)
    return employee


def page_of(client, lesson):
    response = client.get(reverse("academy:lesson", args=[lesson.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_lesson_is_served_at_its_short_address_and_in_the_tree(course, learner, client):
    first = course.lessons[0]
    assert first.url == reverse("academy:lesson", args=[first.pk])
    assert "Текст урока 1" in page_of(client, first)
    assert "Текст урока 1" in client.get(f"{course.url}{first.slug}/").content.decode()


def test_the_short_address_keeps_the_rules_of_the_tree(course, employee, client):
    lesson = course.lessons[0]
    url = reverse("academy:lesson", args=[lesson.pk])
    assert client.get(url).status_code == 302  # a guest is sent to sign in
    client.force_login(employee)
    assert client.get(url).status_code == 403  # not enrolled
    Enrollment.enrol(employee, course)
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )
    response = client.get(url)
    assert response.status_code == 200 and "Текст урока 1" not in response.content.decode()
    LessonPage.objects.get(pk=lesson.pk).unpublish()
    assert client.get(url).status_code == 404


def test_a_lesson_follows_every_change_of_the_view_restrictions_above_it(
    course, learner, client, django_assert_num_queries
):
    """The lesson keeps the ids of its restrictions in the cache: none costs no query, and
    each restriction added or removed anywhere above it counts at once."""
    lesson = course.lessons[0]
    url = reverse("academy:lesson", args=[lesson.pk])
    assert page_of(client, lesson)
    with django_assert_num_queries(0):
        assert list(lesson.get_view_restrictions()) == []
    index = course.get_parent().get_parent()
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )
    assert "Текст урока 1" not in client.get(url).content.decode()
    restriction.delete()
    assert "Текст урока 1" in page_of(client, lesson)
    PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
    )
    assert "Текст урока 1" not in client.get(url).content.decode()
    privacy = LessonPage.objects.get(pk=lesson.pk).get_view_restrictions()
    assert [r.page_id for r in privacy.order_by("-page__depth")] == [lesson.pk]


def test_a_stored_lesson_follows_each_publication_and_costs_no_query_of_its_own(
    course, learner, client, django_assert_max_num_queries
):
    """The live lesson is read from the cache: an edit shows once published, and not before;
    an unpublished lesson is gone at once."""
    lesson = course.lessons[0]
    assert "Текст урока 1" in page_of(client, lesson)
    with django_assert_max_num_queries(3):  # the session, the user and the enrolment
        page_of(client, lesson)
    lesson.body = [("text", "<p>Новая редакция урока</p>")]
    lesson.save_revision()
    assert "Текст урока 1" in page_of(client, lesson)
    LessonPage.objects.get(pk=lesson.pk).get_latest_revision().publish()
    page = page_of(client, lesson)
    assert "Новая редакция урока" in page and "Текст урока 1" not in page
    LessonPage.objects.get(pk=lesson.pk).unpublish()
    assert client.get(reverse("academy:lesson", args=[lesson.pk])).status_code == 404


def test_the_outline_follows_titles_new_lessons_and_unpublishing(course, learner, client):
    first, second, third = course.lessons
    assert "← Урок 2" in page_of(client, third)
    second.title = "Бюджет и данные"
    second.save_revision().publish()
    assert "← Бюджет и данные" in page_of(client, third)
    LessonPage.objects.get(pk=second.pk).unpublish()
    assert "← Урок 1" in page_of(client, third)
    fourth = course.add_child(instance=LessonPage(title="Урок 4", body=[], live=False))
    fourth.save_revision().publish()
    assert "← Урок 3" in page_of(client, fourth)
    course.title = "Переименованный курс"
    course.save_revision().publish()
    assert "Переименованный курс" in page_of(client, third)


def test_my_learning_shows_each_new_state(course, learner, client):
    def my_page():
        return client.get(reverse("academy:my")).content.decode()

    assert "Продолжить: Урок 1" in my_page() and 'value="0"' in my_page()
    enrollment = Enrollment.objects.get(user=learner)
    LessonCompletion.mark(enrollment, course.lessons[0])
    page = my_page()
    assert "Продолжить: Урок 2" in page and 'value="33"' in page
    lesson_url = reverse("academy:lesson", args=[course.lessons[1].pk])
    assert f'<a class="button" href="{lesson_url}">Продолжить: Урок 2</a>' in page
    assert f'<a href="{course.url}">{course.title}</a>' in page
    course.title = "Новое название"
    course.save_revision().publish()
    assert "Новое название" in my_page()
    for lesson in course.lessons[1:]:
        LessonCompletion.mark(enrollment, lesson)
    page = my_page()
    assert "Продолжить" not in page and "Оценить курс" in page
    certificate = Certificate.objects.get(user=learner)
    assert certificate.number in page and "отозван" not in page
    assert f'href="{certificate.get_absolute_url()}"' in page
    assert f'href="{reverse("academy:certificate_pdf", args=[certificate.uuid])}"' in page
    certificate.revoke(None, "Проверка")
    assert "отозван" in my_page()


def test_my_learning_follows_lesson_titles_and_cohort_dates(course, learner, client):
    """The stored list is keyed by the enrolment's own columns and the pages' version: a new
    lesson title or a moved cohort end shows at once."""
    from datetime import date

    from academy.models import Cohort

    def my_page():
        return client.get(reverse("academy:my")).content.decode()

    assert "Продолжить: Урок 1" in my_page()
    first = course.lessons[0]
    first.title = "Вводный урок"
    first.save_revision().publish()
    assert "Продолжить: Вводный урок" in my_page()
    cohort = Cohort.objects.create(
        course=course, title="Весна", starts_on=date(2026, 3, 1), ends_on=date(2026, 5, 31)
    )
    Enrollment.objects.filter(user=learner).update(cohort=cohort)
    assert "срок потока до 31 мая 2026" in my_page()
    cohort.ends_on = date(2026, 6, 30)
    cohort.save()
    assert "срок потока до 30 июня 2026" in my_page()


def test_leaving_a_course_from_my_learning(course, learner, client):
    page = client.get(reverse("academy:my")).content.decode()
    leave = reverse("academy:leave", args=[course.pk])
    assert f'formaction="{leave}"' in page and 'id="academy-leave"' in page
    assert "csrfmiddlewaretoken" in page
    client.post(leave)
    assert Enrollment.objects.get(user=learner).status == "left"


def test_the_catalogue_shows_the_learners_own_status_and_the_chosen_filters(
    course, learner, client
):
    LessonCompletion.mark(Enrollment.objects.get(user=learner), course.lessons[0])
    page = client.get(reverse("academy:index") + "?level=basic&track=digital").content.decode()
    assert "учусь: 33 %" in page
    assert '<option value="basic" selected>' in page and '<option value="digital" selected>' in page
    client.logout()
    assert "учусь: " not in client.get(reverse("academy:index") + "?level=basic").content.decode()
    wrong = client.get(reverse("academy:index") + "?track=nowhere").content.decode()
    assert "Выберите корректный вариант" in wrong and "Найдено курсов: 1" in wrong


def test_the_catalogue_hides_restricted_sections_and_offers_new_tracks(course, client):
    from academy.models import TrackPage
    from tests.academy.factories import academy_index

    url = reverse("academy:index")  # with a query string: not the guests' shared page
    assert "Три урока" in client.get(url + "?hours=72").content.decode()
    track = academy_index().add_child(
        instance=TrackPage(title="Закрытый трек", slug="closed", summary="Трек")
    )
    make_course(title="Закрытый курс", track=track)
    page = client.get(url + "?level=basic").content.decode()
    assert '<option value="closed">Закрытый трек</option>' in page and "Закрытый курс" in page
    PageViewRestriction.objects.create(page=track, restriction_type=PageViewRestriction.LOGIN)
    page = client.get(url + "?hours=72").content.decode()
    assert "Закрытый курс" not in page and "Три урока" in page
