"""The field's problem cards are kept rendered (`dialog.field_cards`): a filtered page reads
them in one cache round trip, prints the same HTML as the card template on the problem, and a
change of anything a card prints shows on the next request."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from dialog.field_cards import CARD_TEMPLATE
from dialog.models import Problem, ProblemLevel, ProblemStatus
from tests.dialog.factories import problem_in
from tests.shared_pages import assert_change_shows

pytestmark = pytest.mark.django_db

URL = "/dialog/?direction=zhkh&sort=newest"


@pytest.fixture
def problem(zhkh):
    return problem_in(ProblemStatus.REVIEW, title="Нет денег на ремонт моста", direction=zhkh)


def _page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _card(problem):
    shown = Problem.objects.for_lists().get(pk=problem.pk)
    return render_to_string(CARD_TEMPLATE, {"problem": shown})


def test_a_card_is_the_card_template_on_the_problem(client, problem):
    problem_in(ProblemStatus.REVIEW, direction=problem.direction, supports_count=7)
    assert _card(problem) in _page(client)
    assert _card(problem) in _page(client)  # read back from the cache


def test_a_second_visit_reads_the_cards_in_one_query(
    client, problem, django_assert_max_num_queries
):
    for _ in range(24):
        problem_in(ProblemStatus.REVIEW, direction=problem.direction)
    first = _page(client)
    # The filter's direction, the printed values of the 20 cards; no model instances.
    with django_assert_max_num_queries(2):
        assert _page(client) == first


CHANGES = {
    "title": lambda p: Problem.objects.filter(pk=p.pk).update(title="Новое название проблемы"),
    "status": lambda p: Problem.objects.filter(pk=p.pk).update(status=ProblemStatus.ANSWERED),
    "level": lambda p: Problem.objects.filter(pk=p.pk).update(level=ProblemLevel.MUNICIPAL),
    "supports": lambda p: Problem.objects.filter(pk=p.pk).update(supports_count=41),
    "priority": lambda p: Problem.objects.filter(pk=p.pk).update(is_prioritized=True),
    "direction name": lambda p: (
        type(p.direction)
        .objects.filter(pk=p.direction_id)
        .update(name="Переименованное направление")
    ),
    "municipality name": lambda p: (
        type(p.municipality).objects.filter(pk=p.municipality_id).update(name="Новое имя посёлка")
    ),
    "region name": lambda p: (
        type(p.region).objects.filter(pk=p.region_id).update(name="Переименованный край")
    ),
    "overdue by a new due date": lambda p: Problem.objects.filter(pk=p.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=1)
    ),
    "clock stopped": lambda p: Problem.objects.filter(pk=p.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=1), sla_paused_at=timezone.now()
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_change_of_anything_printed_shows_on_the_next_request(client, problem, change):
    if change == "clock stopped":
        Problem.objects.filter(pk=problem.pk).update(
            due_at=timezone.now() - datetime.timedelta(hours=1)
        )
    # Each change is a write that bypasses `save()` and `updated_at`.
    assert_change_shows(
        lambda: _page(client), lambda: _card(problem), lambda: CHANGES[change](problem)
    )


def test_a_card_turns_overdue_when_its_due_date_passes(client, problem, monkeypatch):
    Problem.objects.filter(pk=problem.pk).update(
        due_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert "просрочена</strong>" not in _page(client)
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "просрочена</strong>" in _page(client)


def test_a_changed_card_template_is_another_key(monkeypatch):
    from dialog import field_cards

    before = field_cards._form()
    monkeypatch.setattr(field_cards, "CARD_TEMPLATE", "dialog/includes/similar.html")
    assert field_cards._form() != before
