"""«Мои обращения»: what the user wrote or co-wrote, in any state, and nobody else's."""

import pytest
from django.urls import reverse

from dialog.models import Problem, ProblemStatus
from tests.dialog.factories import problem_in

pytestmark = pytest.mark.django_db


def test_written_by_finds_authored_and_coauthored_problems_in_any_state(
    make_problem, author, coauthor
):
    draft = problem_in(ProblemStatus.DRAFT, author=author)
    shared = make_problem(ProblemStatus.REVIEW)
    problem_in(ProblemStatus.REVIEW, title="Чужая проблема")
    assert set(Problem.objects.written_by(author)) == {draft, shared}
    assert set(Problem.objects.written_by(coauthor)) == {shared}


def test_my_problems_page_lists_each_own_problem_once_and_no_others(
    client, make_problem, author, django_assert_max_num_queries
):
    mine = make_problem(ProblemStatus.REVIEW, title="Моя проблема про котельную")
    problem_in(ProblemStatus.REVIEW, title="Проблема соседа про мосты")
    client.force_login(author)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("dialog:mine")).content.decode()
    assert page.count(mine.title) == 1
    assert "Проблема соседа" not in page
