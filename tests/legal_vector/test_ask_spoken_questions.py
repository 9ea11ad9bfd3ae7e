# ruff: noqa: E501 — act texts keep one paragraph per line, as the importer reads them.
"""Questions in an employee's own words: the story first and the question after a dash, asking
phrases and chatter that name nothing, office words for the acts' terms, an imperfective verb
for the act's action noun, and word weights that do not wait for the table's statistics."""

import datetime

import pytest
from django.db import connection

from legal_vector.bot.question import _unit_counts, concepts_of, question_kind
from legal_vector.bot.retrieval import ranked_units
from legal_vector.importing.importer import ImportOptions, import_text
from legal_vector.models import StructuralUnit
from portal.search import invalidate_synonyms
from portal.search.phrasing import plan_words
from tests.legal_vector.legal_search_fixtures import law_with_fresh_synonyms

PURCHASES = """Статья 93. Закупка у единственного поставщика
1. Заказчик вправе заключить контракт с единственным поставщиком на сумму не более шестисот тысяч рублей.
2. Искусственное дробление закупки у единственного поставщика является нарушением, если цель - уйти от конкурентных процедур.
3. Финансирование закупки ведется из бюджета.
4. Финансирование закупки составляет 500 тысяч рублей в год.
"""


@pytest.fixture
def purchases_base(db):
    title = "О контрактной системе в сфере закупок"
    yield from law_with_fresh_synonyms(PURCHASES, "44-ФЗ", title, datetime.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Сельский сход — сколько народу нужно, чтобы решение было действительным?", "amount"),
        ("Приняли решение думы — в течение какого времени оно попадет в регистр?", "time"),
        ("Хотим деньги на парк — какую часть сметы оплатить самим?", "amount"),
        ("Какая доля денег приходит из областного бюджета?", "amount"),
        ("Отлов собак: как часто его проводят?", "frequency"),
        ("Подрядчик затянул сроки. Можно ли взыскать пеню?", "yes_no"),
        ("Товарищ пишет жалобы годами — есть способ завершить переписку?", ""),
    ],
)
def test_the_asking_words_after_the_story_tell_the_kind_of_question(question, kind):
    assert question_kind(question) == kind


def test_a_sum_in_roubles_answers_a_question_about_an_amount(purchases_base):
    question = "Сколько финансирование закупки?"
    top = ranked_units(concepts_of(question), kind=question_kind(question))[0]

    assert top.stable_key == "st93/ch4"


def test_the_words_of_the_last_clause_are_read_past_eight_word_groups(purchases_base):
    question = (
        "Хотим купить несколько партий одинаковых стульев по 600 тыс. каждая у единственного "
        "поставщика — это законно или дробление?"
    )
    words = [concept.word for concept in concepts_of(question)]

    assert "дробление" in words
    assert "законно" not in words  # no act of this base holds it: it gave its place
    assert ranked_units(concepts_of(question))[0].stable_key == "st93/ch2"


@pytest.mark.parametrize(
    ("question", "chatter"),
    [
        ("Подрядчик затянул сроки и настаивает на своём — кто прав?", "прав"),
        ("Отдел перегружен, поэтому ответили поздно — это законно?", "поэтому"),
        ("Это вообще законно?", "вообще"),
        ("Дума утверждает или хватит постановления?", "хватит"),
    ],
)
def test_asking_phrases_and_chatter_are_not_looked_for(purchases_base, question, chatter):
    assert chatter not in [concept.word for concept in concepts_of(question)]


def test_an_imperfective_verb_finds_the_act_s_action_noun(purchases_base):
    justify = next(c for c in concepts_of("Как обосновывать цену контракта?") if c.action)

    assert justify.word == "обосновывать"
    assert "'обоснов':*" in justify.near_query  # «приоритетным для обоснования цены …»


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "wording"),
    [
        ("Можно ли просить у заявителя бумаги?", ("документы",)),
        ("Отдел перегружен — это оправдание?", ("структурное", "подразделение")),
        ("Отдел перегружен — это оправдание?", ("большая", "нагрузка")),
        ("Каким способом в первую очередь обосновывать цену?", ("приоритетный",)),
        ("Сколько народу нужно для кворума?", ("жители",)),
        ("Когда решение схода будет действительным?", ("правомочный",)),
        ("Староста тратит деньги на поездки — можно ли вернуть?", ("проезд",)),
        ("Староста тратит деньги на поездки — можно ли вернуть?", ("возмещение",)),
        ("Староста тратит деньги на поездки — можно ли вернуть?", ("расходы",)),
        ("Можно ли подать исправленный вариант сведений?", ("уточненный",)),
        ("Как завершить переписку с заявителем?", ("прекратить",)),
        ("Кто проверяет, как используют землю?", ("земельный",)),
        ("Можно ли купить одинаковые стулья у одного поставщика?", ("одноименный",)),
        (
            "Специалистка хочет подрабатывать, надо ли предупреждать?",
            ("иная", "оплачиваемая", "работа"),
        ),
        ("Специалистка хочет подрабатывать, надо ли предупреждать?", ("уведомление",)),
        ("Специалистка хочет подрабатывать, надо ли предупреждать?", ("служащий",)),
        ("Жалобу можно расписать тому, на кого жалуются?", ("направлять",)),
        ("Заявитель оскорбляет и угрожает — отвечать по сути?", ("оскорбительные", "выражения")),
        ("Заявитель оскорбляет и угрожает — отвечать по сути?", ("угрозы",)),
        ("Заявитель оскорбляет и угрожает — отвечать по сути?", ("существу",)),
        ("В закупке участвует фирма брата — что делать?", ("близкое", "родство")),
        ("Что будет, если не сдать справку о доходах?", ("сведения", "доходах")),
        ("Что советует методичка?", ("методические", "рекомендации")),
    ],
)
def test_office_speech_finds_the_words_of_the_acts(typed, wording):
    invalidate_synonyms()
    alternatives = {a for group in plan_words(typed).groups for a in group.alternatives}

    assert wording in alternatives


@pytest.mark.django_db(transaction=True)
def test_words_are_weighed_against_the_live_rows_before_the_table_is_analysed():
    options = ImportOptions(
        kind="federal_law", number="44-ФЗ", adopted_on=datetime.date(2020, 1, 1),
        title="О контрактной системе в сфере закупок", status="in_force", level="federal",
        edition_date=datetime.date(2020, 1, 1),
    )  # fmt: skip
    many = "\n".join(f"{n}. Заказчик хранит документы о закупке номер {n}." for n in range(1, 151))
    import_text(many, options)
    table = StructuralUnit._meta.db_table
    with connection.cursor() as cursor:
        # As after a first import: no statistics yet (an earlier test may have analysed it).
        cursor.execute("SELECT pg_clear_relation_stats('public', %s)", [table])
        cursor.execute("SELECT pg_stat_force_next_flush()")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = %s", [table])
        live = cursor.fetchone()[0]
    if live <= 100:
        pytest.skip("the statistics have not counted the rows yet")

    _, total = _unit_counts({"закупки"})

    assert total == live
