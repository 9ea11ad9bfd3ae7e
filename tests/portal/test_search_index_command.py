# ruff: noqa: F811 — the fake_es fixture is imported and redefined as an argument.
"""`manage.py search_index`: lists, rebuilds behind aliases and checks the registered indexes."""

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


def test_rebuild_fills_a_new_index_and_swaps_the_alias_to_it(fake_es):
    import_sample(edition_date=datetime.date(2020, 1, 1))
    text = SAMPLE_LAW.replace("высшим должностным лицом.", "главой.")
    import_sample(text, edition_date=datetime.date(2025, 1, 1))
    # An index written before aliases existed holds the alias's name: the swap removes it.
    fake_es.indexes[LEGAL] = {"999999": {"text": "устаревший документ"}}

    output = run("--rebuild", "--only", LEGAL)

    current = {str(pk) for pk in StructuralUnit.objects.current().values_list("pk", flat=True)}
    (physical,) = fake_es.aliases[LEGAL]
    assert physical.startswith(f"{LEGAL}-")
    assert set(fake_es.indexes) == {physical}
    assert set(fake_es.documents(LEGAL)) == current
    mapping = fake_es.created[physical]["mappings"]["properties"]
    assert mapping["status"] == {"type": "keyword"}
    assert f"{LEGAL}: проиндексировано документов: {len(current)}." in output


def test_models_pick_indexes_by_their_model_label(fake_es):
    output = run("--rebuild", "--models", "navigator.SupportMeasure")

    assert set(fake_es.aliases) == {"municipalitety-navigator-measures"}
    assert "municipalitety-navigator-measures: проиндексировано документов: 0." in output
    with pytest.raises(CommandError, match="Нет таких индексов: navigator.Nope"):
        run("--rebuild", "--models", "navigator.Nope")


def test_rebuild_of_every_index_by_default(fake_es):
    output = run("--rebuild")

    assert set(fake_es.aliases) == set(rebuildable())
    assert "Индексы пересозданы." in output


def test_without_rebuild_the_command_lists_the_indexes_and_their_models(fake_es):
    lines = run().splitlines()
    assert f"{LEGAL}\tlegal_vector.StructuralUnit" in lines
    assert "municipalitety-dialog-problems\tdialog.Problem" in lines
    assert "municipalitety-academy-courses\tacademy.CoursePage" in lines
    assert fake_es.requests == []


def test_unknown_indexes_and_a_missing_server_are_refused(fake_es, settings):
    with pytest.raises(CommandError, match="Нет таких индексов: nope"):
        run("--rebuild", "--only", "nope")
    settings.ELASTICSEARCH_URL = None
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        run("--rebuild")
