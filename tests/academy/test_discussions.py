"""Course discussions through portal.community: learners of the course only."""

import re

from django.urls import reverse

from academy.models import Enrollment
from portal.community.models import Comment
from tests.academy.bounds import count_queries
from tests.factories import UserFactory


def comment_url(course):
    return reverse("community:comment", args=["academy.coursepage", course.pk])


def post_comment(client, course, text):
    return client.post(comment_url(course), {"text": text, "next": course.url})


def test_an_enrolled_learner_comments_and_sees_the_discussion(course, employee, client):
    Enrollment.enrol(employee, course)
    client.force_login(employee)
    page = client.get(course.url).content.decode()
    assert "Обсуждение курса" in page and 'name="text"' in page
    post_comment(client, course, "Где взять шаблон <b>отчёта</b>?")
    assert Comment.objects.filter(author=employee).count() == 1
    page = client.get(course.url).content.decode()
    assert "Где взять шаблон &lt;b&gt;отчёта&lt;/b&gt;?" in page


def test_a_verified_employee_not_enrolled_cannot_comment(course, other_employee, client):
    client.force_login(other_employee)
    page = client.get(course.url).content.decode()
    assert 'name="text"' not in page and "запишитесь" in page
    response = post_comment(client, course, "Я не записан")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_learner_who_left_cannot_comment(course, employee, client):
    Enrollment.enrol(employee, course).leave()
    client.force_login(employee)
    assert post_comment(client, course, "Ушёл").status_code == 403


def test_an_unverified_learner_reads_but_does_not_write(course, unverified_user, client):
    Enrollment.objects.create(user=unverified_user, course=course, status="active")
    client.force_login(unverified_user)
    assert post_comment(client, course, "Нет подтверждения").status_code == 403
    assert not Comment.objects.exists()


def test_a_guest_is_sent_to_sign_in(course, client):
    response = post_comment(client, course, "Гость")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Comment.objects.exists()


def test_an_academy_administrator_answers_without_enrolling(course, academy_admin, client):
    client.force_login(academy_admin)
    post_comment(client, course, "Шаблон в материалах урока 2.")
    assert Comment.objects.filter(author=academy_admin).exists()


def test_a_resubmitted_comment_is_stored_once(course, employee, client):
    Enrollment.enrol(employee, course)
    client.force_login(employee)
    page = client.get(course.url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    data = {"text": "Один раз", "next": course.url}
    if token:
        data["form_token"] = token.group(1)
    client.post(comment_url(course), data)
    client.post(comment_url(course), data)
    assert Comment.objects.filter(author=employee).count() == 1


def test_the_discussion_stays_bounded_with_many_comments(
    course, employee, client, django_assert_max_num_queries
):
    Enrollment.enrol(employee, course)
    client.force_login(employee)
    post_comment(client, course, "Первый")
    before = count_queries(client, course.url)
    for number in range(40):
        author = UserFactory()
        Enrollment.enrol(author, course)
        Comment.objects.create(
            author=author, text=f"Комментарий {number}", **Comment.target_fields(course)
        )
    assert count_queries(client, course.url) == before
