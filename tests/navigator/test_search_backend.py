"""The navigator list's text search through `portal.search`: PostgreSQL, or Elasticsearch when
configured. No ES server runs in tests: a fake client records requests and answers with hits."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from navigator.documents import MeasureDocument
from navigator.filters import MeasureFilter
from navigator.search import MEASURE_INDEX
from portal.models import SearchSynonym
from portal.search import invalidate_synonyms, text_filter
from portal.search.elastic import MAX_ELASTIC_MATCHES, matching_search
from tests.navigator.factories import OrganisationFactory, SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("navigator:index")


@pytest.fixture
def elastic(fake_es, django_capture_on_commit_callbacks):
    """Elasticsearch configured; syncs still pending at the end run, so none outlives a test."""
    with django_capture_on_commit_callbacks(execute=True):
        yield fake_es


def indexed(fake):
    return [source | {"id": int(pk)} for op, _, pk, source in fake.bulk_actions() if op == "index"]


def deleted(fake):
    return [int(pk) for op, _, pk, _ in fake.bulk_actions() if op == "delete"]


def titles(query):
    return list(MeasureFilter.for_query(QueryDict(query)).qs.values_list("title", flat=True))


def test_without_elasticsearch_postgres_answers_and_nothing_reaches_an_index(
    settings, fake_es, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = None
    with django_capture_on_commit_callbacks(execute=True):
        SupportMeasureFactory(title="Поддержка спорта", summary="Ремонт дворов и площадок")
        SupportMeasureFactory(title="Ремонт дворов", summary="Субсидия")
        SupportMeasureFactory(title="Обучение глав", summary="Курсы")
    assert titles("q=ремонт+дворов") == ["Ремонт дворов", "Поддержка спорта"]
    assert fake_es.requests == []


def test_the_elasticsearch_request_asks_every_word_in_the_weighted_fields():
    SearchSynonym.objects.update_or_create(term="ВОДОКАН", defaults={"expansions": "водоотведение"})
    body = matching_search(MEASURE_INDEX, "ремонт водокан").to_dict()
    assert body["size"] == MAX_ELASTIC_MATCHES == 2000
    assert body["_source"] is False
    # The synonym reaches Elasticsearch through the search analyser, not the request.
    clause = body["query"]["multi_match"]
    assert clause["query"] == "ремонт водокан"
    assert clause["operator"] == "and" and clause["type"] == "cross_fields"
    assert clause["fields"] == [
        "title^3",
        "summary^2",
        "conditions",
        "description",
        "organiser",
        "spheres",
    ]


def test_with_elasticsearch_the_list_shows_its_ids_in_its_order(client, elastic):
    first = SupportMeasureFactory(title="Первая по версии ES")
    second = SupportMeasureFactory(title="Вторая по версии ES")
    draft = SupportMeasureFactory(title="Черновик", live=False)
    SupportMeasureFactory(title="Не найдена")
    elastic.hits = [(second.pk, 7.5), (draft.pk, 3.0), (first.pk, 1.2)]

    # PostgreSQL would find nothing for this text: every hit below comes from ES.
    assert titles("q=квазиинфраструктура") == ["Вторая по версии ES", "Первая по версии ES"]
    page = client.get(LIST_URL, {"q": "квазиинфраструктура"}).content.decode()
    assert page.index("Вторая по версии ES") < page.index("Первая по версии ES")
    assert "Черновик" not in page and "Не найдена" not in page
    assert elastic.searches()[0]["index"] == "municipalitety-navigator-measures"


def list_queries(client, params):
    cache.clear()  # neither the guests' page cache nor cached ES ids
    invalidate_synonyms()  # nor the synonym table this process holds for a second
    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST_URL, params).content.decode()
    return len(queries), page


def test_elasticsearch_answers_once_for_the_list_and_its_facets_and_adds_no_sql(
    client, elastic, settings
):
    measures = SupportMeasureFactory.create_batch(30, title="Единственная тема")
    elastic.hits = [(measure.pk, 1.0) for measure in measures]
    params = {"q": "единственная", "kind": "subsidy"}
    with_elastic, page = list_queries(client, params)
    assert page.count("Единственная тема") == 20
    assert len(elastic.searches()) == 1, "the facet counts reuse the cached ids"
    settings.ELASTICSEARCH_URL = None
    with_postgres, page = list_queries(client, params)
    assert page.count("Единственная тема") == 20
    assert with_elastic <= with_postgres


def test_nothing_found_by_elasticsearch_is_an_empty_list(elastic):
    SupportMeasureFactory(title="Что-то")
    assert titles("q=ничего") == []


def test_other_filters_and_sorts_apply_to_the_elasticsearch_hits(elastic):
    grant = SupportMeasureFactory(title="Грант", kind="grant", amount_max=10)
    subsidy = SupportMeasureFactory(title="Субсидия", kind="subsidy", amount_max=500)
    elastic.hits = [(grant.pk, 2.0), (subsidy.pk, 1.0)]
    assert titles("q=поддержка&kind=subsidy") == ["Субсидия"]
    assert titles("q=поддержка&sort=amount") == ["Субсидия", "Грант"]


def test_an_empty_text_leaves_the_queryset_alone(elastic):
    queryset = MEASURE_INDEX.model_queryset()
    assert text_filter(MEASURE_INDEX, queryset, "  \x00 ") is queryset
    assert elastic.searches() == []


def test_the_document_carries_the_searched_texts_without_markup():
    organiser = OrganisationFactory(name="Министерство строительства", short_name="Минстрой")
    measure = SupportMeasureFactory(
        title="Дворы",
        summary="Кратко",
        description="<p>Подробно о <b>дворах</b></p>",
        funded_items="Асфальт",
        other_conditions="Софинансирование",
        organiser=organiser,
        spheres=[SphereFactory(name="Благоустройство")],
    )
    document = MeasureDocument.from_instance(measure).to_dict(include_meta=True)
    source = document["_source"]
    assert document["_id"] == measure.pk
    assert source["description"] == "Подробно о дворах"
    assert source["conditions"] == "Асфальт\nСофинансирование"
    assert source["organiser"] == "Министерство строительства Минстрой"
    assert source["spheres"] == ["Благоустройство"]


def test_published_measures_are_indexed_after_commit_and_leave_when_unpublished(
    elastic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        measure = SupportMeasureFactory(title="Опубликованная", spheres=[SphereFactory()])
    assert [doc["title"] for doc in indexed(elastic)] == ["Опубликованная"]
    assert {index for _, index, _, _ in elastic.bulk_actions()} == {
        "municipalitety-navigator-measures"
    }
    assert indexed(elastic)[0]["id"] == measure.pk

    with django_capture_on_commit_callbacks(execute=True):
        measure.live = False
        measure.save()
    assert deleted(elastic) == [measure.pk]

    pk = measure.pk
    with django_capture_on_commit_callbacks(execute=True):
        measure.delete()
    assert deleted(elastic) == [pk, pk]


def test_a_draft_revision_of_a_live_measure_keeps_the_published_text_in_the_index(
    elastic, django_capture_on_commit_callbacks
):
    measure = SupportMeasureFactory(title="Опубликованное название")
    measure.title = "Черновое название"
    with django_capture_on_commit_callbacks(execute=True):
        measure.save_revision()
    assert [doc["title"] for doc in indexed(elastic)] == ["Опубликованное название"]


def test_rows_changed_in_one_transaction_are_synced_in_one_bulk_request(
    elastic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        live = SupportMeasureFactory.create_batch(3)
        draft = SupportMeasureFactory(live=False)
    assert [path for _, path, _ in elastic.requests] == ["/_bulk"]
    assert sorted(doc["id"] for doc in indexed(elastic)) == sorted(m.pk for m in live)
    assert deleted(elastic) == [draft.pk], "a draft is never in the index"
