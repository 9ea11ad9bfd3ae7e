"""Acts in the usual plain-text layouts, imported with `manage.py import_legal FILE` alone.

Four acts written for this project (tests/legal_vector/corpus/12–15), each in a layout the
importer must read without parameters: a regional law with chapters in capitals, an inserted
«Статья 3.1.», headings on the line after «Статья 1», amendment notes and a repealed article;
a municipal resolution of points «1.», sub-points «1)» and letters «а)» without articles; a
resolution approving a Порядок with sections, points «2.1.» and an appendix form; a council
decision with «Раздел I», «Статья 2.1.» and every heading on its own line. Each is checked for
its requisites, its tree of units with their stable keys and labels, and for a question about
its content asked through `/legal/api/ask?q=…`.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from legal_vector.models import Document, StructuralUnit

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"
REGIONAL_LAW = CORPUS / "12_zakon_dobrovolnye_druzhiny.txt"
POINTS_ONLY = CORPUS / "13_postanovlenie_vodnye_obekty.txt"
ORDER_WITH_APPENDIX = CORPUS / "14_poryadok_bezvozmezdnoe_polzovanie.txt"
COUNCIL_DECISION = CORPUS / "15_reshenie_garantii_deputatov.txt"
TOP = 3


def import_file(path):
    out = io.StringIO()
    call_command("import_legal", str(path), stdout=out)
    return out.getvalue()


def units_of(document):
    return {unit.stable_key: unit for unit in StructuralUnit.objects.current().filter(
        document=document
    ).select_related("parent")}  # fmt: skip


def ask(client, question):
    response = client.get(reverse("legal_vector:ask_api"), {"q": question})
    assert response.status_code == 200
    citations = response.json()["citations"]
    assert all(
        set(citation) >= {"document_title", "label", "stable_key", "citation"}
        for citation in citations
    )
    return citations[:TOP]


def cites(citations, title, key):
    """The unit itself or a unit inside it, of the right act."""
    return any(
        citation["document_title"] == title
        and (citation["stable_key"] == key or citation["stable_key"].startswith(key + "/"))
        for citation in citations
    )


def test_a_regional_law_is_read_with_its_chapters_and_inserted_article():
    report = import_file(REGIONAL_LAW)

    document = Document.objects.get()
    assert "Новый документ" in report
    assert (document.kind, document.number, document.level) == (
        "regional_law",
        "118-ОЗ",
        "regional",
    )
    assert document.adopted_on == datetime.date(2024, 11, 28)
    assert document.title == "О поддержке добровольной пожарной охраны в Лесной области"
    units = units_of(document)
    assert units["gl1"].heading == "ОБЩИЕ ПОЛОЖЕНИЯ"
    assert units["st3.1"].parent == units["gl2"]
    assert units["st3.1"].heading == "Ежегодная выплата добровольным пожарным"
    assert units["st3.1"].change_marks[0]["kind"] == "inserted"
    assert units["st3.1/ch2"].text == "Размер ежегодной выплаты составляет 15 тысяч рублей."
    assert units["st3.1/ch3/ppb"].short_label == "пп. «б» ч. 3 ст. 3.1"
    assert units["st4/ch1"].change_marks[0]["kind"] == "amended"
    assert units["st5"].is_repealed
    assert units["st2/ch1/p2"].short_label == "п. 2 ч. 1 ст. 2"


def test_an_article_heading_on_the_next_line_is_its_heading_not_its_text():
    import_file(REGIONAL_LAW)

    units = units_of(Document.objects.get())

    assert units["st1"].heading == "Основные понятия"
    assert units["st1"].text == "В настоящем Законе используются следующие понятия:"
    assert units["st1/p1"].text.startswith("добровольная пожарная дружина - ")
    assert units["st4"].heading == "Льготы добровольным пожарным"
    assert "st1/abz2" not in units


def test_a_resolution_of_points_without_articles_keeps_points_and_sub_points():
    import_file(POINTS_ONLY)

    document = Document.objects.get()
    units = units_of(document)
    assert (document.kind, document.number, document.level) == ("municipal_act", "402", "municipal")
    assert document.adopted_on == datetime.date(2026, 5, 15)
    assert document.title.startswith("О мерах по обеспечению безопасности людей на водных")
    assert [key for key in units if re.fullmatch(r"p\d+", key)] == [
        f"p{number}" for number in range(1, 8)
    ]
    assert units["p3/pp3"].text == "в состоянии алкогольного опьянения."
    assert units["p3/pp3"].short_label == "пп. 3 п. 3"
    assert units["p4/pp2/ppb"].parent == units["p4/pp2"]
    assert units["p4/pp2/ppb"].short_label == "пп. «б» пп. 2 п. 4"
    assert document.citation_name.startswith(
        "постановления администрации муниципального округа Озерный"
    )


def test_a_resolution_approving_an_order_keeps_the_order_its_points_and_appendix():
    import_file(ORDER_WITH_APPENDIX)

    document = Document.objects.get()
    units = units_of(document)
    assert (document.number, document.adopted_on) == ("187", datetime.date(2026, 3, 2))
    assert units["p1"].text.startswith("Утвердить прилагаемый Порядок")
    assert units["utv1"].heading.startswith("Порядок предоставления муниципального имущества")
    assert units["utv1/r2"].heading == "Порядок подачи и рассмотрения заявлений"
    assert units["utv1/p2.1/pp2"].parent == units["utv1/p2.1"]
    assert units["utv1/p2.3/ppv"].short_label == "пп. «в» п. 2.3 Порядка"
    assert units["utv1/p3.2"].change_marks[0]["kind"] == "amended"
    assert units["utv1/p3.1"].citation() == (
        "п. 3.1 Порядка, утв. постановлением администрации городского округа Сосновск Лесной "
        "области от 02.03.2026 № 187"
    )
    assert units["utv1/pril1"].kind == "appendix"
    assert "ЗАЯВЛЕНИЕ" in units["utv1/pril1"].text
    assert not any(key.startswith("utv1/pril1/") for key in units)


def test_a_council_decision_with_sections_and_headings_on_their_own_lines():
    import_file(COUNCIL_DECISION)

    document = Document.objects.get()
    units = units_of(document)
    assert (document.kind, document.number) == ("municipal_act", "12/4")
    assert document.adopted_on == datetime.date(2025, 9, 24)
    assert units["ri"].heading == "ОБЩИЕ ПОЛОЖЕНИЯ"
    assert units["st1"].parent == units["ri"]
    assert units["st2.1"].parent == units["rii"]
    assert units["st2.1"].heading == "Помещение для приема избирателей"
    assert units["st2.1"].change_marks[0]["kind"] == "inserted"
    assert units["st3/ch1/p2"].short_label == "п. 2 ч. 1 ст. 3"
    assert units["st4"].text.startswith("Настоящее решение вступает в силу")


def test_importing_the_same_file_again_changes_nothing():
    import_file(REGIONAL_LAW)
    keys = set(StructuralUnit.objects.values_list("stable_key", flat=True))

    report = import_file(REGIONAL_LAW)

    assert "Без изменений" in report
    assert set(StructuralUnit.objects.values_list("stable_key", flat=True)) == keys


# (file, question, expected stable key)
QUESTIONS = [
    (REGIONAL_LAW, "Какой размер ежегодной выплаты добровольному пожарному?", "st3.1/ch2"),
    (REGIONAL_LAW, "Какая страховая сумма у добровольного пожарного?", "st3/ch2"),
    (POINTS_ONLY, "Когда начинается и заканчивается купальный сезон?", "p1"),
    (POINTS_ONLY, "Можно ли купаться в состоянии алкогольного опьянения?", "p3"),
    (ORDER_WITH_APPENDIX, "На какой срок дают помещение в безвозмездное пользование?", "utv1/p3.1"),
    (ORDER_WITH_APPENDIX, "Может ли организация сдать помещение в субаренду?", "utv1/p3.3"),
    (COUNCIL_DECISION, "Сколько рабочих дней в месяц депутат освобождается от работы?", "st2/ch1"),
    (COUNCIL_DECISION, "Сколько компенсируют депутату за мобильную связь?", "st3/ch1"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "question", "key"), QUESTIONS)
def test_a_question_about_an_imported_act_cites_the_unit_that_answers_it(
    client, path, question, key
):
    import_file(path)
    title = Document.objects.get().title

    citations = ask(client, question)

    assert cites(citations, title, key), [c["citation"] for c in citations]


def test_the_new_acts_answer_questions_next_to_each_other(client):
    for path in (REGIONAL_LAW, POINTS_ONLY, ORDER_WITH_APPENDIX, COUNCIL_DECISION):
        import_file(path)
    titles = {
        path: Document.objects.get(editions__source_name=path.name).title
        for path, _, _ in QUESTIONS
    }
    missed = []

    for path, question, key in QUESTIONS:
        citations = ask(client, question)
        if not cites(citations, titles[path], key):
            missed.append((question, [c["citation"] for c in citations]))

    assert not missed
