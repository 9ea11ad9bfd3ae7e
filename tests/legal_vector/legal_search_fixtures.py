# ruff: noqa: E501 — act texts keep one paragraph per line, as the importer reads them.
"""A tiny legal base for search, bot and consultation tests, loaded through the importer."""

import datetime

import pytest

from legal_vector.importing.importer import ImportOptions, import_text
from portal.search import invalidate_synonyms

LOCAL_GOVERNMENT_LAW = """Статья 14. Вопросы местного значения городского поселения
1. К вопросам местного значения городского поселения относятся:
1) составление и рассмотрение проекта бюджета поселения, утверждение и исполнение бюджета;
2) установление, изменение и отмена местных налогов и сборов поселения;
5) дорожная деятельность в отношении автомобильных дорог местного значения.
2. Органы сельского поселения решают вопросы, предусмотренные пунктами 1 и 2 части 1.
Статья 28. Публичные слушания
1. Для обсуждения проектов муниципальных правовых актов по вопросам местного значения с участием жителей проводятся публичные слушания.
2. На публичные слушания выносится проект устава муниципального образования.
Статья 36. Глава муниципального образования
1. Глава муниципального образования является высшим должностным лицом муниципального образования.
2. Глава муниципального образования избирается на муниципальных выборах либо представительным органом из числа кандидатов, представленных конкурсной комиссией.
"""

APPEALS_LAW = """Статья 12. Сроки рассмотрения письменного обращения
1. Письменное обращение, поступившее в орган местного самоуправления, рассматривается в течение 30 дней со дня регистрации.
2. В исключительных случаях руководитель органа вправе продлить срок рассмотрения не более чем на 30 дней, уведомив гражданина.
"""

OLD_BUDGET_ACT = """1. Бюджет поселения утверждается решением представительного органа ежегодно.
2. Отчёт об исполнении бюджета поселения выносится на публичные слушания.
"""


def federal_law(text, number, title, adopted_on):
    """One federal law in force, imported with its edition of the day it was adopted."""
    options = ImportOptions(
        kind="federal_law", number=number, adopted_on=adopted_on, title=title,
        status="in_force", level="federal", edition_date=adopted_on,
    )  # fmt: skip
    return import_text(text, options).document


def law_with_fresh_synonyms(text, number, title, adopted_on):
    """A fixture body: `federal_law`, read with the synonym table the migrations wrote (the
    process's cached table cleared before and after, so no other test's entries leak in)."""
    invalidate_synonyms()
    yield federal_law(text, number, title, adopted_on)
    invalidate_synonyms()


def load_base(region=None):
    laws = [
        (LOCAL_GOVERNMENT_LAW, "131-ФЗ", datetime.date(2003, 10, 6),
         "Об общих принципах организации местного самоуправления в Российской Федерации"),
        (APPEALS_LAW, "59-ФЗ", datetime.date(2006, 5, 2),
         "О порядке рассмотрения обращений граждан Российской Федерации"),
    ]  # fmt: skip
    documents = {}
    for text, number, date, title in laws:
        documents[number] = federal_law(text, number, title, date)
    repealed = ImportOptions(
        kind="regional_law", number="15-ОЗ", adopted_on=datetime.date(2010, 3, 1),
        title="О бюджетном процессе в поселениях области", status="repealed", level="regional",
        region_id=region.pk if region else None, edition_date=datetime.date(2010, 3, 1),
    )  # fmt: skip
    documents["15-ОЗ"] = import_text(OLD_BUDGET_ACT, repealed).document
    return documents


def load_similar_acts(count):
    """Municipal acts about the budget, to grow the base in query-count tests."""
    for n in range(count):
        text = f"1. Бюджет поселения № {n} исполняется администрацией.\n2. Отчёт публикуется.\n"
        options = ImportOptions(
            kind="municipal_act", number=f"{100 + n}-п", adopted_on=datetime.date(2020, 1, 1 + n),
            title=f"Об исполнении бюджета поселения № {n}", status="in_force", level="municipal",
            edition_date=datetime.date(2020, 1, 1 + n),
        )  # fmt: skip
        import_text(text, options)


@pytest.fixture
def legal_base(db, municipality):
    return load_base(municipality.region)
