# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
import pytest

from legal_vector.search.requisites import parse_citation, resolve
from tests.legal_vector.legal_search_fixtures import legal_base  # noqa: F401


@pytest.mark.parametrize(
    ("text", "number", "units"),
    [
        ("131-ФЗ", "131-ФЗ", {}),
        ("ст. 14 131-ФЗ", "131-ФЗ", {"article": "14"}),
        ("ч. 2 ст. 36 закона 131-ФЗ", "131-ФЗ", {"part": "2", "article": "36"}),
        ("закон от 06.10.2003 № 131", "131", {}),
        ("п. 5 ч. 1 статьи 14 Федерального закона N 131-ФЗ", "131-ФЗ",
         {"point": "5", "part": "1", "article": "14"}),
        ("пп. «а» п. 3 ст. 5 44-ФЗ", "44-ФЗ", {"subpoint": "а", "point": "3", "article": "5"}),
    ],
)  # fmt: skip
def test_citations_are_parsed_into_number_and_units(text, number, units):
    citation = parse_citation(text)
    assert citation.number == number
    assert citation.units == units
    assert citation.is_pure


def test_a_date_in_the_citation_is_read():
    assert parse_citation("закон от 06.10.2003 № 131").adopted_on.isoformat() == "2003-10-06"


def test_code_abbreviations_name_the_code():
    citation = parse_citation("ст. 264.2 БК РФ")
    assert citation.code_hint == "Бюджетн"
    assert citation.key_candidates() == ["st264.2"]


def test_words_around_a_number_make_the_query_a_text_search():
    citation = parse_citation("полномочия главы по 131-ФЗ")
    assert citation.leftover == "полномочия главы"
    assert not citation.is_pure


def test_plain_text_is_not_a_citation():
    assert parse_citation("публичные слушания по бюджету") is None


def test_key_candidates_go_from_the_most_specific_to_the_article():
    assert parse_citation("п. 5 ч. 1 ст. 14 131-ФЗ").key_candidates()[:2] == [
        "st14/ch1/p5",
        "st14/ch1",
    ]


def test_a_unit_citation_resolves_to_the_unit_of_the_current_edition(legal_base):
    _, document, unit = resolve("ч. 2 ст. 36 закона 131-ФЗ")
    assert document == legal_base["131-ФЗ"]
    assert unit.stable_key == "st36/ch2"
    assert unit.edition.is_current


def test_a_missing_part_falls_back_to_its_article(legal_base):
    _, _, unit = resolve("ч. 9 ст. 28 131-ФЗ")
    assert unit.stable_key == "st28"


def test_number_without_suffix_and_date_finds_the_document(legal_base):
    _, document, unit = resolve("закон от 06.10.2003 № 131")
    assert document == legal_base["131-ФЗ"]
    assert unit is None


def test_unknown_number_resolves_to_nothing(legal_base):
    citation, document, unit = resolve("ст. 5 999-ФЗ")
    assert citation is not None
    assert document is None and unit is None
