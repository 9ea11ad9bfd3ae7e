"""Rebuilds behind an alias, syncs during a rebuild and the consistency check, against the fake
cluster of `fake_elasticsearch.py` (every request recorded, indexes and aliases kept)."""

import pytest
from django.core.cache import cache

from navigator.documents import MeasureDocument
from navigator.models import SupportMeasure
from portal.search import es_indexing
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db
ALIAS = "municipalitety-navigator-measures"


@pytest.fixture
def measures():
    return es_indexing.for_alias(ALIAS)


def calls(fake, since=0):
    """(method, path) of the requests sent, the timestamped index name written as <new>."""
    return [(method, path) for method, path, _ in fake.requests[since:]]


def test_a_rebuild_loads_a_new_index_then_swaps_the_alias_in_one_request(fake_es, measures):
    published = SupportMeasureFactory.create_batch(2)
    SupportMeasureFactory(live=False)
    fake_es.indexes[f"{ALIAS}-old"] = {"1": {"title": "прежний"}}
    fake_es.aliases[ALIAS] = {f"{ALIAS}-old"}

    assert es_indexing.rebuild(measures) == 2

    (new,) = fake_es.aliases[ALIAS]
    assert new.startswith(f"{ALIAS}-20") and new != f"{ALIAS}-old"
    assert calls(fake_es) == [
        ("PUT", "/_synonyms/municipalitety-synonyms"),  # the analyser's set exists first
        ("PUT", f"/{new}"),
        ("PUT", "/_bulk"),
        ("PUT", f"/{new}/_settings"),
        ("POST", f"/{new}/_refresh"),
        ("GET", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{ALIAS}-old"),
    ]
    settings = fake_es.created[new]["settings"]
    assert settings["refresh_interval"] == "-1", "no refreshes while loading"
    assert fake_es.requests[3][2] == {"refresh_interval": "1s"}
    assert fake_es.requests[6][2] == {
        "actions": [
            {"add": {"index": new, "alias": ALIAS}},
            {"remove": {"index": f"{ALIAS}-old", "alias": ALIAS}},
        ]
    }
    assert set(fake_es.documents(ALIAS)) == {str(m.pk) for m in published}
    assert {op for op, *_ in fake_es.bulk_actions()} == {"create"}, "never overwrites a sync"


def test_a_first_rebuild_replaces_an_index_that_squats_the_alias_name(fake_es, measures):
    fake_es.indexes[ALIAS] = {"99": {"title": "автосозданный"}}

    es_indexing.rebuild(measures)

    (new,) = fake_es.aliases[ALIAS]
    actions = [body for method, path, body in fake_es.requests if path == "/_aliases"][0]
    assert actions["actions"] == [
        {"add": {"index": new, "alias": ALIAS}},
        {"remove_index": {"index": ALIAS}},
    ]
    assert ALIAS not in fake_es.indexes


def test_a_failed_load_deletes_the_new_index_and_leaves_the_alias(fake_es, measures, monkeypatch):
    SupportMeasureFactory()
    fake_es.indexes[f"{ALIAS}-old"] = {}
    fake_es.aliases[ALIAS] = {f"{ALIAS}-old"}

    def broken(cls, row):
        raise RuntimeError("a bug in from_instance")

    monkeypatch.setattr(MeasureDocument, "from_instance", classmethod(broken))
    with pytest.raises(RuntimeError):
        es_indexing.rebuild(measures)

    assert fake_es.aliases[ALIAS] == {f"{ALIAS}-old"}
    assert set(fake_es.indexes) == {f"{ALIAS}-old"}
    assert cache.get(f"portal.search.rebuilding.{ALIAS}") is None


def test_rows_synced_while_a_rebuild_loads_reach_the_new_index_too(fake_es, measures):
    measure = SupportMeasureFactory(title="Свежая")
    fake_es.indexes[f"{ALIAS}-old"] = {}
    fake_es.aliases[ALIAS] = {f"{ALIAS}-old"}
    fake_es.indexes[f"{ALIAS}-new"] = {}
    cache.set(f"portal.search.rebuilding.{ALIAS}", f"{ALIAS}-new")

    es_indexing.sync_rows(measures, [measure.pk])

    assert fake_es.indexes[f"{ALIAS}-old"][str(measure.pk)]["title"] == "Свежая"
    assert fake_es.indexes[f"{ALIAS}-new"][str(measure.pk)]["title"] == "Свежая"
    # The load that follows only creates: the synced copy stays.
    SupportMeasure.objects.filter(pk=measure.pk).update(title="Устаревшая копия")
    es_indexing.bulk_update(MeasureDocument, rows=measures.rows(), index=f"{ALIAS}-new",
                            create_only=True)  # fmt: skip
    assert fake_es.indexes[f"{ALIAS}-new"][str(measure.pk)]["title"] == "Свежая"


def test_the_first_write_to_a_fresh_cluster_creates_the_index_behind_its_alias(fake_es, measures):
    es_indexing.ensure_index(measures)
    (physical,) = fake_es.aliases[ALIAS]
    assert physical.startswith(f"{ALIAS}-")
    assert fake_es.created[physical]["settings"]["refresh_interval"] == "1s"
    sent = len(fake_es.requests)

    es_indexing.ensure_index(measures)
    assert calls(fake_es, sent) == [("GET", f"/_alias/{ALIAS}")], "nothing more to create"


def test_the_consistency_check_indexes_missing_rows_and_deletes_extra_documents(fake_es, measures):
    kept, missing = SupportMeasureFactory.create_batch(2)
    unpublished = SupportMeasureFactory(live=False)
    fake_es.indexes[f"{ALIAS}-1"] = {
        str(kept.pk): {"title": kept.title},
        str(unpublished.pk): {"title": "снята с публикации"},
        "987654": {"title": "удалена"},
    }
    fake_es.aliases[ALIAS] = {f"{ALIAS}-1"}

    differences = es_indexing.reconcile(measures)

    assert differences.missing == {missing.pk}
    assert differences.extra == {unpublished.pk, 987654}
    assert set(fake_es.documents(ALIAS)) == {str(kept.pk), str(missing.pk)}
    assert es_indexing.reconcile(measures).consistent


def test_the_consistency_check_can_only_report(fake_es, measures):
    SupportMeasureFactory()
    fake_es.indexes[f"{ALIAS}-1"] = {}
    fake_es.aliases[ALIAS] = {f"{ALIAS}-1"}

    differences = es_indexing.reconcile(measures, fix=False)

    assert len(differences.missing) == 1 and not differences.extra
    assert fake_es.bulk_actions() == []


def test_compare_is_a_set_difference_both_ways(measures):
    differences = es_indexing.compare(measures, db_ids={1, 2, 3}, es_ids={2, 3, 4})
    assert (differences.missing, differences.extra) == ({1}, {4})
    assert not differences.consistent
