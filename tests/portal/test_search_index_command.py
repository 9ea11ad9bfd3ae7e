# ruff: noqa: F811 — the fake_es fixture is imported and redefined as an argument.
"""`manage.py search_index --rebuild` refills every registered Elasticsearch index."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from legal_vector.models import StructuralUnit
from portal.search.elastic import rebuildable
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample

LEGAL = "municipalitety-legal-units"

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_every_app_index_is_registered_for_rebuilding():
    assert LEGAL in rebuildable()


def test_rebuild_drops_recreates_and_fills_the_index_with_current_rows(fake_es):
    import_sample(edition_date=datetime.date(2020, 1, 1))
    text = SAMPLE_LAW.replace("высшим должностным лицом.", "главой.")
    import_sample(text, edition_date=datetime.date(2025, 1, 1))
    fake_es.indexes[LEGAL] = {"999999": {"text": "устаревший документ"}}

    output = run("--rebuild", "--only", LEGAL)

    current = {str(pk) for pk in StructuralUnit.objects.current().values_list("pk", flat=True)}
    assert set(fake_es.indexes[LEGAL]) == current
    methods = [(method, path) for method, path, _ in fake_es.requests[:3]]
    assert methods == [("DELETE", f"/{LEGAL}"), ("HEAD", f"/{LEGAL}"), ("PUT", f"/{LEGAL}")]
    mapping = fake_es.requests[2][2]["mappings"]["properties"]
    assert mapping["status"] == {"type": "keyword"}
    assert f"{LEGAL}: проиндексировано документов: {len(current)}." in output


def test_rebuild_of_every_index_by_default(fake_es):
    output = run("--rebuild")

    assert set(rebuildable()) <= {path.strip("/") for _, path, _ in fake_es.requests}
    assert "Индексы пересозданы." in output


def test_without_rebuild_the_command_lists_the_indexes(fake_es):
    assert LEGAL in run().split()
    assert fake_es.requests == []


def test_unknown_indexes_and_a_missing_server_are_refused(fake_es, settings):
    with pytest.raises(CommandError, match="Нет таких индексов: nope"):
        run("--rebuild", "--only", "nope")
    settings.ELASTICSEARCH_URL = None
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        run("--rebuild")
