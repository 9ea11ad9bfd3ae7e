"""One form per stem in search queries (`portal.search.stems`)."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search import stems as stems_module
from portal.search.language import word_forms
from portal.search.phrasing import plan_words
from portal.search.postgres import plan_query
from portal.search.stems import distinct_forms, stems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_stems(monkeypatch):
    monkeypatch.setattr(stems_module, "_known", {})


def test_stems_are_postgresql_ones_and_stop_words_have_none():
    found = stems(["прохождения", "и", "органы местного самоуправления"])
    assert found["прохождения"] == ("прохожден",)
    assert found["и"] == ()
    assert set(found["органы местного самоуправления"]) == {"орга", "местн", "самоуправлен"}


def test_a_phrase_is_asked_once_per_process():
    stems(["прохождения"])
    with CaptureQueriesContext(connection) as queries:
        assert stems(["прохождения"]) == {"прохождения": ("прохожден",)}
    assert len(queries) == 0


def test_a_full_table_is_cleared_not_grown(monkeypatch):
    monkeypatch.setattr(stems_module, "MAX_KNOWN", 2)
    stems(["дума", "глава"])
    found = stems(["устав", "сход"])
    assert set(found) == {"устав", "сход"}
    assert len(stems_module._known) == 2


def test_forms_sharing_a_stem_become_one():
    forms = word_forms("прохождения")
    assert len(forms) > 10
    distinct = distinct_forms({"прохождения": forms})["прохождения"]
    assert len(distinct) == 1
    # «день», «дня», «дней»: the stemmer splits the lexeme, so each stem keeps a form.
    days = distinct_forms({"дней": word_forms("дней")})["дней"]
    assert len({stems([form])[form] for form in days}) == len(days) > 1


def test_a_word_of_stop_words_only_keeps_itself():
    assert distinct_forms({"и": {"и"}}) == {"и": ["и"]}


def _tsquery_lexemes(query: SearchQuery) -> list[str]:
    text = query.source_expressions[-1].value
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsquery('russian', %s)::text", [text])
        tree = cursor.fetchone()[0]
    return tree.split("'")[1::2]


def test_a_planned_query_repeats_no_lexeme():
    lexemes = _tsquery_lexemes(plan_query(plan_words("прохождение муниципальной службы")))
    assert len(lexemes) == len(set(lexemes))
    assert {"прохожден", "муниципальн", "служб"} <= set(lexemes)
