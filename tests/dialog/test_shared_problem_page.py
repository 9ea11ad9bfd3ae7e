"""A public problem's page, as a visitor without a session sees it, is stored whole; every change
it shows (a comment, a support, an answer, a status, hiding after reports) is there at once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from dialog import answering, supporting, workflow
from dialog.models import Coauthor, Problem, ProblemStatus
from dialog.problem_page import SHARED_PAGE_SECONDS, version_name
from portal.community import moderation
from portal.community.models import Comment
from tests.shared_pages import assert_served_from_cache, stored_timeouts

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem(make_problem):
    return make_problem(ProblemStatus.REVIEW, title="Бесхозяйные сети в посёлке")


def page(client, problem):
    return client.get(reverse("dialog:problem", args=[problem.pk]))


def comment(client, user, problem, text):
    client.force_login(user)
    client.post(f"/community/dialog.problem/{problem.pk}/comment/", {"text": text})
    client.logout()


def test_a_guest_reads_a_problem_page_from_the_cache_with_one_query(
    client, problem, django_assert_num_queries
):
    assert_served_from_cache(
        client, reverse("dialog:problem", args=[problem.pk]), django_assert_num_queries
    )


def test_the_guest_copy_lives_at_most_a_minute(client, problem, monkeypatch):
    timeouts = stored_timeouts(monkeypatch, lambda: page(client, problem))
    assert timeouts == [SHARED_PAGE_SECONDS] and SHARED_PAGE_SECONDS <= 60


def test_a_new_comment_shows_to_guests_at_once(client, problem, employee):
    page(client, problem)
    comment(client, employee, problem, "У нас та же беда с сетями")
    assert "У нас та же беда с сетями" in page(client, problem).content.decode()


def test_a_comment_hidden_by_a_moderator_leaves_the_guest_page_at_once(
    client, problem, employee, moderator
):
    comment(client, employee, problem, "Грубость про экспертов")
    assert "Грубость про экспертов" in page(client, problem).content.decode()
    moderation.report(moderator, Comment.objects.get(), "rude", "Грубо")
    html = page(client, problem).content.decode()
    assert "Грубость про экспертов" not in html and "Комментарий скрыт модератором." in html


def test_a_support_and_an_answer_show_to_guests_at_once(client, problem, employee, dialog_expert):
    page(client, problem)
    supporting.support(problem.pk, employee)
    assert "Поддержали 1:" in page(client, problem).content.decode()
    answering.give_answer(problem.pk, dialog_expert, "Передайте сети в казну поселения.")
    html = page(client, problem).content.decode()
    assert "Передайте сети в казну поселения." in html


def test_a_problem_hidden_after_reports_is_gone_for_guests_at_once(client, problem, moderator):
    assert page(client, problem).status_code == 200
    moderation.report(moderator, problem, "spam", "Реклама")
    assert Problem.objects.get(pk=problem.pk).is_hidden
    assert page(client, problem).status_code == 404


def test_a_merged_problem_sends_guests_to_the_one_it_joined(
    client, make_problem, problem, moderator
):
    duplicate = make_problem(ProblemStatus.PUBLISHED, title="Сети без хозяина")
    assert page(client, duplicate).status_code == 200
    supporting.merge(duplicate.pk, problem.pk, moderator, ProblemStatus.PUBLISHED)
    response = page(client, duplicate)
    assert response.status_code == 302 and response.url == problem.get_absolute_url()
    assert f"№ {duplicate.pk}" in page(client, problem).content.decode()


def test_signed_in_readers_never_get_the_guest_copy(client, problem, employee):
    page(client, problem)
    client.force_login(employee)
    html = page(client, problem).content.decode()
    assert "Войдите</a>, чтобы поддержать" not in html


def test_an_unpublished_or_made_up_problem_is_not_stored(client, make_problem, moderator):
    draft = make_problem(ProblemStatus.MODERATION)
    assert page(client, draft).status_code == 404
    workflow.perform(draft.pk, "publish", moderator, ProblemStatus.MODERATION)
    assert page(client, draft).status_code == 200
    assert client.get(reverse("dialog:problem", args=[10**9])).status_code == 404
    assert cache.get(f"version:{version_name(10**9)}") is None


def test_a_signed_in_reader_gets_the_stored_parts_with_few_queries(
    client, problem, employee, django_assert_max_num_queries
):
    client.force_login(employee)
    page(client, problem)
    # Session and user with roles, the problem, whether supported, the reader's own marks; the
    # text, support, answers, timeline, split-off parts, invitations and comments come from the
    # cache.
    with django_assert_max_num_queries(6):
        assert page(client, problem).status_code == 200


def test_the_author_s_rating_of_the_answer_shows_at_once(
    client, make_problem, author, dialog_expert
):
    problem = make_problem(ProblemStatus.REVIEW)
    answering.give_answer(problem.pk, dialog_expert, "Передайте сети в казну поселения.")
    client.force_login(author)
    assert "Оцените ответ" in page(client, problem).content.decode()
    client.post(reverse("dialog:rate", args=[problem.pk]), {"rating": "4"})
    html = page(client, problem).content.decode()
    assert "Оцените ответ" not in html and "оценка автора: 4 из 5" in html


def test_a_confirmed_co_author_is_no_longer_awaited_on_their_next_view(client, problem, employee):
    Coauthor.objects.create(problem=problem, user=employee, municipality=employee.municipality)
    client.force_login(employee)
    assert "ждём подтверждения" in page(client, problem).content.decode()
    client.post(reverse("dialog:confirm_coauthor", args=[problem.pk]))
    assert "ждём подтверждения" not in page(client, problem).content.decode()
