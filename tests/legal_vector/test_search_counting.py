# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
"""The PostgreSQL backend's one-statement counting: exact below the cap, honest above it."""

import pytest
from django.db.models import Count
from django.urls import reverse

from legal_vector.models import StructuralUnit
from legal_vector.search.indexes import UNIT_INDEX
from portal.search import SORT_DATE, Boost, SearchRequest, build_search_query, rank, search
from portal.search import facets as counting
from tests.legal_vector.factories import TopicFactory
from tests.legal_vector.legal_search_fixtures import (  # noqa: F401
    legal_base,
    load_base,
    load_similar_acts,
)

URL = reverse("legal_vector:search")
BOOSTS = [Boost("status", "in_force", 1.6)]


@pytest.fixture
def grown_base(legal_base, settings):
    settings.SEARCH_CACHE_SECONDS = 0  # the same request runs below and above the cap
    load_similar_acts(6)
    budget = TopicFactory(slug="budget", name="Бюджет")
    appeals = TopicFactory(slug="appeals", name="Обращения")
    legal_base["15-ОЗ"].topics.add(budget)
    legal_base["131-ФЗ"].topics.add(budget, appeals)
    return legal_base


def expected_order(text, sort=""):
    """The ranking spelled out over every match, as the backend used to run it."""
    query = build_search_query(text)
    rows = StructuralUnit.objects.current().filter(search_vector=query)
    rows = rows.annotate(_rank=rank("search_vector", query)).values_list(
        "pk", "_rank", "document__status", "document__adopted_on"
    )
    scored = [
        (pk, r * (1.6 if status == "in_force" else 1.0), date) for pk, r, status, date in rows
    ]
    if sort == SORT_DATE:
        scored.sort(key=lambda row: (-row[2].toordinal(), -row[1], row[0]))
    else:
        scored.sort(key=lambda row: (-row[1], row[0]))
    return [pk for pk, _, _ in scored]


def expected_counts(text, path):
    rows = StructuralUnit.objects.current().filter(search_vector=build_search_query(text))
    counts = rows.values_list(path).annotate(n=Count("pk")).values_list(path, "n")
    return {value: n for value, n in counts if value is not None}


@pytest.mark.parametrize("sort", ["relevance", SORT_DATE])
def test_below_the_cap_the_page_order_is_exactly_the_full_ranking(grown_base, sort):
    request = SearchRequest("бюджет поселения", sort=sort, per_page=50, boosts=BOOSTS)
    result = search(UNIT_INDEX, request)

    assert result.pks == expected_order("бюджет поселения", sort)
    assert not result.total_is_lower_bound


def test_below_the_cap_totals_and_facet_counts_are_exact(grown_base):
    result = search(UNIT_INDEX, SearchRequest("бюджет", boosts=BOOSTS))
    counts = {key: {v.value: v.count for v in values} for key, values in result.facets.items()}

    assert result.total == sum(expected_counts("бюджет", "document__status").values())
    assert counts["status"] == expected_counts("бюджет", "document__status")
    assert counts["kind"] == expected_counts("бюджет", "document__kind")
    assert counts["year"] == expected_counts("бюджет", "document__adopted_on__year")
    assert counts["topic"] == expected_counts("бюджет", "document__topics__slug")


def test_a_chosen_facet_keeps_the_counts_of_its_other_values(grown_base):
    request = SearchRequest("бюджет", filters={"kind": ["municipal_act"], "topic": ["budget"]})
    result = search(UNIT_INDEX, request)
    kinds = {value.value: value for value in result.facets["kind"]}
    topics = {value.value: value.count for value in result.facets["topic"]}

    # Kinds are counted under the topic filter only, topics under the kind filter only.
    assert set(kinds) == {"regional_law", "federal_law"}
    assert not kinds["regional_law"].selected
    assert topics == {}
    assert result.total == 0


def test_a_many_valued_facet_filters_without_duplicating_rows(grown_base):
    result = search(UNIT_INDEX, SearchRequest("бюджет", filters={"topic": ["budget", "appeals"]}))
    documents = set(
        StructuralUnit.objects.filter(pk__in=result.pks).values_list("document__number", flat=True)
    )

    assert documents == {"131-ФЗ", "15-ОЗ"}
    assert len(result.pks) == len(set(result.pks)) == result.total


def test_above_the_cap_the_total_is_a_lower_bound(grown_base, monkeypatch):
    everything = search(UNIT_INDEX, SearchRequest("бюджет", per_page=50))
    monkeypatch.setattr(counting, "MAX_COUNTED", 3)
    capped = search(UNIT_INDEX, SearchRequest("бюджет", per_page=50))

    assert everything.total > 3
    assert (capped.total, capped.total_is_lower_bound) == (3, True)
    assert sum(value.count for value in capped.facets["status"]) == 3
    assert set(capped.pks) <= set(everything.pks) and len(capped.pks) == 3


def test_above_the_cap_newest_first_is_still_exact(grown_base, monkeypatch):
    exact = search(UNIT_INDEX, SearchRequest("бюджет", sort=SORT_DATE, per_page=4))
    monkeypatch.setattr(counting, "MAX_COUNTED", 3)
    capped = search(UNIT_INDEX, SearchRequest("бюджет", sort=SORT_DATE, per_page=4))

    assert capped.total_is_lower_bound
    assert capped.pks == exact.pks


def test_the_page_says_honestly_that_the_count_is_partial(client, grown_base, monkeypatch):
    monkeypatch.setattr(counting, "MAX_COUNTED", 3)
    html = client.get(URL, {"q": "бюджет"}).content.decode()

    assert "Найдено: более 3" in html
    assert "только первые 3 найденных фрагментов" in html
    assert "показаны самые подходящие из них" in html


def test_without_a_cap_hit_the_page_shows_a_plain_total(client, grown_base):
    page = client.get(URL, {"q": "бюджет"}).context["page"]
    html = client.get(URL, {"q": "бюджет"}).content.decode()

    assert f"Найдено: {page.result.total}<" in html
    assert "Запрос слишком общий" not in html


def test_a_filter_that_hides_every_match_does_not_switch_to_typo_search(grown_base):
    result = search(UNIT_INDEX, SearchRequest("бюджет", filters={"kind": ["code"]}))

    assert result.total == 0
    assert not result.fuzzy
    assert {value.value for value in result.facets["kind"]} >= {"municipal_act"}


def test_the_site_wide_search_says_more_than_when_the_legal_count_is_partial(
    client, grown_base, monkeypatch
):
    from portal import site_search

    monkeypatch.setattr(site_search, "COUNT_CAP", 3)
    response = client.get(reverse("site_search"), {"q": "бюджет"})
    legal = next(group for group in response.context["groups"] if group.key == "legal")

    assert legal.total.is_lower_bound
    assert f"найдено: более {legal.total}</span>" in response.content.decode()
