"""The request bodies Elasticsearch receives — the query, filters, boosts, facets, highlight,
paging, and the analysers that carry the synonyms — and PostgreSQL answering while the cluster
is down. Bodies come from elasticsearch-dsl's `to_dict()`; no server is needed."""

from dataclasses import dataclass

import pytest

from dialog.documents import PROBLEM_INDEX
from legal_vector.search.indexes import UNIT_INDEX
from navigator.search import MEASURE_INDEX
from portal.search import Boost, SearchRequest, search, text_filter
from portal.search.elastic import MAX_ELASTIC_MATCHES, build_search, matching_search
from tests.navigator.factories import SupportMeasureFactory

LEGAL_FACETS = ["kind", "level", "region", "topic", "status", "year"]


def legal_body(**request):
    return build_search(UNIT_INDEX, SearchRequest(**request)).to_dict()


@pytest.mark.django_db
def test_a_legal_search_asks_every_word_across_the_weighted_fields_with_a_typo_fallback():
    body = legal_body(text="полномочия главы")
    exact, fuzzy = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert exact["multi_match"] == {
        "query": "полномочия главы",
        "fields": ["heading^3", "title^2", "text"],
        "type": "cross_fields",
        "operator": "and",
    }
    assert fuzzy["multi_match"]["fuzziness"] == "AUTO"
    assert fuzzy["multi_match"]["boost"] == 0.1
    assert body["track_total_hits"] is True


@dataclass
class PartialRequest(SearchRequest):
    match_all: bool = True


@pytest.mark.django_db
def test_a_partial_request_matches_any_word_ranked_by_how_many_match():
    request = PartialRequest(text="срок полномочий старосты", match_all=False)
    exact, fuzzy = build_search(UNIT_INDEX, request).to_dict()["query"]["bool"]["should"]
    assert exact["multi_match"]["operator"] == fuzzy["multi_match"]["operator"] == "or"


@pytest.mark.django_db
def test_filters_narrow_hits_while_each_facet_is_counted_under_the_other_filters():
    body = legal_body(text="устав", filters={"kind": ["law"], "topic": ["budget", "land"]})

    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"kind": ["law"]}}, {"terms": {"topic": ["budget", "land"]}}]}
    }
    assert list(body["aggs"]) == LEGAL_FACETS
    assert body["aggs"]["kind"]["filter"] == {
        "bool": {"filter": [{"terms": {"topic": ["budget", "land"]}}]}
    }
    assert body["aggs"]["topic"]["filter"] == {"bool": {"filter": [{"terms": {"kind": ["law"]}}]}}
    assert body["aggs"]["year"]["filter"] == {
        "bool": {"filter": [{"terms": {"kind": ["law"]}}, {"terms": {"topic": ["budget", "land"]}}]}
    }
    assert body["aggs"]["region"]["aggs"] == {"values": {"terms": {"field": "region", "size": 30}}}


@pytest.mark.django_db
def test_unknown_filter_keys_never_reach_the_request():
    body = legal_body(text="устав", filters={"secret": ["x"], "kind": []})
    assert "post_filter" not in body


@pytest.mark.django_db
def test_boosts_multiply_scores_of_documents_in_force_and_of_the_users_region():
    body = legal_body(
        text="староста", boosts=[Boost("status", "in_force", 1.6), Boost("region", 77, 1.3)]
    )
    function_score = body["query"]["function_score"]
    assert function_score["score_mode"] == "multiply"
    assert function_score["functions"] == [
        {"filter": {"term": {"status": "in_force"}}, "weight": 1.6},
        {"filter": {"term": {"region": 77}}, "weight": 1.3},
    ]
    assert "bool" in function_score["query"]


@pytest.mark.django_db
def test_highlights_are_html_encoded_marks_of_the_snippet_field():
    highlight = legal_body(text="староста")["highlight"]
    assert highlight["fields"] == {"text": {"fragment_size": 200, "number_of_fragments": 2}}
    assert highlight["encoder"] == "html"
    assert highlight["pre_tags"] == ["<mark>"] and highlight["post_tags"] == ["</mark>"]


@pytest.mark.django_db
def test_pages_and_newest_first():
    body = legal_body(text="староста", page=4, per_page=20, sort="date")
    assert (body["from"], body["size"]) == (60, 20)
    newest = {"order": "desc", "missing": "_last", "unmapped_type": "date"}
    assert body["sort"] == [{"date": newest}, "_score"]
    assert "sort" not in legal_body(text="староста")


@pytest.mark.django_db
def test_an_empty_text_lists_everything_with_the_facets():
    body = legal_body(text="", filters={"status": ["in_force"]})
    assert body["query"] == {"match_all": {}}
    assert "highlight" in body and list(body["aggs"]) == LEGAL_FACETS


@pytest.mark.parametrize("index", [UNIT_INDEX, MEASURE_INDEX, PROBLEM_INDEX], ids=lambda i: i.name)
def test_synonyms_apply_through_the_search_analyser_of_every_searched_field(index):
    """The request sends the user's words once; each searched field's search analyser has the
    synonym graph, so «дума» also finds «представительный орган»."""
    properties = index.document._index.to_dict()["mappings"]["properties"]
    for field in index.text_fields:
        name = field.split("^")[0]
        assert properties[name]["search_analyzer"] == "portal_russian_search", name
        assert properties[name]["analyzer"] == "portal_russian", name


@pytest.mark.django_db
def test_a_text_filter_asks_for_ids_only_and_at_most_a_bounded_number():
    body = matching_search(PROBLEM_INDEX, "бесхозяйные сети").to_dict()
    assert body["_source"] is False and body["track_total_hits"] is False
    assert body["size"] == MAX_ELASTIC_MATCHES
    assert body["query"]["multi_match"]["fields"] == [
        "title^3",
        "description^2",
        "details",
        "direction_name",
        "municipality",
    ]


@pytest.mark.django_db
def test_while_the_cluster_is_down_postgres_filters_and_searches(fake_es):
    fake_es.down = True
    measure = SupportMeasureFactory(title="Ремонт сельского клуба")
    queryset = MEASURE_INDEX.model_queryset()

    assert list(text_filter(MEASURE_INDEX, queryset, "клуб")) == [measure]
    result = search(MEASURE_INDEX, SearchRequest(text="клуб"))
    assert result.pks == [measure.pk]
    assert len(fake_es.searches()) == 2, "Elasticsearch was asked first"
