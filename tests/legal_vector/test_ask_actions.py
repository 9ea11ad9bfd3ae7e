# ruff: noqa: F811 — fixtures imported from bot_fixtures are redefined as arguments.
"""A question and an act name the same action in different words: a verb for the act's action
noun and back («утвердить» — «утверждение», «использование» — «использовать»). A verb the
unit lacks does not make the bot unsure; a thing the question names does, unless the unit's act
is named by it or a time question's «срок» is the term the unit states."""

import datetime

import pytest

from legal_vector.bot.answering import answer_question
from legal_vector.bot.question import concepts_of, question_kind
from legal_vector.bot.retrieval import ranked_units
from legal_vector.importing.importer import ImportOptions, import_text
from portal.search import invalidate_synonyms
from portal.search.language import derived_words
from portal.search.phrasing import plan_words
from tests.legal_vector.bot_fixtures import bot_base  # noqa: F401

APPEALS = """Статья 12. Рассмотрение письменного обращения
1. Письменное обращение рассматривается в течение 30 дней со дня его регистрации.
Статья 13. Хранение коллективного обращения
1. Коллективное обращение хранится в архиве, срок хранения определяет администрация.
"""


@pytest.fixture
def appeals_base(db):
    options = ImportOptions(
        kind="municipal_act", number="7", adopted_on=datetime.date(2020, 1, 1),
        title="О порядке работы с обращениями граждан в администрации Энска",
        status="in_force", level="municipal", edition_date=datetime.date(2020, 1, 1),
    )  # fmt: skip
    return import_text(APPEALS, options).document


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("рассмотрение", {"рассмотреть", "рассматривать"}),
        ("утвердить", {"утверждение", "утверждать"}),
        ("ответ", {"ответить", "отвечать"}),
        ("регистрация", {"регистрировать"}),
        ("предлагает", {"предложение", "предложить"}),
        ("использование", {"использовать"}),
    ],
)
def test_verbs_and_action_nouns_are_derived_from_each_other(word, expected):
    assert expected <= derived_words(word)


@pytest.mark.parametrize("word", ["бюджет", "муниципальный", "устав", "131-фз"])
def test_words_naming_no_action_have_no_derivatives(word):
    assert derived_words(word) == set()


def test_a_verb_finds_the_act_s_action_noun_and_back(bot_base):
    approve = next(c for c in concepts_of("Кто должен утвердить генеральный план?"))
    use = next(
        c
        for c in concepts_of("Запрещено ли служащему использование средств обеспечения?")
        if c.word == "использование"
    )

    assert "'утвержден'" in approve.near_query  # «утверждение генеральных планов»
    assert "'использова'" in use.near_query  # «использовать в неслужебных целях»


def test_a_verb_the_unit_lacks_leaves_the_answer_sure(bot_base):
    answer = answer_question(
        "Кто проводит муниципальный земельный контроль в границах городского округа?", log=False
    )

    assert answer.citations[0].stable_key == "st16/ch1/p2"
    assert not answer.is_unsure


def _top(question):
    concepts = concepts_of(question)
    return ranked_units(concepts, kind=question_kind(question))[0]


def test_a_word_of_the_act_s_title_is_no_gap(appeals_base):
    assert _top("Рассматривается ли письменное обращение в администрации?").missing == 0
    assert _top("Рассматривается ли письменное коллективное обращение?").missing == 1


def test_a_term_in_days_answers_the_time_question_s_term(appeals_base):
    assert _top("В какой срок рассматривается письменное обращение?").missing == 0
    assert _top("Указан ли срок, когда рассматривается письменное обращение?").missing == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "wording"),
    [
        ("Сколько дней дается, чтобы ответить на письмо?", ("рассмотрение",)),
        ("Надо ли выкладывать сведения на сайте?", ("размещение",)),
        ("Можно ли купить газ без торгов?", ("приобретение",)),
        ("Кто разрешает перепланировку?", ("согласование",)),
        ("Может ли поселок помогать инвалидам?", ("поддержка",)),
        ("Можно ли получить квартиру без очереди?", ("предоставление",)),
    ],
)
def test_everyday_verbs_find_the_acts_names_of_the_action(typed, wording):
    invalidate_synonyms()
    alternatives = {a for group in plan_words(typed).groups for a in group.alternatives}

    assert wording in alternatives
