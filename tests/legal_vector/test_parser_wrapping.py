"""Hard-wrapped texts (.txt exports broken at ~70 columns) parse like one paragraph per line."""

import re
import textwrap
from collections import Counter

from legal_vector.importing.parser import parse_act, split_lines
from legal_vector.importing.wrapping import wrap_width
from tests.legal_vector.conftest import SAMPLE_LAW, SAMPLE_MUNICIPAL_ACT, import_sample

# The sample text is written for these tests in the style of a real act; it is not a real act.
PARAGRAPHS = [
    "АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ «ГОРОДСКОЕ ПОСЕЛЕНИЕ ЭНСК» ЭНСКОГО РАЙОНА "
    "ТЕСТОВСКОЙ ОБЛАСТИ",
    "ПОСТАНОВЛЕНИЕ",
    "от 14.03.2024 № 77",
    "Об утверждении порядка предоставления субсидий на поддержку инициативных проектов",
    "В соответствии с Федеральным законом от 06.10.2003 № 131-ФЗ «Об общих принципах "
    "организации местного самоуправления в Российской Федерации», Уставом муниципального "
    "образования администрация постановляет:",
    "1. Утвердить порядок предоставления субсидий из местного бюджета на поддержку "
    "инициативных проектов жителей городского поселения согласно приложению.",
    "2. Субсидии предоставляются в пределах бюджетных ассигнований, предусмотренных решением "
    "о местном бюджете на очередной финансовый год и плановый период, на цели:",
    "1) благоустройства дворовых территорий, общественных пространств и мест массового отдыха "
    "жителей поселения;",
    "2) ремонта объектов социально-культурного назначения, находящихся в муниципальной "
    "собственности, с учетом социально-экономического развития поселения.",
    "(в ред. постановления администрации городского поселения Энск от 01.02.2025 № 12)",
    "3. Контроль за исполнением настоящего постановления возложить на заместителя главы "
    "администрации по вопросам жилищно-коммунального хозяйства и благоустройства территории.",
    "Глава городского поселения Энск",
    "И.И.ИВАНОВ",
]
ONE_PER_LINE = "\n".join(PARAGRAPHS)
WRAPPED = "\n".join(textwrap.fill(p, width=72, break_on_hyphens=False) for p in PARAGRAPHS)

HYPHENATED = """Статья 3. Полномочия органов местного самоуправления
1. Органы местного самоуправления городского поселения Энск осуществляют муници-
пальный контроль за соблюдением правил благоустройства всей территории поселения,
а также принимают программы социально-экономического развития, планы меро-
приятий по их реализации с учетом мнения населения, выраженного на публичных
слушаниях и общественных обсуждениях в порядке, установленном уставом. Социально-
экономическое развитие поселения обеспечивается за счет средств местного бюджета
и финансово-экономических механизмов поддержки малого предпринимательства,
включая налоговые льготы и муниципальные гарантии, а также иных финансово-
кредитных механизмов, предусмотренных бюджетным законодательством.
2. Глава муниципального образования представляет ежегодный отчет о результатах
своей деятельности.
"""


def units_of(parsed):
    return [(u.kind, u.stable_key, u.heading, u.text, u.note) for u in parsed.units]


def test_the_wrapped_sample_is_really_wrapped_at_72_columns():
    lines = split_lines(WRAPPED)

    assert len(lines) > 2 * len(PARAGRAPHS)
    assert max(len(line) for line in lines) <= 72


def test_a_hard_wrapped_act_parses_like_the_same_act_with_one_paragraph_per_line():
    wrapped, plain = parse_act(WRAPPED), parse_act(ONE_PER_LINE)

    assert units_of(wrapped) == units_of(plain)
    assert wrapped.requisites == plain.requisites
    assert wrapped.requisites.title == PARAGRAPHS[3]
    assert wrapped.requisites.kind == "municipal_act"
    assert wrapped.header_lines == plain.header_lines


def test_wrapped_paragraphs_do_not_become_one_line_paragraphs():
    units = {unit.stable_key: unit for unit in parse_act(WRAPPED).units}

    assert not any(unit.kind == "paragraph" for unit in units.values())
    assert units["p2/pp2"].marks[0]["text"].startswith("(в ред. постановления")
    assert units["p2/pp2"].text.endswith("социально-экономического развития поселения.")
    assert units["preamble"].text.endswith("администрация постановляет:")


def test_joining_is_reported_in_the_edition_warnings():
    warnings = parse_act(WRAPPED).warnings

    assert any("по ширине (ширина строки: 72)" in warning for warning in warnings)
    assert parse_act(ONE_PER_LINE).warnings == []


def test_words_broken_with_a_hyphen_are_glued_back_and_compounds_keep_it():
    part = {unit.stable_key: unit for unit in parse_act(HYPHENATED).units}["st3/ch1"]

    assert "осуществляют муниципальный контроль" in part.text
    assert "планы мероприятий по их реализации" in part.text
    # Written with a hyphen elsewhere in the text, or a compound by its first half.
    assert "Социально-экономическое развитие" in part.text
    assert "финансово-кредитных механизмов" in part.text
    assert "\n" not in part.text


def test_headings_and_items_are_not_glued_to_the_text_around_them():
    units = {unit.stable_key: unit for unit in parse_act(HYPHENATED).units}

    assert units["st3"].heading == "Полномочия органов местного самоуправления"
    assert units["st3/ch2"].text == (
        "Глава муниципального образования представляет ежегодный отчет о результатах своей "
        "деятельности."
    )


def test_wrapped_text_keeps_every_character_but_the_wrap_hyphens():
    parsed = parse_act(HYPHENATED)
    kept = "".join(unit.marker + unit.heading + unit.text + unit.note for unit in parsed.units)
    source = re.sub(r"(муници|меро)-\n", r"\1", HYPHENATED)

    assert Counter(re.sub(r"\s+", "", kept)) == Counter(re.sub(r"\s+", "", source))


def test_texts_with_one_paragraph_per_line_are_left_alone():
    for sample in (SAMPLE_LAW, SAMPLE_MUNICIPAL_ACT, ONE_PER_LINE):
        assert wrap_width(split_lines(sample)) is None
    parsed = parse_act("Статья 1. Первая\nТекст статьи без точки\nещё одна строка")
    assert parsed.units[0].heading == "Первая"
    assert parsed.units[-1].text == "ещё одна строка"


def test_an_imported_wrapped_act_gets_whole_paragraphs(db):
    edition = import_sample(WRAPPED).edition

    texts = list(edition.units.order_by("position").values_list("text", flat=True))
    assert texts[1].startswith("Утвердить порядок предоставления субсидий")
    assert texts[1].endswith("согласно приложению.")
    assert edition.warnings and "по ширине" in edition.warnings[0]
