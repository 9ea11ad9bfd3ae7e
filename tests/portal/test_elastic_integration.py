"""Against a real Elasticsearch (8.10 or newer): the Russian analysers, the synonyms set, a
rebuild behind an alias, syncs, the consistency check and the navigator's text filter.

Run with `ELASTICSEARCH_URL=http://localhost:9200 pytest tests/portal/test_elastic_integration.py`
against a disposable cluster: the indexes get a unique prefix and are deleted afterwards, and
the synonyms set the analysers read is restored. Without the variable every test is skipped.
"""

import os
import uuid

import pytest
from django.http import QueryDict
from elasticsearch import Elasticsearch
from elasticsearch_dsl import connections

from navigator.filters import MeasureFilter
from navigator.search import MEASURE_INDEX
from portal.models import SearchSynonym
from portal.search import es_indexing
from portal.search.es_analysis import SYNONYMS_SET, push_synonyms
from portal.search.es_indexing import IndexedRows
from tests.navigator.factories import SupportMeasureFactory

ES_URL = os.environ.get("ELASTICSEARCH_URL")

pytestmark = [
    pytest.mark.skipif(
        not ES_URL,
        reason="ELASTICSEARCH_URL не задан: интеграционные тесты Elasticsearch идут только "
        "с настоящим кластером (юнит-тесты запросов и маппингов проверяют остальное)",
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def cluster(settings):
    """The real cluster as the default connection, with a prefix no site uses."""
    prefix = f"test{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_URL = ES_URL
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    es = Elasticsearch(ES_URL, request_timeout=30)
    saved = es.options(ignore_status=404).synonyms.get_synonym(id=SYNONYMS_SET)
    previous = saved.body.get("synonyms_set") if saved.meta.status == 200 else None
    connections.add_connection("default", es)
    yield es
    # By name: clusters refuse wildcard deletes (action.destructive_requires_name).
    for name in es.indices.get(index=f"{prefix}-*").body:
        es.indices.delete(index=name)
    if previous is not None:
        es.synonyms.put_synonym(id=SYNONYMS_SET, synonyms_set=previous)
    connections.remove_connection("default")


@pytest.fixture
def measures(cluster, settings):
    """The navigator's index under the test prefix."""
    alias = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{MEASURE_INDEX.name}"
    return IndexedRows(MEASURE_INDEX.document, MEASURE_INDEX.model_queryset, alias_name=alias)


def tokens(es, index, text, analyzer):
    answer = es.indices.analyze(index=index, analyzer=analyzer, text=text)
    return [token["token"] for token in answer["tokens"]]


def physical(es, alias):
    (name,) = es.indices.get_alias(name=alias).body
    return name


def test_the_russian_analyser_folds_yo_drops_stop_words_and_stems(cluster, measures):
    es_indexing.ensure_index(measures)
    index = physical(cluster, measures.alias)

    assert tokens(cluster, index, "Ёлки и полномочия", "portal_russian") == (
        tokens(cluster, index, "елки полномочий", "portal_russian")
    )
    assert "и" not in tokens(cluster, index, "глава и дума", "portal_russian")


def test_a_rebuild_swaps_the_alias_and_synonyms_find_the_other_wording(cluster, measures):
    SearchSynonym.objects.update_or_create(
        term="дума", defaults={"expansions": "представительный орган"}
    )
    measure = SupportMeasureFactory(title="Грант для представительного органа")
    SupportMeasureFactory(title="Ремонт дорог")

    assert es_indexing.rebuild(measures) == 2
    first = physical(cluster, measures.alias)
    assert es_indexing.rebuild(measures) == 2
    second = physical(cluster, measures.alias)
    assert second != first and not cluster.indices.exists(index=first)

    hits = cluster.search(
        index=measures.alias,
        query={"multi_match": {"query": "дума", "fields": list(MEASURE_INDEX.text_fields)}},
    )["hits"]["hits"]
    assert [int(hit["_id"]) for hit in hits] == [measure.pk]


def test_synonyms_pushed_later_apply_without_a_rebuild(cluster, measures):
    measure = SupportMeasureFactory(title="Субсидия на коммунальные услуги")
    es_indexing.rebuild(measures)
    SearchSynonym.objects.update_or_create(
        term="коммуналка", defaults={"expansions": "коммунальные услуги"}
    )
    push_synonyms(cluster)
    cluster.indices.clear_cache(index=measures.alias, request=True)

    hits = cluster.search(index=measures.alias, query={"match": {"title": "коммуналка"}})
    assert [int(hit["_id"]) for hit in hits["hits"]["hits"]] == [measure.pk]


def test_syncs_and_the_consistency_check_follow_the_database(cluster, measures):
    kept, unpublished = SupportMeasureFactory.create_batch(2)
    es_indexing.rebuild(measures)
    unpublished.live = False
    unpublished.save()
    missing = SupportMeasureFactory()

    differences = es_indexing.reconcile(measures)
    cluster.indices.refresh(index=measures.alias)

    assert (differences.missing, differences.extra) == ({missing.pk}, {unpublished.pk})
    assert es_indexing.index_ids(measures) == {kept.pk, missing.pk}


def test_the_navigator_list_filters_by_the_clusters_matches(cluster, measures):
    found = SupportMeasureFactory(title="Модернизация водоканала")
    SupportMeasureFactory(title="Поддержка спорта")
    es_indexing.rebuild(measures)

    titles = MeasureFilter.for_query(QueryDict("q=водоканал")).qs.values_list("title", flat=True)
    assert list(titles) == [found.title]
