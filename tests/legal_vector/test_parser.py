import datetime
import io
import re
from pathlib import Path

import docx
import pytest

from legal_vector.importing.codes import code_citation_name, numbered_items_of
from legal_vector.importing.files import UnreadableFile, text_from_bytes
from legal_vector.importing.parser import parse_act, split_lines
from legal_vector.importing.references import chain_to_key, find_references
from legal_vector.importing.requisites import is_upper
from tests.legal_vector.conftest import SAMPLE_CODE, SAMPLE_LAW, SAMPLE_MUNICIPAL_ACT


def units_by_key(parsed):
    return {unit.stable_key: unit for unit in parsed.units}


def squeeze(text):
    return re.sub(r"\s+", "", text)


def test_requisites_are_read_from_the_heading_and_the_signature_block():
    requisites = parse_act(SAMPLE_LAW).requisites

    assert requisites.kind == "federal_law"
    assert requisites.number == "131-ФЗ"
    assert requisites.adopted_on == datetime.date(2003, 10, 6)
    assert requisites.title == (
        "Об общих принципах организации местного самоуправления в Российской Федерации"
    )


def test_municipal_act_requisites_come_from_the_date_and_number_line():
    requisites = parse_act(SAMPLE_MUNICIPAL_ACT).requisites

    assert requisites.kind == "municipal_act"
    assert (requisites.number, requisites.adopted_on) == ("312", datetime.date(2024, 2, 20))
    assert requisites.title == "Об утверждении порядка работы с обращениями граждан"
    assert requisites.issuing_body == "Администрация городского округа Тестовск"


def test_law_structure_becomes_chapters_articles_parts_points_and_subpoints():
    units = units_by_key(parse_act(SAMPLE_LAW))

    assert units["gl1"].heading == "ОБЩИЕ ПОЛОЖЕНИЯ"
    assert units["st14"].heading == "Вопросы местного значения городского поселения"
    assert units["st14"].parent is units["gl3"]
    assert units["st14/ch1"].kind == "part"
    assert units["st14/ch1/p2"].text.startswith("установление местных налогов")
    assert units["st14/ch1/p2/ppb"].kind == "subpoint"
    assert units["st14/ch1/p2/ppb"].label == "пп. «б» п. 2 ч. 1 ст. 14"


def test_compound_article_numbers_and_repealed_units_are_recognised():
    units = units_by_key(parse_act(SAMPLE_LAW))

    assert units["st15.1"].number == "15.1"
    assert units["st15.1"].is_repealed
    assert units["st14/ch1/p3"].is_repealed
    assert not units["st14/ch1/p1"].is_repealed


def test_editorial_notes_stay_with_their_unit_and_extra_lines_become_paragraphs():
    units = units_by_key(parse_act(SAMPLE_LAW))

    assert units["st1/ch1"].marks == [
        {
            "kind": "amended",
            "text": "(в ред. Федерального закона от 01.02.2010 № 7-ФЗ)",
            "acts": [{"date": "2010-02-01", "number": "7-ФЗ"}],
        }
    ]
    assert units["st1/ch2/abz2"].text == "Второй абзац второй части."
    assert units["st1/ch2/abz2"].label == "абз. 2 ч. 2 ст. 1"


def test_preamble_and_signature_block_are_kept_as_units():
    units = units_by_key(parse_act(SAMPLE_LAW))

    assert units["preamble"].text.startswith("Настоящий Федеральный закон")
    assert "Москва, Кремль" in units["closing"].text


LETTER = """МИНИСТЕРСТВО ФИНАНСОВ РОССИЙСКОЙ ФЕДЕРАЦИИ
ПИСЬМО
от 12.02.2025 № 24-01-07/12345
О применении пункта 4 части 1 статьи 93 закона о контрактной системе
Департамент рассмотрел обращение администрации и сообщает
следующее
1. Закупка у единственного поставщика возможна.
Заместитель директора Департамента
"""


def is_requisite(line, parsed):
    """Lines the heading may take: capitals, date and number, adoption note, the title."""
    dating = re.match(r"^(от \d|\d{1,2} [а-я]+ \d{4}|Принят|N \d)", line)
    return is_upper(line) or bool(dating) or line == parsed.requisites.title


def _bracketed_marks(unit):
    """Marks that were lines of the text; a repealed point's mark repeats its own text."""
    return "".join(mark["text"] for mark in unit.marks if mark["text"].startswith("("))


@pytest.mark.parametrize("sample", [SAMPLE_LAW, SAMPLE_CODE, SAMPLE_MUNICIPAL_ACT, LETTER])
def test_parser_never_drops_text(sample):
    """Every character but those of the requisite lines is in some unit."""
    parsed = parse_act(sample)
    kept = "".join(
        unit.marker + unit.heading + unit.text + unit.note + _bracketed_marks(unit)
        for unit in parsed.units
    )
    lines = split_lines(sample)

    assert all(is_requisite(line, parsed) for line in parsed.header_lines)
    assert lines[: len(parsed.header_lines)] == parsed.header_lines
    body = "".join(lines[len(parsed.header_lines) :])
    assert sorted(squeeze(kept)) == sorted(squeeze(body))


def test_a_sentence_after_the_title_opens_the_preamble_instead_of_joining_the_title():
    parsed = parse_act(LETTER)

    assert parsed.requisites.title == (
        "О применении пункта 4 части 1 статьи 93 закона о контрактной системе"
    )
    assert parsed.units[0].kind == "preamble"
    assert parsed.units[0].text == (
        "Департамент рассмотрел обращение администрации и сообщает\nследующее"
    )


def test_lines_before_the_first_article_without_a_kind_line_are_kept_in_the_preamble():
    parsed = parse_act("ПОЛОЖЕНИЕ\nо порядке работы\nСтатья 1. Общие положения\nТекст.")

    assert parsed.header_lines == []
    assert parsed.units[0].text == "ПОЛОЖЕНИЕ\nо порядке работы"


def test_codes_number_article_points_with_a_dot_and_sub_points_with_a_bracket():
    parsed = parse_act(SAMPLE_CODE)
    units = units_by_key(parsed)

    assert parsed.requisites.kind == "code"
    assert parsed.requisites.title == "Бюджетный кодекс Российской Федерации"
    assert units["st81/p2"].kind == "point"
    assert units["st81/p2"].label == "п. 2 ст. 81"
    assert units["st184.1/p1/pp2"].label == "пп. 2 п. 1 ст. 184.1"
    assert units["ri"].label == "разд. I"


HOUSING_CODE = """РОССИЙСКАЯ ФЕДЕРАЦИЯ
ЖИЛИЩНЫЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ
Принят Государственной Думой 22 декабря 2004 года
Статья 14. Полномочия органов местного самоуправления
1. К полномочиям органов местного самоуправления относятся:
1) учет муниципального жилищного фонда;
2. Органы местного самоуправления вправе создавать фонды.
"""


def test_housing_code_numbers_article_items_as_parts_and_points():
    parsed = parse_act(HOUSING_CODE)
    units = units_by_key(parsed)

    assert parsed.numbered_items == "parts"
    assert units["st14/ch1"].label == "ч. 1 ст. 14"
    assert units["st14/ch1/p1"].label == "п. 1 ч. 1 ст. 14"
    assert units["st14/ch2"].kind == "part"
    assert parsed.warnings == []


def test_numbering_can_be_overridden_for_a_code_with_an_unknown_title():
    text = HOUSING_CODE.replace("ЖИЛИЩНЫЙ", "ОСОБЫЙ")

    guessed = parse_act(text)
    overridden = units_by_key(parse_act(text, numbered_items="parts"))

    assert units_by_key(guessed)["st14/p1"].label == "п. 1 ст. 14"
    assert "--numbered-items parts" in guessed.warnings[0]
    assert overridden["st14/ch1"].label == "ч. 1 ст. 14"


def test_kind_and_title_from_the_options_decide_the_numbering():
    text = "Статья 14. Полномочия\n1. Часть первая.\n1) пункт первый."

    units = units_by_key(parse_act(text, kind="code", title="Жилищный кодекс Российской Федерации"))

    assert units["st14/ch1/p1"].label == "п. 1 ч. 1 ст. 14"


@pytest.mark.parametrize(
    ("title", "numbering"),
    [
        ("Бюджетный кодекс Российской Федерации", "points"),
        ("Налоговый кодекс Российской Федерации", "points"),
        ("Градостроительный кодекс Российской Федерации", "parts"),
        ("Кодекс Российской Федерации об административных правонарушениях", "parts"),
        ("Гражданский процессуальный кодекс Российской Федерации", "parts"),
        ("Кодекс внутреннего водного транспорта Российской Федерации", "points"),
        ("Особый кодекс", ""),
    ],
)
def test_numbering_of_codes_comes_from_the_title(title, numbering):
    assert numbered_items_of(title) == numbering


@pytest.mark.parametrize(
    ("title", "genitive"),
    [
        ("Жилищный кодекс Российской Федерации", "Жилищного кодекса Российской Федерации"),
        ("Бюджетный кодекс Российской Федерации", "Бюджетного кодекса Российской Федерации"),
        ("Трудовой кодекс Российской Федерации", "Трудового кодекса Российской Федерации"),
        (
            "Кодекс Российской Федерации об административных правонарушениях",
            "Кодекса Российской Федерации об административных правонарушениях",
        ),
        (
            "Гражданский процессуальный кодекс Российской Федерации",
            "Гражданского процессуального кодекса Российской Федерации",
        ),
        ("Правила землепользования", ""),
    ],
)
def test_citation_name_of_a_code_is_its_title_in_the_genitive(title, genitive):
    assert code_citation_name(title) == genitive


def test_the_code_of_administrative_offences_is_recognised_as_a_code():
    text = (
        "КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ ОБ АДМИНИСТРАТИВНЫХ ПРАВОНАРУШЕНИЯХ\n"
        "Статья 5.59. Нарушение порядка рассмотрения обращений\n1. Нарушение порядка."
    )
    parsed = parse_act(text)

    assert parsed.requisites.kind == "code"
    assert parsed.requisites.title == (
        "Кодекс Российской Федерации об административных правонарушениях"
    )
    assert units_by_key(parsed)["st5.59/ch1"].label == "ч. 1 ст. 5.59"


def test_municipal_act_points_nest_dotted_and_bracketed_items():
    units = units_by_key(parse_act(SAMPLE_MUNICIPAL_ACT))

    assert units["p2/pp2.1"].parent is units["p2"]
    assert units["p3/pp1"].kind == "subpoint"
    assert units["p3/pp2"].label == "пп. 2 п. 3"


def test_duplicate_numbers_get_distinct_keys_and_a_warning():
    parsed = parse_act("Статья 1. Первая\nТекст.\nСтатья 1. Ещё раз первая\nТекст.")

    assert [unit.stable_key for unit in parsed.units] == ["st1", "st1-2"]
    assert "Повторяющийся номер" in parsed.warnings[0]


def test_letter_items_outside_a_point_are_kept_and_reported():
    parsed = parse_act("Статья 2. Проверка\nа) одинокий подпункт;")

    assert parsed.units[-1].text == "одинокий подпункт;"
    assert any("вне пункта" in warning for warning in parsed.warnings)


def test_references_to_other_acts_and_to_units_of_the_same_article_are_found():
    text = (
        "в соответствии с частью 2 настоящей статьи и пунктом 3 части 1 статьи 14 "
        "Федерального закона от 06.10.2003 № 131-ФЗ, статьей 86 Бюджетного кодекса "
        "Российской Федерации"
    )
    found = find_references(text, unit_key="st36/ch1")

    assert [(ref.kind, ref.key) for ref in found] == [
        ("internal", "st36/ch2"),
        ("external", "st14/ch1/p3"),
        ("code", "st86"),
    ]
    assert found[1].number == "131-ФЗ"
    assert text[found[1].start : found[1].end] == found[1].text


def test_chain_of_units_maps_to_a_stable_key():
    assert chain_to_key("подпункта «а» пункта 2 части 1 статьи 14") == "st14/ch1/p2/ppa"


def test_html_files_keep_paragraph_breaks_and_drop_scripts():
    html = (
        "<html><head><title>t</title><script>alert(1)</script></head><body>"
        "<p>Статья 1. Первая</p><p>1. Текст &laquo;части&raquo;.</p></body></html>"
    )
    text = text_from_bytes(html.encode("utf-8"), ".html")

    assert "alert" not in text
    assert split_lines(text) == ["Статья 1. Первая", "1. Текст «части»."]


def test_docx_files_are_read_paragraph_by_paragraph():
    document = docx.Document()
    document.add_paragraph("Статья 5. Из Word")
    document.add_paragraph("1. Часть первая.")
    buffer = io.BytesIO()
    document.save(buffer)

    units = units_by_key(parse_act(text_from_bytes(buffer.getvalue(), ".docx")))

    assert units["st5/ch1"].text == "Часть первая."


def test_unsupported_or_broken_files_are_refused_with_a_russian_message():
    with pytest.raises(UnreadableFile, match="Поддерживаются"):
        text_from_bytes(b"MZ", ".exe")
    with pytest.raises(UnreadableFile, match="повреждён"):
        text_from_bytes(b"%PDF-1.4", ".pdf")
    with pytest.raises(UnreadableFile, match="повреждён"):
        text_from_bytes(b"not a zip", ".docx")


DEMO_TEXTS = sorted((Path(__file__).resolve().parents[2] / "legal_vector/demo_texts").glob("*.txt"))


@pytest.mark.parametrize("path", DEMO_TEXTS, ids=lambda path: path.name)
def test_demo_texts_keep_every_line_but_their_requisites(path):
    sample = path.read_text(encoding="utf-8")

    test_parser_never_drops_text(sample)


def test_a_sentence_that_starts_like_an_adoption_note_stays_in_the_preamble():
    text = SAMPLE_MUNICIPAL_ACT.replace(
        "В соответствии с", "Принято во внимание обращение жителей.\nВ соответствии с"
    )

    parsed = parse_act(text)

    assert parsed.units[0].text.startswith("Принято во внимание обращение жителей.\n")
