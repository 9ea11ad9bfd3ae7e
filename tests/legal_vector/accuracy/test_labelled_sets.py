"""The labelled sets are large enough, balanced as promised and name units that exist.

They were written by reading the acts in `legal_vector/demo_texts/`, never from what search
or the bot returned; these checks keep later edits of the sets honest.
"""

import re
from collections import Counter

import pytest

from legal_vector.models import QAItem, StructuralUnit

pytestmark = pytest.mark.django_db

MIN_SIZE = 150
MIN_WITHOUT_ACT = 10
MIN_DOCUMENTS = 30
NEAR_COPY = 0.6  # share of common words at which a question copies a stored Q&A question


def answerable(items):
    return [item for item in items if item["answers"]]


def test_the_bot_set_has_150_answerable_questions_half_of_them_paraphrased(bot_set):
    questions = answerable(bot_set)
    styles = Counter(item["style"] for item in questions)

    assert len(questions) >= MIN_SIZE
    assert set(styles) == {"law", "paraphrase"}
    assert styles["paraphrase"] >= len(questions) / 2


def test_the_bot_set_asks_about_laws_the_base_lacks(bot_set):
    without_act = [item for item in bot_set if not item["answers"]]

    assert len(without_act) >= MIN_WITHOUT_ACT
    assert not any(item.get("qa") for item in without_act)


def test_the_search_set_has_150_queries_a_third_of_each_kind(search_set):
    styles = Counter(item["style"] for item in search_set)

    assert len(search_set) >= MIN_SIZE
    assert set(styles) == {"question", "paraphrase", "requisites"}
    assert all(count >= len(search_set) * 0.3 for count in styles.values())
    assert all(item["answers"] for item in search_set)


def test_the_sets_spread_over_many_acts(bot_set, search_set):
    for items in (bot_set, search_set):
        named = {name for item in items for name, _ in item["answers"]}
        assert len(named) >= MIN_DOCUMENTS


def test_every_expected_document_and_unit_exists_in_the_demo_base(demo_base, bot_set, search_set):
    keys = {}
    for document_id, key in StructuralUnit.objects.current().values_list(
        "document_id", "stable_key"
    ):
        keys.setdefault(document_id, set()).add(key)
    wrong = []

    for item in bot_set + search_set:
        for name, prefix in item["answers"]:
            ids = demo_base.ids(name)
            found = any(
                any(key == prefix or key.startswith(f"{prefix}/") for key in keys.get(pk, ()))
                for pk in ids
            )
            if len(ids) != 1 or (prefix and not found):
                wrong.append((item.get("question") or item["query"], name, prefix))

    assert not wrong


def test_no_bot_question_copies_a_stored_qa_question(demo_base, bot_set):
    stored = [_words(text) for text in QAItem.objects.values_list("question", flat=True)]
    copies = [
        item["question"]
        for item in bot_set
        if any(_overlap(_words(item["question"]), words) >= NEAR_COPY for words in stored)
    ]

    assert stored
    assert not copies


def _words(text):
    return set(re.findall(r"\w{4,}", text.lower()))


def _overlap(first, second):
    return len(first & second) / max(1, len(first | second))
