# ruff: noqa: E501 — act texts keep one paragraph per line, as the importer reads them.
"""The bot's second signal: closeness in meaning of the question and a unit (word vectors),
for questions worded with none of the unit's words."""

import datetime
import io
from types import SimpleNamespace

import numpy
import pytest
from django.core.management import call_command

from legal_vector.bot import answering, meaning, retrieval
from legal_vector.bot.answering import answer_question
from legal_vector.bot.question import concepts_of
from legal_vector.bot.retrieval import ranked_units
from legal_vector.importing.importer import ImportOptions, import_text
from legal_vector.models import StructuralUnit
from portal.search.language import encode_vector, vector_similarity, word_vectors

pytestmark = pytest.mark.django_db

# Both rules hold «решение»; only the first is about telling the public, in words no question
# below uses.
ACT = """Статья 5. Решения совета
1. Решение совета подлежит официальному опубликованию в средствах массовой информации в течение десяти дней.
2. Решение совета об установлении местного налога принимается большинством голосов депутатов.
3. Решение совета о бюджете вступает в силу с первого января.
"""
TOLD_TO_THE_PUBLIC = "st5/ch1"
QUESTION = "Как решение доводят до журналистов и прессы?"


@pytest.fixture
def council_act(db):
    options = ImportOptions(
        kind="municipal_act", number="7-р", adopted_on=datetime.date(2024, 2, 1),
        title="О порядке работы совета", status="in_force", level="municipal",
        edition_date=datetime.date(2024, 2, 1),
    )  # fmt: skip
    return import_text(ACT, options)


def _first_key(question):
    units = ranked_units(concepts_of(question))
    return units[0].stable_key if units else None


def test_an_imported_act_gets_a_meaning_for_each_unit(council_act):
    units = StructuralUnit.objects.current().exclude(text="")

    assert units.count() == 3
    assert {len(bytes(unit.meaning)) for unit in units} == {100}


def test_a_question_in_other_words_finds_the_rule_by_its_meaning(council_act, monkeypatch):
    assert _first_key(QUESTION) == TOLD_TO_THE_PUBLIC

    monkeypatch.setattr(retrieval, "MEANING_SHARE", 0.0)
    assert _first_key(QUESTION) != TOLD_TO_THE_PUBLIC


def test_the_bot_works_before_the_meanings_are_computed(council_act):
    StructuralUnit.objects.update(meaning=None)

    answer = answer_question("Когда решение совета о бюджете вступает в силу?", log=False)

    assert answer.citations[0].stable_key == "st5/ch3"


def test_the_command_computes_the_missing_meanings(council_act):
    StructuralUnit.objects.update(meaning=None)
    output = io.StringIO()

    call_command("compute_unit_meanings", stdout=output)

    assert not StructuralUnit.objects.current().filter(meaning__isnull=True).exists()
    assert "Вычислено векторов: 4" in output.getvalue()


def test_a_unit_meaning_is_closer_to_its_paraphrase_than_to_another_topic(council_act):
    told, tax = (
        StructuralUnit.objects.get(stable_key=key).meaning
        for key in (TOLD_TO_THE_PUBLIC, "st5/ch2")
    )
    direction = meaning.question_vector(concepts_of("сообщить журналистам в газете"))

    to_told, to_tax = vector_similarity(direction, [told, tax])

    assert to_told > to_tax + 0.05


def test_the_compressed_vector_keeps_the_direction():
    vectors = word_vectors(["налог", "сбор", "подарок"])
    exact = [
        float(numpy.dot(vectors["налог"], vectors[w]))
        / (numpy.linalg.norm(vectors["налог"]) * numpy.linalg.norm(vectors[w]))
        for w in ("сбор", "подарок")
    ]

    compressed = vector_similarity(
        vectors["налог"], [encode_vector(vectors["сбор"]), encode_vector(vectors["подарок"]), None]
    )

    assert compressed[:2] == pytest.approx(exact, abs=0.05)
    assert compressed[2] == 0.0


def _ranked(*pairs):
    return [
        SimpleNamespace(coverage=coverage, closeness=closeness) for coverage, closeness in pairs
    ]


def test_closeness_vouches_only_for_the_closest_unit_holding_half_the_words():
    assert answering._closeness_vouches(_ranked((0.5, 0.7), (0.8, 0.5)))
    # Not the closest of the ranked units, not close enough, or holding too few words.
    assert not answering._closeness_vouches(_ranked((0.5, 0.7), (0.4, 0.75)))
    assert not answering._closeness_vouches(_ranked((0.5, 0.55), (0.4, 0.3)))
    assert not answering._closeness_vouches(_ranked((0.3, 0.9), (0.2, 0.3)))


def test_a_question_the_base_has_no_act_for_stays_unsure(council_act, settings):
    settings.SEARCH_CACHE_SECONDS = 0

    answer = answer_question("Какие прививки нужны ребенку для поступления в школу?", log=False)

    assert answer.is_unsure or answer.route == "none"
