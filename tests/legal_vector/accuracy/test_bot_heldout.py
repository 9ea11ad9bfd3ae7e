"""The bot on question sets written blind: by reading the acts only, after the bot was built.

`bot_questions.json` became a development set once the bot was tuned on it, so its figures
overstate what a new question gets. Two sets were written later by reading the acts in
`legal_vector/demo_texts/` only (never the bot's answers, the stored Q&A or the other sets),
mostly in a municipal employee's own words, with typos and abbreviations; a tenth of each asks
about laws the base lacks.

- `bot_heldout.json` (102 questions) is never tuned on: it is scored on its own
  (`manage.py evaluate_legal --set heldout`), never mixed into `--set all`. Its floors sit just
  below the level measured when it was written (top three 64.1%, first citation 59.8%, all ten
  without an act «не уверен», 2 confident errors of 92); with closeness in meaning
  (`bot/meaning.py`) it measured top three 69.6%, first citation 60.9%, 3 confident errors;
  after the session-12 changes made on the second set (frequency and amount questions, office
  abbreviations and slang) top three 70.7%, first citation 63.0%, 3 confident errors.
  In session 14, quoting a second part of an article within a tenth of the first's score (it
  was within 3%) raised it to top three 72.8% (first citation 63.0%, 3 confident errors). In
  session 16, office words found missing by the fourth set (`portal/0012`) raised it to top
  three 76.1%, first citation 64.1% (3 confident errors).
- `bot_dev2.json` (60 questions, session 12) was scored once before any change was made for it:
  top three 65.5%, first citation 50.9%, paraphrases 57.8%, all five without an act «не
  уверен», one confident error of 55. That first score confirms the held-out figure; from then
  on it is a second development set (`--set dev2`), which a change may be tuned on (76.4% top
  three, 58.2% first citation after the session-12 changes).
- `bot_dev3.json` (60 questions over 44 acts, session 14) was written the same way by another
  hand and scored once before any change for it: top three 77.8%, first citation 74.1%, all six
  without an act «не уверен», no confident error. This suite then found two of its questions
  sharing half their words with search queries; they were reworded (one of them is now a miss),
  which puts the session-13 code at 75.9% / 72.2% on the set as it stands. It is now a third
  development set (`--set dev3`): 87.0% / 81.5% after the session-14 changes (examples after
  «например», abbreviations with a case ending, everyday names of topics, «до какого числа»,
  «вправе» kept as the law's word).
- `bot_dev4.json` (60 questions over 42 acts, session 16) was written the same way by a fourth
  hand, checked for overlap with every other set, and scored once before any change for it:
  top three 75.9%, first citation 59.3%, paraphrases 67.6% (laws' wording 94.1%), all six
  without an act «не уверен», no confident error. It agrees with the other blind sets: a
  question the bot was not tuned on gets one of three right citations about three times in four.
  The office words it showed missing (`portal/0012`) then gave 79.6% / 63.0%.

The floors catch a change that makes the bot worse on questions it was not written for. Raise
them with every measured gain, two questions below it: which units fill the bounded candidate
tiers depends on the plan PostgreSQL picks, and a run in the parallel suite has answered one or
two questions differently from a run alone. Never edit a question or its expected units to make
it pass.
"""

import io
import json
import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from legal_vector import evaluation
from legal_vector.models import QAItem, StructuralUnit

pytestmark = pytest.mark.django_db

MIN_HONEST_WITHOUT_ACT = 0.9
MAX_CONFIDENTLY_WRONG = 0.05  # share of the answerable questions
MIN_DOCUMENTS = 30
# A blind question shares less than half of its words with any question of the other sets or
# of the stored Q&A: a near copy would measure memory, not the method.
MAX_OVERLAP = 0.5


@dataclass(frozen=True)
class BlindSet:
    name: str
    floor_top3: float
    floor_top1: float
    min_answerable: int


BLIND_SETS = [
    BlindSet(evaluation.HELDOUT_SET, floor_top3=0.73, floor_top1=0.61, min_answerable=60),
    BlindSet(evaluation.DEV2_SET, floor_top3=0.89, floor_top1=0.69, min_answerable=50),
    BlindSet(evaluation.DEV3_SET, floor_top3=0.83, floor_top1=0.77, min_answerable=50),
    BlindSet(evaluation.DEV4_SET, floor_top3=0.75, floor_top1=0.59, min_answerable=50),
]


@pytest.fixture(scope="module", params=BLIND_SETS, ids=lambda blind: blind.name)
def blind(request):
    return request.param


@pytest.fixture(scope="module")
def questions(blind):
    return evaluation.load_set(blind.name)


@pytest.fixture(scope="module")
def report(demo_base, questions, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluation.evaluate_bot(questions, demo_base)


def _misses(outcomes):
    return [(o.item["question"], [text for _, _, text in o.cited]) for o in outcomes if not o.hit]


def _words(text):
    return set(re.findall(r"\w{4,}", text.lower()))


def _overlap(first, second):
    return len(first & second) / max(1, len(first | second))


# -- the set itself ------------------------------------------------------------------------------
def test_the_set_is_large_spread_and_tenth_of_it_has_no_act(blind, questions):
    answerable = [item for item in questions if item["answers"]]
    without_act = [item for item in questions if not item["answers"]]
    documents = {name for item in answerable for name, _ in item["answers"]}

    assert len(answerable) >= blind.min_answerable
    assert 0.08 <= len(without_act) / len(questions) <= 0.15
    assert len(documents) >= MIN_DOCUMENTS
    assert {item["style"] for item in questions} == {"law", "paraphrase"}
    assert all(item["basis"].strip() for item in questions)


def test_every_expected_unit_exists_in_the_demo_base(demo_base, questions):
    keys = {}
    for document_id, key in StructuralUnit.objects.current().values_list(
        "document_id", "stable_key"
    ):
        keys.setdefault(document_id, set()).add(key)
    wrong = [
        (item["question"], name, prefix)
        for item in questions
        for name, prefix in item["answers"]
        if len(demo_base.ids(name)) != 1
        or not any(
            evaluation.within(key, prefix) for pk in demo_base.ids(name) for key in keys.get(pk, ())
        )
    ]

    assert not wrong


def test_no_question_copies_another_set_or_a_stored_qa(demo_base, blind, questions):
    others = [_words(text) for text in QAItem.objects.values_list("question", flat=True)]
    others += [_words(item["question"]) for item in evaluation.load_set(evaluation.BOT_SET)]
    others += [_words(item["query"]) for item in evaluation.load_set(evaluation.SEARCH_SET)]
    for other in BLIND_SETS:
        if other != blind:
            others += [_words(item["question"]) for item in evaluation.load_set(other.name)]
    copies = [
        item["question"]
        for item in questions
        if any(_overlap(_words(item["question"]), words) >= MAX_OVERLAP for words in others)
    ]

    assert len(others) > 300
    assert not copies


# -- the bot on it -------------------------------------------------------------------------------
def test_top_three_citations_keep_the_measured_accuracy(blind, report):
    assert report.top3().value >= blind.floor_top3, (
        f"{report.top3()}, промахи: {_misses(report.answerable)}"
    )


def test_the_first_citation_keeps_the_measured_accuracy(blind, report):
    assert report.top1().value >= blind.floor_top1, report.top1()


def test_a_question_without_an_act_gets_no_confident_answer(report):
    confident = [
        (o.item["question"], [text for _, _, text in o.cited])
        for o in report.without_act
        if not o.unsure
    ]

    assert report.honest_without_act().value >= MIN_HONEST_WITHOUT_ACT, confident


def test_the_bot_is_rarely_confidently_wrong(report):
    wrong = report.confidently_wrong()

    assert len(wrong) <= MAX_CONFIDENTLY_WRONG * len(report.answerable), _misses(wrong)


# -- the command ---------------------------------------------------------------------------------
def test_evaluate_legal_scores_the_heldout_file_only_when_asked(demo_base, tmp_path):
    def write(name, *questions):
        items = [{"question": q, "style": "law", "answers": [["59-ФЗ", "st12"]]} for q in questions]
        (tmp_path / name).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")

    write(evaluation.BOT_SET, "Каков срок рассмотрения письменного обращения?")
    write(
        evaluation.HELDOUT_SET,
        "Можно ли продлить срок ответа гражданину?",
        "Сколько дней на ответ жителю?",
    )
    heldout, bot = io.StringIO(), io.StringIO()

    write(evaluation.DEV3_SET, "Кто отвечает жителю?", "Когда ответ?", "Можно ли продлить?")
    dev3 = io.StringIO()

    call_command("evaluate_legal", "--set", "heldout", "--folder", str(tmp_path), stdout=heldout)
    call_command("evaluate_legal", "--set", "bot", "--folder", str(tmp_path), stdout=bot)
    call_command("evaluate_legal", "--set", "dev3", "--folder", str(tmp_path), stdout=dev3)

    assert "Бот: вопросов 3," in dev3.getvalue()
    assert "Бот: вопросов 2," in heldout.getvalue()
    assert "Бот: вопросов 1," in bot.getvalue()
    assert heldout.getvalue().count("Бот:") == 1
    assert "Поиск:" not in heldout.getvalue()
    for line in ("верная норма первой цитатой", "«не уверен» на вопрос с ответом в базе"):
        assert line in heldout.getvalue()
