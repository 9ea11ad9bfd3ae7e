# ruff: noqa: F811 — the fake_es fixture is imported and redefined as an argument.
"""Imported and edited acts reach Elasticsearch in bulk; nothing is sent when it is not set up."""

import datetime

import pytest

from legal_vector.models import Document, StructuralUnit
from legal_vector.search.indexes import UNIT_INDEX
from portal.search import postings
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample
from tests.legal_vector.factories import TopicFactory

INDEX = "municipalitety-legal-units"

pytestmark = pytest.mark.django_db


def import_committed(capture, text=SAMPLE_LAW, **options):
    with capture(execute=True) as callbacks:
        result = import_sample(text, **options)
    return result, callbacks


def amended(text=SAMPLE_LAW):
    return text.replace("является высшим должностным лицом.", "является главой.")


def test_an_import_indexes_the_units_of_its_edition_in_bulk(
    fake_es, django_capture_on_commit_callbacks
):
    result, _ = import_committed(django_capture_on_commit_callbacks)

    actions = fake_es.bulk_actions()
    units = StructuralUnit.objects.filter(edition=result.edition)
    assert {(op, index) for op, index, _, _ in actions} == {("index", INDEX)}
    assert sorted(int(pk) for _, _, pk, _ in actions) == sorted(units.values_list("pk", flat=True))
    source = {pk: source for _, _, pk, source in actions}[units.get(stable_key="st36/ch2").pk]
    assert source["heading"] == "ч. 2 ст. 36"
    assert source["status"] == "in_force" and source["year"] == 2003
    assert source["text"].startswith("Глава избирается")


def test_a_new_edition_replaces_the_units_of_the_old_one(
    fake_es, django_capture_on_commit_callbacks
):
    old, _ = import_committed(django_capture_on_commit_callbacks)
    fake_es.requests.clear()

    new, _ = import_committed(
        django_capture_on_commit_callbacks, amended(), edition_date=datetime.date(2025, 1, 1)
    )

    actions = fake_es.bulk_actions()
    indexed = {int(pk) for op, _, pk, _ in actions if op == "index"}
    removed = {int(pk) for op, _, pk, _ in actions if op == "delete"}
    assert indexed == set(new.edition.units.values_list("pk", flat=True))
    assert removed == set(old.edition.units.values_list("pk", flat=True))
    assert set(fake_es.indexes[INDEX]) == {str(pk) for pk in indexed}


def test_an_older_edition_imported_late_changes_nothing_in_the_index(
    fake_es, django_capture_on_commit_callbacks
):
    import_committed(django_capture_on_commit_callbacks, edition_date=datetime.date(2025, 1, 1))
    fake_es.requests.clear()

    import_committed(
        django_capture_on_commit_callbacks, amended(), edition_date=datetime.date(2010, 1, 1)
    )

    assert fake_es.bulk_actions() == []


def test_an_edited_document_reindexes_its_current_units(
    fake_es, django_capture_on_commit_callbacks, law
):
    fake_es.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        law.status = "repealed"
        law.save()
        law.topics.add(TopicFactory(slug="budget"))

    sources = [source for op, _, _, source in fake_es.bulk_actions()]
    current = StructuralUnit.objects.current().filter(document=law).count()
    assert len(sources) == 2 * current
    assert {source["status"] for source in sources} == {"repealed"}
    assert sources[-1]["topic"] == ["budget"]


def test_without_elasticsearch_nothing_is_queued_or_sent(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.ELASTICSEARCH_URL = None
    sent = []
    monkeypatch.setattr("portal.search.elastic.client", lambda: sent.append(1))

    result, callbacks = import_committed(django_capture_on_commit_callbacks)
    Document.objects.get(pk=result.document.pk).save()

    # What runs after the import's commit is the search postings' build, which is the
    # PostgreSQL backend's own (docs/search-postings.md); nothing reaches a cluster.
    assert len(callbacks) == 1 and postings.is_fresh(UNIT_INDEX)
    assert sent == []
