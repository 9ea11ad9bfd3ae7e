# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
import pytest
from django.urls import reverse

from portal.models import SearchLog
from tests.legal_vector.legal_search_fixtures import (  # noqa: F401
    legal_base,
    load_base,
    load_similar_acts,
)

URL = reverse("legal_vector:search")


def test_a_pure_citation_jumps_straight_to_the_unit(client, legal_base):
    response = client.get(URL, {"q": "ч. 2 ст. 36 закона 131-ФЗ"})
    unit = legal_base["131-ФЗ"].units.get(stable_key="st36/ch2", edition__is_current=True)
    assert response.status_code == 302
    assert response.url == unit.get_absolute_url()


def test_a_document_number_jumps_to_the_document(client, legal_base):
    response = client.get(URL, {"q": "131-ФЗ"})
    assert response.url == legal_base["131-ФЗ"].get_absolute_url()


def test_text_search_shows_highlighted_snippets_and_facets(client, legal_base):
    response = client.get(URL, {"q": "публичные слушания"})
    page = response.context["page"]
    assert response.status_code == 200
    assert page.result.total >= 2
    assert "<mark>" in response.content.decode()
    kinds = {group["key"]: group for group in page.facets}
    assert {"kind", "status", "year"} <= set(kinds)


def test_documents_in_force_rank_above_repealed_ones(client, legal_base):
    page = client.get(URL, {"q": "бюджета поселения"}).context["page"]
    statuses = [unit.document.status for unit in page.units]
    assert statuses[0] == "in_force"
    assert "repealed" in statuses


def test_facet_filter_keeps_only_matching_documents(client, legal_base):
    page = client.get(URL, {"q": "бюджет", "status": "repealed"}).context["page"]
    assert page.units
    assert {unit.document.status for unit in page.units} == {"repealed"}


def test_sorting_by_date_puts_newest_documents_first(client, legal_base):
    page = client.get(URL, {"q": "бюджет", "sort": "date"}).context["page"]
    dates = [unit.document.adopted_on for unit in page.units]
    assert dates == sorted(dates, reverse=True)


def test_synonyms_widen_the_query(client, legal_base):
    page = client.get(URL, {"q": "ОМСУ обращение"}).context["page"]
    assert any(unit.document == legal_base["59-ФЗ"] for unit in page.units)


def test_a_typo_is_corrected_against_the_words_of_the_base(client, legal_base):
    page = client.get(URL, {"q": "самоуправлениея"}).context["page"]
    assert page.corrected_query == "самоуправления"
    assert page.units[0].document == legal_base["59-ФЗ"]


def test_queries_are_logged_with_their_result_counts(client, legal_base):
    client.get(URL, {"q": "публичные слушания"})
    client.get(URL, {"q": "квантовая телепортация"})
    logged = dict(SearchLog.objects.values_list("query", "result_count"))
    assert logged["публичные слушания"] >= 2
    assert logged["квантовая телепортация"] == 0


def test_malformed_filters_and_pages_are_ignored(client, legal_base):
    response = client.get(URL, {"q": "бюджет", "year": "abc", "kind": "nope", "page": "-3"})
    assert response.status_code == 200
    assert response.context["page"].page == 1


def test_user_text_is_escaped_in_the_page(client, legal_base):
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_search_runs_a_bounded_number_of_queries_whatever_the_base_size(
    client, municipality, django_assert_max_num_queries, settings
):
    settings.SEARCH_CACHE_SECONDS = 0
    load_base(municipality.region)
    with django_assert_max_num_queries(16):
        client.get(URL, {"q": "бюджет поселения", "status": "in_force"})
    load_similar_acts(12)
    with django_assert_max_num_queries(16):
        response = client.get(URL, {"q": "бюджет поселения", "status": "in_force"})
    assert response.context["page"].result.total > 12


def test_the_site_wide_search_shows_a_legal_group(client, legal_base):
    response = client.get("/search/", {"q": "публичные слушания"})
    groups = {group.key: group for group in response.context["groups"]}
    assert groups["legal"].total >= 2
    assert "<mark>" in str(groups["legal"].items[-1].snippet)


def test_the_same_request_builds_a_real_elasticsearch_query(employee, db):
    from django.http import QueryDict

    from legal_vector.search.indexes import UNIT_INDEX
    from legal_vector.search.service import boosts_for, read_filters
    from portal.search import SearchRequest
    from portal.search.elastic import build_search

    params = QueryDict("status=in_force&topic=budget&year=2003")
    request = SearchRequest("бюджет", read_filters(params), boosts=boosts_for(employee))
    body = build_search(UNIT_INDEX, request).to_dict()
    functions = body["query"]["function_score"]["functions"]
    assert {"filter": {"term": {"region": employee.municipality.region_id}}, "weight": 1.3} in (
        functions
    )
    assert set(body["aggs"]) == {"kind", "level", "region", "topic", "status", "year"}
    assert {"terms": {"year": [2003]}} in body["post_filter"]["bool"]["filter"]


def test_a_unit_becomes_an_index_document_with_its_facets(legal_base):
    from legal_vector.documents import UnitDocument

    unit = legal_base["131-ФЗ"].units.get(stable_key="st36/ch2", edition__is_current=True)
    doc = UnitDocument.from_instance(unit).to_dict(include_meta=True)
    assert doc["_id"] == unit.pk
    assert doc["_index"].endswith("-legal-units")
    assert doc["_source"]["status"] == "in_force"
    assert doc["_source"]["year"] == 2003
    assert doc["_source"]["heading"].startswith("ч. 2 ст. 36")


def test_a_citation_jump_is_logged_as_a_found_query(client, legal_base):
    client.get(URL, {"q": "ст. 14 131-ФЗ"})
    logged = SearchLog.objects.get()
    assert (logged.query, logged.result_count) == ("ст. 14 131-ФЗ", 1)


def test_a_cited_unit_the_document_lacks_opens_the_document_with_a_message(client, legal_base):
    response = client.get(URL, {"q": "ч. 3 ст. 999 131-ФЗ"}, follow=True)
    assert response.redirect_chain[0][0] == legal_base["131-ФЗ"].get_absolute_url()
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Норма «ч. 3 ст. 999» в документе не найдена, открыт документ целиком."]


def test_a_found_unit_opens_without_a_message(client, legal_base):
    response = client.get(URL, {"q": "ст. 36 131-ФЗ"}, follow=True)
    assert not list(response.context["messages"])


REGIONAL_TEXT = "1. Порядок проведения сельского схода устанавливается уставом поселения.\n"


def test_documents_of_the_users_region_rank_above_equal_ones(client, employee, settings):
    import datetime

    from legal_vector.importing.importer import ImportOptions, import_text
    from tests.factories import RegionFactory

    settings.SEARCH_CACHE_SECONDS = 0
    own, other = employee.municipality.region, RegionFactory(code="77")
    documents = {}
    # The own region's act is imported last: without the boost it would lose the tie on pk.
    for region, number in ((other, "5-ОЗ"), (own, "6-ОЗ")):
        options = ImportOptions(
            kind="regional_law", number=number, adopted_on=datetime.date(2021, 3, 1),
            title="О сельских сходах", status="in_force", level="regional",
            region_id=region.pk, edition_date=datetime.date(2021, 3, 1),
        )  # fmt: skip
        documents[region] = import_text(REGIONAL_TEXT, options).document
    anonymous = client.get(URL, {"q": "сельского схода"}).context["page"]
    assert anonymous.units[0].document == documents[other]
    client.force_login(employee)
    page = client.get(URL, {"q": "сельского схода"}).context["page"]
    assert [unit.document for unit in page.units] == [documents[own], documents[other]]
    assert page.result.hits[0].score == pytest.approx(page.result.hits[1].score * 1.3)
