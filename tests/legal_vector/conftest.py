"""Sample acts and fixtures for the legal_vector tests.

The sample texts are written for these tests in the style of real acts; they are not real acts.
"""

import datetime

import pytest

from legal_vector.importing.importer import ImportOptions, import_text

SAMPLE_LAW = """РОССИЙСКАЯ ФЕДЕРАЦИЯ
ФЕДЕРАЛЬНЫЙ ЗАКОН
ОБ ОБЩИХ ПРИНЦИПАХ ОРГАНИЗАЦИИ МЕСТНОГО САМОУПРАВЛЕНИЯ В РОССИЙСКОЙ ФЕДЕРАЦИИ
Принят Государственной Думой 16 сентября 2003 года
Настоящий Федеральный закон устанавливает общие принципы организации местного самоуправления.
ГЛАВА 1
ОБЩИЕ ПОЛОЖЕНИЯ
Статья 1. Местное самоуправление
1. Местное самоуправление - форма осуществления народом своей власти.
(в ред. Федерального закона от 01.02.2010 № 7-ФЗ)
2. Местное самоуправление осуществляется в границах муниципальных образований.
Второй абзац второй части.
Глава 3. Вопросы местного значения
Статья 14. Вопросы местного значения городского поселения
1. К вопросам местного значения городского поселения относятся:
1) составление и рассмотрение проекта бюджета поселения;
2) установление местных налогов и сборов поселения, в том числе:
а) земельного налога;
б) налога на имущество физических лиц;
3) Утратил силу.
2. Вопросы, предусмотренные пунктами 1 и 2 части 1 настоящей статьи, решаются самостоятельно.
Статья 15.1. Утратила силу. - Федеральный закон от 01.02.2010 № 7-ФЗ.
Статья 36. Глава муниципального образования
1. Глава муниципального образования является высшим должностным лицом.
2. Глава избирается в соответствии со статьей 14 настоящего Федерального закона.
Президент Российской Федерации
И.ИВАНОВ
Москва, Кремль
6 октября 2003 года
N 131-ФЗ
"""

SAMPLE_CODE = """РОССИЙСКАЯ ФЕДЕРАЦИЯ
БЮДЖЕТНЫЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ
Раздел I. Бюджетное устройство
Глава 10. Расходы бюджетов
Статья 81. Резервные фонды
1. В расходной части бюджетов предусматривается создание резервных фондов.
2. Размер резервных фондов местных администраций не может превышать 3 процента расходов.
Статья 184.1. Общие положения
1. Решением о местном бюджете устанавливаются:
1) распределение бюджетных ассигнований;
2) ведомственная структура расходов бюджета.
Президент Российской Федерации
И.ИВАНОВ
Москва, Кремль
31 июля 1998 года
N 145-ФЗ
"""

SAMPLE_MUNICIPAL_ACT = """АДМИНИСТРАЦИЯ ГОРОДСКОГО ОКРУГА ТЕСТОВСК
ПОСТАНОВЛЕНИЕ
от 20.02.2024 № 312
Об утверждении порядка работы с обращениями граждан
В соответствии с Федеральным законом от 06.10.2003 № 131-ФЗ администрация постановляет:
1. Утвердить порядок работы с обращениями граждан.
2. Обращения регистрируются в течение трех дней.
2.1. Обращения, поступившие в электронной форме, регистрируются в день поступления.
3. Основаниями для продления срока являются:
1) необходимость запроса документов;
2) выезд на место.
Глава городского округа Тестовск
П.ПЕТРОВ
"""


def import_sample(text=SAMPLE_LAW, **options):
    return import_text(text, ImportOptions(**options), source_name="sample.txt")


@pytest.fixture
def law(db):
    """The sample federal law, imported with its edition from 01.01.2020."""
    return import_sample(edition_date=datetime.date(2020, 1, 1)).document


@pytest.fixture
def amended_law(law, django_capture_on_commit_callbacks):
    """The sample law with a second edition that changes ч. 1 ст. 36 and adds ч. 3 ст. 36."""
    text = SAMPLE_LAW.replace(
        "является высшим должностным лицом.",
        "является высшим должностным лицом муниципального образования.",
    ).replace(
        "Президент Российской Федерации",
        "3. Срок полномочий главы не может быть менее двух лет.\nПрезидент Российской Федерации",
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_sample(text, edition_date=datetime.date(2025, 1, 1))
    return law


@pytest.fixture(autouse=True)
def _no_sampled_view_counts(monkeypatch):
    """The document page counts a random tenth of its views; tests that count queries need
    the page to do the same every time (the counting itself is tested with a rate of 1)."""
    from legal_vector.views import documents

    monkeypatch.setattr(documents, "VIEW_SAMPLE_RATE", 0.0)


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """Search and the bot keep the base's words per process for a while (`vocabulary`); each
    test builds its own base, so it must not read the words of a base an earlier test built."""
    from legal_vector.search.weighting import forget_vocabulary

    forget_vocabulary()
    yield
    forget_vocabulary()
