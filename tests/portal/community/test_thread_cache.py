"""A page of comments is rendered once per item, page and kind of reader and stored: every
change of the thread shows at once, and nobody's copy carries another reader's actions or token."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.community import moderation, threads
from portal.community.models import CaseKind, Comment, ModerationCase, Reaction
from portal.community.threads import COMMENTS_PER_PAGE, CSRF_SLOT
from tests.portal.community.conftest import comment_on, url

pytestmark = pytest.mark.django_db


def render_block(item, user, **query):
    request = RequestFactory().get("/", query)
    request.user = user
    context = Context({"item": item, "request": request, "csrf_token": get_token(request)})
    html = Template("{% load community %}{% community_block item %}").render(context)
    return html, request


def test_a_stored_thread_is_read_with_one_query_for_the_reader_s_own_marks(
    item, employee, django_assert_num_queries
):
    Comment.objects.bulk_create(
        Comment(author=employee, text=f"Комментарий {n}", **Comment.target_fields(item))
        for n in range(COMMENTS_PER_PAGE + 5)
    )
    first, _ = render_block(item, employee)
    with django_assert_num_queries(1):
        second, _ = render_block(item, employee)
    assert second.count('class="comment') == first.count('class="comment') >= COMMENTS_PER_PAGE


def test_a_new_comment_and_a_reply_show_at_once(client, item, employee, other_employee, author):
    client.force_login(employee)
    comment_on(client, item, "Первый комментарий")
    assert "Первый комментарий" in render_block(item, other_employee)[0]
    assert "Первый комментарий" in render_block(item, author)[0]
    comment_on(client, item, "Второй комментарий")
    comment_on(
        client, item, "Ответ на первый", parent=Comment.objects.get(text="Первый комментарий")
    )
    for reader in (other_employee, author):
        html, _ = render_block(item, reader)
        assert "Второй комментарий" in html and "Ответ на первый" in html
        assert "Комментарии (2)" in html


def test_an_edit_and_a_deletion_by_the_author_show_at_once(client, item, employee, other_employee):
    client.force_login(employee)
    comment_on(client, item, "Черновая мысль")
    comment = Comment.objects.get()
    assert "Черновая мысль" in render_block(item, other_employee)[0]
    client.post(f"/community/comments/{comment.pk}/edit/", {"text": "Исправленная мысль"})
    html, _ = render_block(item, other_employee)
    assert "Исправленная мысль" in html and "Черновая мысль" not in html and "изменено" in html
    client.post(f"/community/comments/{comment.pk}/delete/")
    html, _ = render_block(item, other_employee)
    assert "Исправленная мысль" not in html and "Комментарий удалён автором." in html


def test_a_comment_hidden_by_a_moderator_disappears_at_once(
    client, item, employee, other_employee, moderator
):
    client.force_login(employee)
    comment_on(client, item, "Грубый комментарий")
    comment = Comment.objects.get()
    assert "Грубый комментарий" in render_block(item, other_employee)[0]
    client.force_login(moderator)
    client.post(
        f"/community/community.comment/{comment.pk}/report/", {"reason": "rude", "text": "Грубо"}
    )
    html, _ = render_block(item, other_employee)
    assert "Грубый комментарий" not in html and "Комментарий скрыт модератором." in html
    case = ModerationCase.objects.get(kind=CaseKind.REPORT)
    moderation.decide(case.pk, moderator, approve=True)
    assert "Грубый комментарий" in render_block(item, other_employee)[0]


def test_a_useful_mark_changes_the_count_at_once(client, item, employee, other_employee):
    assert "Полезно: <strong data-useful-count>0</strong>" in render_block(item, employee)[0]
    client.force_login(other_employee)
    client.post(url("react", item), {"on": "1"})
    assert "Полезно: <strong data-useful-count>1</strong>" in render_block(item, employee)[0]
    client.post(url("react", item), {"on": "0"})
    assert not Reaction.objects.exists()
    assert "Полезно: <strong data-useful-count>0</strong>" in render_block(item, employee)[0]


def test_only_the_author_sees_edit_and_delete_on_a_stored_copy(
    client, item, employee, other_employee, monkeypatch
):
    client.force_login(employee)
    comment_on(client, item, "Мой комментарий")
    comment = Comment.objects.get()
    edit = f"/community/comments/{comment.pk}/edit/"
    mine, request = render_block(item, employee)
    others, _ = render_block(item, other_employee)
    assert edit in mine and "Удалить" in mine
    assert edit not in others and "Удалить" not in others and "Пожаловаться" in others
    guest_html, _ = render_block(item, AnonymousUser())
    assert "Удалить" not in guest_html and "Пожаловаться" not in guest_html
    assert "Ответить" not in guest_html and "csrfmiddlewaretoken" not in guest_html
    # After the edit window only «Удалить» is left, from the same stored copy.
    later = timezone.now() + datetime.timedelta(minutes=16)
    monkeypatch.setattr(threads.timezone, "now", lambda: later)
    late, _ = render_block(item, employee)
    assert edit not in late and "Удалить" in late


def test_every_reader_gets_their_own_csrf_token_never_the_slot(
    client, item, employee, other_employee
):
    client.force_login(employee)
    comment_on(client, item, "Комментарий с ответами")
    client.logout()
    for reader in (employee, other_employee):
        html, request = render_block(item, reader)
        assert CSRF_SLOT not in html
        # The reply form and the panel carry this request's token (masked: it checks equal).
        assert html.count("csrfmiddlewaretoken") >= 2
        assert request.META["CSRF_COOKIE"]


def test_a_made_up_page_of_comments_is_not_stored(item, employee):
    Comment.objects.create(author=employee, text="Единственный", **Comment.target_fields(item))
    for made_up in ("999", "первая"):
        render_block(item, employee, comments_page=made_up)
        with CaptureQueriesContext(connection) as captured:
            html, _ = render_block(item, employee, comments_page=made_up)
        assert "Единственный" in html
        assert len(captured.captured_queries) > 1  # the comments were read again
    # «01» is page 1: it is served from that page's copy, no copy of its own is made.
    render_block(item, employee)
    with CaptureQueriesContext(connection) as captured:
        html, _ = render_block(item, employee, comments_page="01")
    assert "Единственный" in html and len(captured.captured_queries) == 1
