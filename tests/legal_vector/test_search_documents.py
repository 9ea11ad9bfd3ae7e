# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
"""Documents found by their title, number and issuing body, listed above the units."""

import datetime

import pytest
from django.urls import reverse

from legal_vector.importing.importer import ImportOptions, import_text
from portal.models import SearchLog
from tests.legal_vector.legal_search_fixtures import legal_base  # noqa: F401

URL = reverse("legal_vector:search")
TITLE_131 = "Об общих принципах организации местного самоуправления в Российской Федерации"


def import_act(text, number, title, kind="federal_law", status="in_force", year=2015):
    date = datetime.date(year, 1, 10)
    options = ImportOptions(
        kind=kind, number=number, adopted_on=date, title=title, status=status,
        level="federal", edition_date=date,
    )  # fmt: skip
    return import_text(text, options).document


@pytest.fixture
def documents_base(legal_base):
    legal_base["ЖК"] = import_act(
        "Статья 1. Основные начала\n1. Граждане вправе пользоваться жилыми помещениями.\n",
        "188-ФЗ",
        "Жилищный кодекс Российской Федерации",
        kind="code",
    )
    # A unit quoting the code's name: before the documents block it was the only answer.
    import_act(
        "1. Порядок определяется в соответствии с требованиями, которые устанавливает "
        "жилищный кодекс.\n",
        "200-ФЗ",
        "О переселении граждан из аварийного жилья",
    )
    import_act(
        "1. Статью 14 изложить в новой редакции.\n",
        "300-ФЗ",
        f"О внесении изменений в Федеральный закон «{TITLE_131}» и отдельные законодательные "
        "акты Российской Федерации",
    )
    return legal_base


def test_a_code_is_found_by_its_title(client, documents_base):
    # The code's name alone is a citation: it jumps to the code; «все слова» lists it first.
    jump = client.get(URL, {"q": "жилищный кодекс"})
    assert jump.status_code == 302
    assert jump["Location"].startswith(documents_base["ЖК"].get_absolute_url())
    page = client.get(URL, {"q": "жилищный кодекс", "exact": "0"}).context["page"]
    assert page.documents[0] == documents_base["ЖК"]
    assert not page.similar_titles


def test_a_law_is_found_first_by_its_full_title(client, documents_base):
    page = client.get(URL, {"q": TITLE_131}).context["page"]
    assert page.documents[0] == documents_base["131-ФЗ"]
    assert len(page.documents) == 2  # the amending law matches too, below it


def test_documents_in_force_come_before_repealed_ones(client, documents_base):
    repealed = import_act("1. Утратил силу.\n", "7-ФЗ", TITLE_131, status="repealed", year=1995)
    page = client.get(URL, {"q": "общих принципах организации"}).context["page"]
    assert page.documents[0] == documents_base["131-ФЗ"]
    assert page.documents[-1] == repealed


def test_the_issuing_body_is_searched(client, legal_base):
    date = datetime.date(2024, 2, 20)
    options = ImportOptions(
        kind="municipal_act", number="312", adopted_on=date, title="О порядке работы",
        issuing_body="Администрация городского округа Заречный", status="in_force",
        level="municipal", edition_date=date,
    )  # fmt: skip
    document = import_text("1. Утвердить порядок.\n", options).document
    page = client.get(URL, {"q": "администрация заречный"}).context["page"]
    assert page.documents == [document]


def test_the_documents_block_is_shown_and_escaped(client, documents_base):
    html = client.get(URL, {"q": "жилищный кодекс", "exact": "0"}).content.decode()
    assert 'id="documents-heading">Документы<' in html
    assert documents_base["ЖК"].get_absolute_url() in html


def test_a_query_found_only_in_titles_is_not_a_zero_result(client, documents_base):
    client.get(URL, {"q": "аварийного жилья"})
    assert SearchLog.objects.get().result_count == 1


def test_a_mistyped_title_lists_similar_documents_labelled_as_such(client, legal_base):
    # «процессе» is only in a title, so no text word corrects the typo.
    response = client.get(URL, {"q": "процесе"})
    page = response.context["page"]
    assert page.similar_titles
    assert page.documents == [legal_base["15-ОЗ"]]
    assert page.units == []
    assert "Документы с похожими названиями" in response.content.decode()
    assert SearchLog.objects.get().result_count == 0


def test_filters_that_leave_nothing_do_not_list_similar_titles(client, legal_base):
    page = client.get(URL, {"q": "публичные слушания", "kind": "code"}).context["page"]
    assert page.units == []
    assert page.documents == []
