"""The narrow copy of the problems' search vectors follows every way a problem's text is
written, and the field's search reads it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialog.documents import PROBLEM_INDEX
from dialog.models import Problem, ProblemSearchVector, ProblemStatus
from portal.search import matching_ids
from tests.dialog.factories import problem_in

pytestmark = pytest.mark.django_db


def _copied(problem):
    return ProblemSearchVector.objects.get(problem=problem).search_vector


def test_the_copy_follows_inserts_saves_and_bulk_updates():
    problem = problem_in(ProblemStatus.REVIEW, title="Бесхозяйные сети водоснабжения")
    assert _copied(problem) == Problem.objects.get(pk=problem.pk).search_vector
    problem.title = "Ремонт мостов"
    problem.save()
    assert "мост" in _copied(problem)
    Problem.objects.filter(pk=problem.pk).update(description="Котельные без хозяина")
    assert "котельн" in _copied(problem)
    with connection.cursor() as cursor:  # as the bench generator and imports write
        cursor.execute(
            "UPDATE dialog_problem SET title = 'Школьные автобусы' WHERE id = %s", [problem.pk]
        )
    assert "автобус" in _copied(problem)
    problem.delete()
    assert not ProblemSearchVector.objects.filter(problem_id=problem.pk).exists()


def test_matching_ids_read_the_copy_and_the_field_finds_the_problem(
    client, django_assert_max_num_queries
):
    found = problem_in(ProblemStatus.REVIEW, title="Бесхозяйные сети водоснабжения")
    problem_in(ProblemStatus.REVIEW, title="Ремонт мостов", description="Пролёты обветшали.")
    with CaptureQueriesContext(connection) as captured:
        assert list(matching_ids(PROBLEM_INDEX, "сети водоснабжения")) == [found.pk]
    statements = [query["sql"] for query in captured.captured_queries]
    (match,) = [sql for sql in statements if "@@" in sql]  # the synonyms are read before it
    assert 'FROM "dialog_problemsearchvector"' in match
    assert '"dialog_problem"' not in match  # the wide rows are not read
    page = client.get("/dialog/", {"q": "сети водоснабжения"}).context["page_obj"]
    assert [p.pk for p in page.object_list] == [found.pk]
