"""The pages people open most run the same number of queries however much data is behind them:
the field, a problem page with many comments, the analytics, and the moderators' screens."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialog.models import Cluster, ProblemStatus, Support
from portal.community.models.comments import Comment
from portal.models import Sphere
from tests.dialog.factories import problem_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

S = ProblemStatus
STATES = itertools.cycle([S.PUBLISHED, S.REVIEW, S.ANSWERED, S.IN_PROGRESS, S.SOLVED])
DIRECTIONS = ["zhkh", "roads", "health", "education"]


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _more_problems(n, **fields):
    spheres = list(Sphere.objects.filter(slug__in=DIRECTIONS))
    problems = [
        problem_in(next(STATES), direction=spheres[i % len(spheres)], title=f"Проблема сетей {i}")
        for i in range(n)
    ]
    for problem in problems[:3]:
        Support.objects.create(problem=problem, user=UserFactory())
    return problems


def _grows_not(client, url, add, params=None, limit=30):
    add(4)
    _queries(client, url, params)  # the first visit fills per-session and per-process caches
    few = _queries(client, url, params)
    add(20)
    _queries(client, url, params)  # the rows changed: this visit rebuilds the column snapshot
    many = _queries(client, url, params)
    assert many == few, (url, few, many)
    assert many <= limit, (url, many)
    return many


def test_the_field_does_not_grow_with_the_problems(client):
    _grows_not(client, reverse("dialog:index"), _more_problems)
    _grows_not(client, reverse("dialog:index"), _more_problems, {"q": "сетей", "sort": "supported"})


def test_the_analytics_do_not_grow_with_the_problems(client):
    _grows_not(client, reverse("dialog:analytics"), _more_problems, limit=25)
    _grows_not(client, reverse("dialog:analytics"), _more_problems, {"direction": "zhkh"}, 25)


def test_a_problem_page_with_many_comments_does_not_grow(client, make_problem, moderator):
    problem = make_problem(S.REVIEW)
    authors = [UserFactory() for _ in range(5)]

    def comment(n):
        for i in range(n):
            top = Comment.objects.create(
                author=authors[i % 5], text=f"Комментарий {i}", **Comment.target_fields(problem)
            )
            Comment.objects.create(
                author=authors[(i + 1) % 5],
                parent=top,
                text=f"Ответ {i}",
                **Comment.target_fields(problem),
            )

    _grows_not(client, problem.get_absolute_url(), comment)
    client.force_login(moderator)
    _grows_not(client, problem.get_absolute_url(), comment, limit=40)


def test_the_moderators_screens_do_not_grow(client, moderator):
    cluster = Cluster.objects.create(title="Сети")
    client.force_login(moderator)

    def waiting(n):
        for _ in range(n):
            problem_in(S.MODERATION)

    def clustered(n):
        for problem in _more_problems(n):
            problem.cluster = cluster
            problem.save(update_fields=["cluster"])

    _grows_not(client, reverse("dialog:moderation"), waiting)
    _grows_not(client, reverse("dialog:moderation"), clustered, {"scope": "public"})
    _grows_not(client, reverse("dialog:cluster_edit", args=[cluster.pk]), clustered)
    _grows_not(client, reverse("dialog:cluster", args=[cluster.pk]), clustered)
