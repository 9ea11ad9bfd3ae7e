"""The shared search module: normalisation, synonyms, both backends' query building."""

import pytest
from django.contrib.postgres.search import SearchVector
from elasticsearch_dsl.response import Response

from portal.models import SearchSynonym, Sphere
from portal.search import (
    MAX_QUERY_LENGTH,
    Boost,
    SearchIndex,
    SearchRequest,
    build_search_query,
    expand_query,
    get_backend,
    normalize_query,
    safe_headline,
    search,
    synonym_table,
)
from portal.search.elastic import build_search, index_name, parse_response

SPHERE_INDEX = SearchIndex(
    name="spheres",
    model_queryset=lambda: Sphere.objects.annotate(
        search_vector=SearchVector("name", config="russian", weight="A")
    ),
    headline_field="name",
    trigram_field="name",
    date_field="order",
    facets={"direction": "parent__slug"},
    text_fields=("name^2",),
)


def test_normalize_query_folds_yo_and_collapses_whitespace():
    assert (
        normalize_query("  Твёрдые\tкоммунальные \n\x00 отходы ") == "Твердые коммунальные отходы"
    )


def test_normalize_query_caps_length_on_a_word_boundary():
    text = "бюджет " * 100
    normalized = normalize_query(text)
    assert len(normalized) <= MAX_QUERY_LENGTH
    assert normalized.endswith("бюджет")


def test_normalize_query_accepts_none():
    assert normalize_query(None) == ""


@pytest.mark.django_db
def test_abbreviation_expands_to_its_meanings_as_whole_words_only():
    alternatives = expand_query("полномочия ОМСУ")
    assert "полномочия органы местного самоуправления" in alternatives
    assert expand_query("ОМСУМ") == []


@pytest.mark.django_db
def test_full_wording_expands_back_to_the_abbreviation():
    assert "тко на площадках" in expand_query("твёрдые коммунальные отходы на площадках")


@pytest.mark.django_db
def test_the_kept_synonyms_follow_each_save_and_deletion_by_an_editor(
    django_assert_num_queries,
):
    synonym_table()
    with django_assert_num_queries(0):  # kept in the process for the table's version
        assert expand_query("ГМУ") == []
    synonym = SearchSynonym.objects.create(term="ГМУ", expansions="государственное управление")
    assert "государственное управление" in expand_query("ГМУ")[0]
    synonym.expansions = "государственное и муниципальное управление"
    synonym.save()
    assert "государственное и муниципальное управление" in expand_query("ГМУ")[0]
    synonym.delete()
    assert expand_query("ГМУ") == []


@pytest.mark.django_db
def test_the_tables_version_is_read_once_a_second_and_another_process_edit_seen_after_it(
    monkeypatch,
):
    from portal import caching
    from portal.search import synonyms

    clock = [1000.0]
    monkeypatch.setattr(synonyms.time, "monotonic", lambda: clock[0])
    reads = []
    real_version = caching.version
    monkeypatch.setattr(caching, "version", lambda name: reads.append(name) or real_version(name))
    assert expand_query("ГМУ") == []
    assert expand_query("ГМУ") == [] and expand_query("ОМСУ")
    assert len(reads) == 1

    # Another process saves a synonym: the row and a new version in the shared cache.
    with monkeypatch.context() as other:
        other.setattr(caching.transaction, "on_commit", lambda function: function())
        SearchSynonym.objects.bulk_create(
            [SearchSynonym(term="ГМУ", expansions="государственное управление")]
        )
        caching.bump(synonyms.VERSION_NAME)
    assert expand_query("ГМУ") == []  # within the second: the table this process holds
    clock[0] += synonyms.VERSION_CHECK_SECONDS
    assert "государственное управление" in expand_query("ГМУ")[0]
    assert len(reads) == 2


@pytest.mark.django_db
def test_a_querys_alternatives_are_computed_once_per_table(monkeypatch):
    from portal.search import synonyms

    computed = []
    real = synonyms._alternatives
    monkeypatch.setattr(
        synonyms, "_alternatives", lambda query, table: computed.append(query) or real(query, table)
    )
    first = expand_query("полномочия ОМСУ")
    first.append("changed by the caller")
    assert expand_query("полномочия ОМСУ") == first[:-1]
    assert computed == ["полномочия ОМСУ"]


@pytest.mark.django_db
def test_inactive_synonyms_are_ignored():
    SearchSynonym.objects.create(term="ТЕСТ", expansions="проверка", is_active=False)
    assert expand_query("ТЕСТ") == []


@pytest.mark.django_db
def test_search_query_uses_websearch_syntax_and_ors_expansions():
    query = build_search_query("ЖКХ")
    sql = str(SPHERE_INDEX.model_queryset().filter(search_vector=query).query)
    assert sql.count("websearch_to_tsquery") == 2
    assert "||" in sql
    assert build_search_query("") is None


def test_headline_is_escaped_and_marked():
    html = safe_headline("<script>x</script> \u27e6бюджет\u27e7")
    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>бюджет</mark>"


def test_without_elasticsearch_url_the_postgres_backend_answers(settings):
    settings.ELASTICSEARCH_URL = None
    assert get_backend().name == "postgres"
    settings.ELASTICSEARCH_URL = "http://es:9200"
    assert get_backend().name == "elasticsearch"


@pytest.mark.django_db
def test_postgres_search_finds_ranks_facets_and_highlights():
    result = search(SPHERE_INDEX, SearchRequest(text="бюджета", per_page=5))
    budget = Sphere.objects.get(name="Бюджет")
    assert result.hits[0].pk == budget.pk
    assert "<mark>Бюджет</mark>" in result.hits[0].highlight
    assert result.total >= 1
    assert {value.value for value in result.facets["direction"]} >= {"economy"}
    assert not result.fuzzy


@pytest.mark.django_db
def test_postgres_search_filters_by_facet_and_keeps_other_counts():
    request = SearchRequest(text="культура", filters={"direction": ["culture"]})
    result = search(SPHERE_INDEX, request)
    directions = {v.value: v for v in result.facets["direction"]}
    assert directions["culture"].selected
    parents = set(Sphere.objects.filter(pk__in=result.pks).values_list("parent__slug", flat=True))
    assert parents == {"culture"}


@pytest.mark.django_db
def test_postgres_search_falls_back_to_trigrams_for_typos():
    result = search(SPHERE_INDEX, SearchRequest(text="Благоустроиство"))
    assert result.fuzzy
    assert Sphere.objects.get(slug="urban").pk in result.pks


@pytest.mark.django_db
def test_boost_lifts_matching_rows_to_the_top():
    plain = search(SPHERE_INDEX, SearchRequest(text="муниципальные"))
    assert len(plain.hits) >= 2
    last = plain.hits[-1].pk
    boosted = search(
        SPHERE_INDEX, SearchRequest(text="муниципальные", boosts=[Boost("pk", last, 100.0)])
    )
    assert boosted.hits[0].pk == last


@pytest.mark.django_db
def test_postgres_search_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    synonym_table()
    with django_assert_max_num_queries(6):
        search(SPHERE_INDEX, SearchRequest(text="культура спорт", filters={"direction": ["x"]}))


def test_index_names_carry_the_site_prefix(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "staging"
    assert index_name("legal-units") == "staging-legal-units"


@pytest.mark.django_db
def test_elasticsearch_request_matches_text_boosts_facets_and_filters():
    request = SearchRequest(
        text="ОМСУ",
        filters={"direction": ["economy"]},
        sort="date",
        page=3,
        per_page=10,
        boosts=[Boost("status", "in_force", 1.5)],
    )
    body = build_search(SPHERE_INDEX, request).to_dict()
    function_score = body["query"]["function_score"]
    assert function_score["functions"] == [
        {"filter": {"term": {"status": "in_force"}}, "weight": 1.5}
    ]
    should = function_score["query"]["bool"]["should"]
    # Synonyms are the search analyser's job (synonym_graph): the request sends the text once.
    assert [clause["multi_match"]["query"] for clause in should] == ["ОМСУ", "ОМСУ"]
    assert "fuzziness" not in should[0]["multi_match"]
    assert should[-1]["multi_match"]["fuzziness"] == "AUTO"
    assert body["aggs"]["direction"]["filter"] == {"bool": {}}
    assert body["aggs"]["direction"]["aggs"]["values"]["terms"]["field"] == "direction"
    assert body["post_filter"] == {"bool": {"filter": [{"terms": {"direction": ["economy"]}}]}}
    assert body["from"] == 20 and body["size"] == 10
    newest = {"order": "desc", "missing": "_last", "unmapped_type": "date"}
    assert body["sort"][0] == {"date": newest}
    assert body["highlight"]["encoder"] == "html"


@pytest.mark.django_db
def test_elasticsearch_response_becomes_the_common_result():
    raw = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "7",
                    "_score": 2.5,
                    "_source": {},
                    "highlight": {"name": ["<mark>Бюджет</mark> &amp; налоги"]},
                }
            ],
        },
        "aggregations": {
            "direction": {
                "doc_count": 1,
                "values": {"buckets": [{"key": "economy", "doc_count": 1}]},
            }
        },
    }
    search_object = build_search(SPHERE_INDEX, SearchRequest(text="бюджет"))
    result = parse_response(Response(search_object, raw), SearchRequest(text="бюджет"))
    assert result.total == 1
    assert result.hits[0].pk == 7
    assert result.hits[0].highlight == "<mark>Бюджет</mark> &amp; налоги"
    assert result.facets["direction"][0].count == 1


@pytest.mark.django_db
def test_search_itself_caches_nothing_its_caller_caches_the_page(
    django_assert_num_queries, settings
):
    settings.SEARCH_CACHE_SECONDS = 60
    first = search(SPHERE_INDEX, SearchRequest(text="культура"))
    with django_assert_num_queries(2):  # the ranked page and its snippets, read again
        again = search(SPHERE_INDEX, SearchRequest(text="культура"))
    assert again.pks == first.pks
    other = search(SPHERE_INDEX, SearchRequest(text="культура", page=2, per_page=1))
    assert other.pks != first.pks
