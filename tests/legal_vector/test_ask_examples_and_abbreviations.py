# ruff: noqa: E501 — act texts keep one paragraph per line, as the importer reads them.
"""Session 14's blind set (`bot_dev3.json`): the examples after «например» are read as a clause
of their own, an abbreviation with a case ending is the abbreviation («к ПОСу»), and everyday
names of topics («бродячие собаки», «персданные») find the acts' terms."""

import datetime

import pytest

from legal_vector.bot.question import concepts_of, question_kind
from legal_vector.bot.retrieval import ranked_units
from portal.search import invalidate_synonyms
from portal.search.language import significant_words
from portal.search.phrasing import plan_words
from tests.legal_vector.legal_search_fixtures import law_with_fresh_synonyms

PREVENTION = """Статья 13.3. Обязанность организаций принимать меры по предупреждению коррупции
1. Организации обязаны разрабатывать и принимать меры по предупреждению коррупции.
2. Меры по предупреждению коррупции, принимаемые в организации, могут включать:
1) назначение подразделений или должностных лиц, ответственных за профилактику коррупционных правонарушений;
2) сотрудничество организации с правоохранительными органами;
3) принятие кодекса этики и служебного поведения работников организации;
4) недопущение составления неофициальной отчетности.
Статья 14. Ответственность юридических лиц за коррупционные правонарушения
1. Юридическое лицо несет ответственность за коррупционные правонарушения, совершенные от его имени.
Статья 15. Реестр лиц, уволенных в связи с утратой доверия
1. Сведения о лицах, уволенных в связи с утратой доверия, включаются в реестр.
2. Организации вправе устанавливать ограничения для работников по согласованию с должностными лицами.
"""


@pytest.fixture
def prevention_act(db):
    title = "О противодействии коррупции"
    yield from law_with_fresh_synonyms(PREVENTION, "273-ФЗ", title, datetime.date(2008, 12, 25))


QUESTION = (
    "Какие антикоррупционные шаги закон предлагает предпринять любой организации, например "
    "назначить ответственных или принять кодекс этики?"
)


def test_the_examples_after_например_are_read_past_eight_word_groups(prevention_act):
    words = [concept.word for concept in concepts_of(QUESTION)]

    assert {"ответственных", "кодекс", "этики"} <= set(words)


def test_the_examples_find_the_items_of_the_list_that_name_them(prevention_act):
    top = ranked_units(concepts_of(QUESTION), kind=question_kind(QUESTION))[:3]

    assert {unit.stable_key for unit in top} >= {"st13.3/ch2/p1", "st13.3/ch2/p3"}


def test_examples_do_not_change_what_kind_of_question_it_is():
    assert question_kind(QUESTION) == "open"
    assert question_kind("Можно ли, например, бесплатно отдать помещение?") == "yes_no"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("подключить к ПОСу", ["подключить", "пос"]),
        ("заявка ТОСа в ГОСТе", ["заявка", "тос", "гост"]),
        ("ПОС и МФЦ", ["пос", "мфц"]),
        # Capitals typed as such are a word, not an abbreviation with an ending.
        ("УСТАВА ПОСЕЛЕНИЯ", ["устава", "поселения"]),
        ("Указ Президента", ["указ", "президента"]),
    ],
)
def test_an_abbreviation_loses_the_case_ending_written_on_it(typed, words):
    assert significant_words(typed) == words


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Вправе ли поселение отлавливать собак", ["вправе", "поселение", "отлавливать", "собак"]),
        ("Можно ли поселению отлавливать собак", ["поселению", "отлавливать", "собак"]),
    ],
)
def test_вправе_is_the_law_s_word_and_можно_only_asks(typed, words):
    assert significant_words(typed) == words


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "wording"),
    [
        ("Подключить к ПОСу", ("платформа", "обратной", "связи")),
        ("Стаи бродячих собак", ("животные", "владельцев")),
        ("бродячие животные на улицах", ("животные", "владельцев")),
        ("отзываю согласие на обработку персданных", ("персональные", "данные")),
        ("По президентскому указу", ("президент",)),
        ("Многодетные просят землю", ("многодетная", "семья")),
        ("Какой потолок гранта на год?", ("превышать",)),
        ("Есть ли потолок у резервного фонда?", ("предельный",)),
        ("деньги многодетным вместо участка", ("денежная", "выплата")),
    ],
)
def test_everyday_names_of_topics_find_the_terms_of_the_acts(typed, wording):
    invalidate_synonyms()
    alternatives = {a for group in plan_words(typed).groups for a in group.alternatives}

    assert wording in alternatives


@pytest.mark.parametrize(
    "question",
    ["До какого числа надо подключиться к ПОСу?", "С какого числа действует указ?"],
)
def test_a_date_s_asking_words_are_not_looked_for(prevention_act, question):
    assert "числа" not in [concept.word for concept in concepts_of(question)]
    assert question_kind(question) == "time"


def test_a_verb_after_сколько_counts_nothing(prevention_act):
    asked = {c.word: c.weight for c in concepts_of("Сколько дадут за кодекс этики?")}
    plain = {c.word: c.weight for c in concepts_of("Дадут ли что-то за кодекс этики?")}
    counted = {c.word: c.weight for c in concepts_of("Сколько кодексов этики?")}

    # «кодексов» is what «сколько» counts and weighs more; «дадут» is no thing to count.
    assert counted["кодексов"] > asked["кодекс"]
    assert asked["дадут"] == pytest.approx(plain["дадут"])
