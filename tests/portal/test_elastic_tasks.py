"""Indexing through Celery: saves queue a task after commit (through the outbox when a broker
is configured), tasks retry a cluster that is down with exponential backoff, a save never
fails because of the cluster, and the nightly check repairs what was missed."""

import logging
import os

import pytest
from celery.exceptions import Retry
from django.urls import reverse
from elastic_transport import ConnectionError

from legal_vector import tasks as legal_tasks
from navigator.models import SupportMeasure
from portal import outbox
from portal.celery import app
from portal.models import OutboxMessage, SearchSynonym
from portal.search import es_indexing, tasks
from portal.search.syncing import MAX_TASK_ROWS, queue_sync
from portal.tasks import BEAT_SCHEDULE
from tests.legal_vector.conftest import import_sample
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
ALIAS = "municipalitety-navigator-measures"


@pytest.fixture
def broker(monkeypatch):
    """As in production: tasks go to a broker through the outbox (here it never publishes)."""
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    monkeypatch.setattr(outbox, "send_pending", lambda *args, **kwargs: 0)


def sync_messages():
    return list(
        OutboxMessage.objects.filter(task="portal.search.tasks.sync_index").values_list(
            "args", flat=True
        )
    )


def test_a_save_queues_its_sync_in_the_outbox_only_once_the_transaction_commits(
    fake_es, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = SupportMeasureFactory()
        second = SupportMeasureFactory()
    assert sync_messages() == [], "nothing is queued before the commit"

    for callback in callbacks:
        callback()

    # Keys left by earlier tests' rolled-back saves may ride along: the task re-reads them.
    ((alias, pks),) = sync_messages()
    assert alias == ALIAS and {first.pk, second.pk} <= set(pks)
    assert fake_es.requests == [], "the request itself never talks to the cluster"


def test_many_changed_rows_are_split_into_tasks_of_bounded_size(fake_es, broker):
    queue_sync(ALIAS, range(1, 2 * MAX_TASK_ROWS + 2))
    assert [len(pks) for _, pks in sync_messages()] == [MAX_TASK_ROWS, MAX_TASK_ROWS, 1]


def test_without_a_broker_the_task_runs_after_commit_and_indexes_what_the_database_holds(
    fake_es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        measure = SupportMeasureFactory(title="Как в базе")
        SupportMeasure.objects.filter(pk=measure.pk).update(title="Изменено до индексации")
    ((operation, index, pk, source),) = fake_es.bulk_actions()
    assert (operation, index, int(pk)) == ("index", ALIAS, measure.pk)
    assert source["title"] == "Изменено до индексации"


def test_the_task_is_idempotent_and_removes_rows_no_longer_searchable(fake_es):
    measure = SupportMeasureFactory()
    tasks.sync_index.delay(ALIAS, [measure.pk])
    tasks.sync_index.delay(ALIAS, [measure.pk])
    assert fake_es.documents(ALIAS) == {str(measure.pk): fake_es.bulk_actions()[0][3]}

    SupportMeasure.objects.filter(pk=measure.pk).update(live=False)
    tasks.sync_index.delay(ALIAS, [measure.pk])
    assert fake_es.documents(ALIAS) == {}


def test_a_message_for_an_index_that_no_longer_exists_is_dropped(fake_es):
    assert tasks.sync_index.delay("municipalitety-removed", [1, 2]).get() == 0
    assert fake_es.requests == []


def test_a_cluster_that_is_down_is_retried_with_exponential_backoff(fake_es, monkeypatch):
    measure = SupportMeasureFactory()
    fake_es.down = True
    retried = {}

    def retry(exc=None, countdown=None, **kwargs):
        retried.update(exc=exc, countdown=countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(tasks.sync_index, "retry", retry)
    tasks.sync_index.push_request(id="t-1", retries=2, is_eager=False)
    try:
        with pytest.raises(Retry):
            tasks.sync_index(ALIAS, [measure.pk])
    finally:
        tasks.sync_index.pop_request()

    assert isinstance(retried["exc"], ConnectionError)
    assert 40 <= retried["countdown"] <= 44, "10 s doubled twice, plus at most 10 % jitter"


def test_backoff_doubles_up_to_an_hour_over_ten_retries():
    assert [tasks.backoff(n) // 10 * 10 for n in range(4)] == [10, 20, 40, 80]
    assert 3600 <= tasks.backoff(12) <= 3960
    assert tasks.sync_index.max_retries == 10


def test_a_save_answers_302_while_the_cluster_is_down_and_the_failure_is_logged(
    fake_es, cms_client, moderator, django_capture_on_commit_callbacks, caplog
):
    practice = PracticeFactory()
    fake_es.down = True
    url = reverse("admin:practices_practice_change", args=[practice.pk])
    client = cms_client(moderator)
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(title="Сохранено без поиска", municipality=practice.municipality.pk,
                spheres=[], support_measures=[], legal_documents=[])  # fmt: skip

    logged = caplog.at_level(logging.WARNING, logger="portal.search.tasks")
    with logged, django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Сохранено без поиска"
    assert fake_es.requests, "the sync was attempted"
    assert "Elasticsearch unavailable" in caplog.text


def test_with_a_broker_the_work_waits_in_the_outbox_while_the_broker_is_down(
    fake_es, broker, django_capture_on_commit_callbacks
):
    fake_es.down = True
    with django_capture_on_commit_callbacks(execute=True):
        measure = SupportMeasureFactory()
    ((alias, pks),) = sync_messages()
    assert alias == ALIAS and measure.pk in pks


def test_an_edited_synonym_is_pushed_to_the_cluster_after_commit(
    fake_es, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        SearchSynonym.objects.update_or_create(
            term="коммуналка", defaults={"expansions": "коммунальные услуги"}
        )
    rules = fake_es.synonym_sets["municipalitety-synonyms"]
    assert {"коммуналка, коммунальные услуги"} <= {rule["synonyms"] for rule in rules}


def test_the_nightly_check_repairs_every_index(fake_es):
    measure = SupportMeasureFactory()
    fake_es.indexes[f"{ALIAS}-1"] = {"424242": {"title": "лишний"}}
    fake_es.aliases[ALIAS] = {f"{ALIAS}-1"}

    report = tasks.check_indexes.delay().get()

    assert report[ALIAS] == [1, 1]
    assert set(report) == set(es_indexing.rebuildable())
    assert set(fake_es.documents(ALIAS)) == {str(measure.pk)}
    assert "municipalitety-synonyms" in fake_es.synonym_sets


def test_without_elasticsearch_nothing_is_queued_or_sent(
    fake_es, settings, broker, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = None
    with django_capture_on_commit_callbacks(execute=True):
        measure = SupportMeasureFactory()
        SearchSynonym.objects.create(term="водоканальчик", expansions="водоканал")
    assert OutboxMessage.objects.count() == 0
    assert tasks.sync_index.apply((ALIAS, [measure.pk])).get() is None
    assert tasks.check_indexes.apply().get() is None
    assert fake_es.requests == []


def test_the_nightly_check_is_scheduled_only_with_elasticsearch():
    scheduled = "portal-check-search-indexes" in BEAT_SCHEDULE
    assert scheduled == bool(os.environ.get("ELASTICSEARCH_URL"))


def test_an_import_of_an_act_completes_while_the_cluster_is_down(
    fake_es, django_capture_on_commit_callbacks
):
    fake_es.down = True
    with django_capture_on_commit_callbacks(execute=True):
        result = import_sample()

    assert result.edition.units.exists()
    assert fake_es.requests, "the indexing was attempted"
    assert isinstance(legal_tasks.index_edition, tasks.ElasticTask)
    assert isinstance(legal_tasks.index_document, tasks.ElasticTask)
