# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
"""The bot reads a bounded number of units, tier by tier, and still finds the best ones."""

import pytest

from legal_vector.bot import retrieval
from legal_vector.bot.question import concepts_of
from legal_vector.bot.retrieval import at_least, ranked_units, rules
from legal_vector.models import StructuralUnit
from tests.legal_vector.legal_search_fixtures import (  # noqa: F401
    legal_base,
    load_similar_acts,
)

QUESTION = "как исполняется бюджет поселения администрацией"


@pytest.fixture
def crowded_base(legal_base):
    """Many units with one or two of the question's words, few with all of them."""
    load_similar_acts(12)
    return legal_base


def test_at_least_matches_units_with_enough_of_the_words(crowded_base):
    concepts = concepts_of("бюджет поселения ежегодно")
    units = StructuralUnit.objects.current()

    with_all = set(units.filter(at_least(concepts, 3)).values_list("text", flat=True))
    with_two = units.filter(at_least(concepts, 2))

    assert with_all == {"Бюджет поселения утверждается решением представительного органа ежегодно."}
    assert with_two.count() > len(with_all)
    assert set(with_two) >= set(units.filter(at_least(concepts, 3)))


def test_a_few_candidates_give_the_same_best_units_as_ranking_them_all(crowded_base, monkeypatch):
    concepts = concepts_of(QUESTION)
    everything = ranked_units(concepts, limit=5)

    # The cap is the size of the tier holding every concept (the twelve acts, and any unit of
    # the base that happens to hold them all): that tier is read whole, the rest is cut off.
    # Measured, not assumed, because which words the bot keeps as concepts depends on the base.
    top_tier = rules().filter(at_least(concepts, len(concepts))).count()
    monkeypatch.setattr(retrieval, "MAX_UNIT_CANDIDATES", top_tier)
    bounded = ranked_units(concepts, limit=5)

    assert top_tier >= 12
    assert [unit.pk for unit in bounded] == [unit.pk for unit in everything]
    assert {unit.coverage for unit in bounded} == {1.0}
    assert rules().filter(at_least(concepts, 1)).count() > top_tier


def test_candidates_are_read_in_tiers_and_capped(
    crowded_base, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(retrieval, "MAX_UNIT_CANDIDATES", 6)
    concepts = concepts_of(QUESTION)

    # Whether the search postings are fresh (not built here), the candidates with their stored
    # meanings from the GIN index, the ranking of those candidates, then the ranked units.
    with django_assert_num_queries(4):
        units = ranked_units(concepts)

    assert len(units) == 6
    assert {unit.coverage for unit in units} == {1.0}
