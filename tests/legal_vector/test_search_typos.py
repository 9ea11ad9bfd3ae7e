# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
"""Typos in ordinary words: the query is corrected against the words of the base."""

import datetime
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse

from legal_vector.importing.importer import ImportOptions, import_text
from legal_vector.models import SearchWord
from legal_vector.search.vocabulary import corrected, rebuild_vocabulary
from portal.models import SearchLog
from tests.legal_vector.legal_search_fixtures import legal_base  # noqa: F401

URL = reverse("legal_vector:search")
VILLAGE_ACT = """Статья 27.1. Староста сельского населенного пункта
1. Староста сельского населенного пункта назначается представительным органом.
Статья 26.1. Инициативные проекты
1. Инициативный проект вносится инициативной группой граждан.
"""


@pytest.fixture
def village_base(legal_base):
    date = datetime.date(2019, 5, 1)
    options = ImportOptions(
        kind="federal_law", number="87-ФЗ", adopted_on=date, status="in_force",
        title="О внесении изменений в отдельные законодательные акты", level="federal",
        edition_date=date,
    )  # fmt: skip
    legal_base["87-ФЗ"] = import_text(VILLAGE_ACT, options).document
    return legal_base


def test_an_import_adds_its_words_to_the_vocabulary(village_base):
    words = dict(SearchWord.objects.values_list("word", "unit_count"))
    assert words["староста"] == 2
    assert "пункта" in words
    assert not any(len(word) < 4 for word in words)


def test_unknown_words_are_replaced_by_the_closest_known_ones(village_base):
    assert corrected("инициативный праект") == "инициативный проект"
    assert corrected("староста селького пункта") == "староста сельского пункта"
    assert corrected("староста сельского пункта") == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("инициативный праект", "инициативный проект"),
        ("староста селького пункта", "староста сельского пункта"),
    ],
)
def test_a_typo_shows_the_corrected_querys_results(client, village_base, typed, meant):
    response = client.get(URL, {"q": typed})
    page = response.context["page"]
    assert page.corrected_query == meant
    assert page.units and page.units[0].document == village_base["87-ФЗ"]
    html = response.content.decode()
    assert "Возможно, вы искали:" in html
    assert f'href="?q={quote(meant)}"' in html


def test_a_typo_is_logged_as_a_zero_result(client, village_base):
    client.get(URL, {"q": "инициативный праект"})
    client.get(URL, {"q": "инициативный проект"})
    logged = dict(SearchLog.objects.values_list("query", "result_count"))
    assert logged["инициативный праект"] == 0
    assert logged["инициативный проект"] >= 1


def test_nothing_is_corrected_when_the_words_are_known(client, village_base):
    page = client.get(URL, {"q": "староста публичные"}).context["page"]
    # Known words that never meet in one unit: the partial match answers, not a correction.
    assert page.corrected_query == ""
    assert page.partial and page.full_total == 0


def test_the_rebuild_counts_current_editions_only(village_base):
    SearchWord.objects.create(word="устаревшееслово", unit_count=5)
    rebuild_vocabulary()
    assert not SearchWord.objects.filter(word="устаревшееслово").exists()
    assert SearchWord.objects.get(word="староста").unit_count == 2


def test_the_rebuild_command_reports_the_word_count(village_base, capsys):
    call_command("rebuild_search_vocabulary")
    assert f"Слов в словаре: {SearchWord.objects.count()}" in capsys.readouterr().out


def test_a_corrected_search_runs_a_bounded_number_of_queries(
    client, village_base, settings, django_assert_max_num_queries
):
    settings.SEARCH_CACHE_SECONDS = 0
    # The typed query's search and documents, its log row, one correction, then the
    # corrected query's search, snippets, units and documents.
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "староста селького пункта"})
    assert response.context["page"].corrected_query


@pytest.mark.parametrize("typed", ["как часто староста", "староста и подарок", "староста умер"])
def test_words_of_the_dictionary_are_never_corrected(village_base, typed):
    # None of these words is in the base, but each is Russian: «часто» is not «части».
    assert corrected(typed) == ""


def test_a_typo_beside_a_dictionary_word_is_still_corrected(village_base):
    assert corrected("часто праект") == "часто проект"


def test_a_dictionary_word_gives_way_to_a_word_of_the_base_with_its_stem(village_base):
    date = datetime.date(2021, 3, 1)
    options = ImportOptions(
        kind="municipal_act", number="15", adopted_on=date, status="in_force",
        title="О развитии коммунального хозяйства", level="municipal", edition_date=date,
    )  # fmt: skip
    import_text("1. Программа развития коммунального хозяйства утверждается.\n", options)

    # Slang for a word of the base: the base's word is offered.
    assert corrected("коммуналка поселения") == "коммунального поселения"
    # A look-alike of another stem is not: «часто» is never «части».
    assert corrected("часто коммуналка") == "часто коммунального"
