import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from portal.community.models import Comment
from portal.community.threads import COMMENTS_PER_PAGE, comment_page
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.portal.community.conftest import comment_on

pytestmark = pytest.mark.django_db


def render_block(item, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load community %}{% community_block item %}")
    return template.render(Context({"item": item, "request": request}))


def test_employee_comments_and_the_author_is_told(client, employee, item, author):
    client.force_login(employee)
    response = comment_on(client, item, "Сделали так же у себя, работает.")
    comment = Comment.objects.for_item(item).get()
    assert response.status_code == 302
    assert response.url.endswith(f"#comment-{comment.pk}")
    assert comment.author == employee
    assert Notification.objects.filter(user=author, kind="community.comment").count() == 1


def test_a_reply_to_a_reply_is_refused_so_threads_stay_two_levels(client, employee, item):
    client.force_login(employee)
    comment_on(client, item, "Первый уровень")
    top = Comment.objects.get()
    comment_on(client, item, "Второй уровень", parent=top)
    reply = Comment.objects.exclude(pk=top.pk).get()
    assert reply.parent == top
    response = comment_on(client, item, "Третий уровень", parent=reply)
    assert response.status_code == 400
    assert "ответить нельзя" in response.content.decode()
    assert "Третий уровень" in response.content.decode()  # what was typed is kept
    assert Comment.objects.count() == 2


def test_an_empty_comment_is_answered_in_russian(client, employee, item):
    client.force_login(employee)
    response = comment_on(client, item, "   ")
    assert response.status_code == 400
    assert "Напишите текст" in response.content.decode()
    assert not Comment.objects.exists()


def test_unverified_users_and_guests_cannot_comment(client, unverified_user, item):
    assert comment_on(client, item, "гость").status_code == 302  # to sign in
    client.force_login(unverified_user)
    assert comment_on(client, item, "не подтверждён").status_code == 403
    assert not Comment.objects.exists()


def test_a_double_submit_of_the_same_form_makes_one_comment(client, employee, item):
    client.force_login(employee)
    data = {"text": "Один раз", "form_token": "0b5d8a43-8e9f-4a39-9d55-4a1bdf0c2b11"}
    from tests.portal.community.conftest import url

    client.post(url("comment", item), data)
    client.post(url("comment", item), data)
    assert Comment.objects.count() == 1


def test_the_author_edits_within_fifteen_minutes_and_it_shows_changed(client, employee, item):
    client.force_login(employee)
    comment_on(client, item, "Черновой текст")
    comment = Comment.objects.get()
    client.post(f"/community/comments/{comment.pk}/edit/", {"text": "Исправленный текст"})
    comment.refresh_from_db()
    assert comment.text == "Исправленный текст" and comment.was_edited
    assert "изменено" in render_block(item, employee)


def test_editing_is_closed_after_fifteen_minutes(client, employee, item):
    client.force_login(employee)
    comment_on(client, item, "Старый текст")
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=16))
    comment = Comment.objects.get()
    client.post(f"/community/comments/{comment.pk}/edit/", {"text": "Поздно"})
    comment.refresh_from_db()
    assert comment.text == "Старый текст"


def test_nobody_else_edits_or_deletes_a_comment(client, employee, other_employee, item):
    client.force_login(employee)
    comment_on(client, item, "Мой текст")
    comment = Comment.objects.get()
    client.force_login(other_employee)
    client.post(f"/community/comments/{comment.pk}/edit/", {"text": "Чужая правка"})
    client.post(f"/community/comments/{comment.pk}/delete/")
    comment.refresh_from_db()
    assert comment.text == "Мой текст" and not comment.is_deleted


def test_a_deleted_comment_leaves_a_placeholder_and_keeps_its_replies(
    client, employee, other_employee, item
):
    client.force_login(employee)
    comment_on(client, item, "Удалю потом")
    top = Comment.objects.get()
    client.force_login(other_employee)
    comment_on(client, item, "Ответ остаётся", parent=top)
    client.force_login(employee)
    client.post(f"/community/comments/{top.pk}/delete/")
    html = render_block(item, other_employee)
    assert "Комментарий удалён автором." in html
    assert "Удалю потом" not in html
    assert "Ответ остаётся" in html


def test_comment_text_is_plain_with_links_made_clickable(client, employee, item):
    client.force_login(employee)
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)> см. https://example.ru/doc"
    comment_on(client, item, payload)
    html = render_block(item, employee)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://example.ru/doc" rel="nofollow">' in html


def test_a_comment_never_shows_its_author_s_e_mail_address(client, employee, item):
    employee.last_name = employee.first_name = employee.patronymic = ""
    employee.save()
    client.force_login(employee)
    comment_on(client, item, "Спасибо за опыт")
    html = render_block(item, employee)
    assert "Участник портала" in html
    assert employee.email not in html


def test_a_page_of_a_thousand_comments_takes_bounded_queries(
    item, employee, django_assert_max_num_queries
):
    writers = [UserFactory() for _ in range(5)]
    top = Comment.objects.bulk_create(
        Comment(author=writers[n % 5], text=f"Комментарий {n}", **Comment.target_fields(item))
        for n in range(500)
    )
    Comment.objects.bulk_create(
        Comment(
            author=writers[n % 5],
            parent=top[n % 40],
            text=f"Ответ {n}",
            **Comment.target_fields(item),
        )
        for n in range(500)
    )
    with django_assert_max_num_queries(12):
        html = render_block(item, employee)
    assert html.count('class="comment') >= COMMENTS_PER_PAGE
    page, comments = comment_page(item, 2)
    assert page.paginator.count == 500 and len(comments) == COMMENTS_PER_PAGE
