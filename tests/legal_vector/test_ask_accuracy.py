"""Retrieval quality of the bot on the demo base, measured on a labelled set of questions."""

import io
import json
from pathlib import Path

import pytest

from legal_vector import demo
from legal_vector.bot.answering import answer_question
from legal_vector.models import Document

LABELLED = Path(__file__).with_name("labelled_questions.json")
TOP = 3
REQUIRED_ACCURACY = 0.85


def is_expected(citation, numbers, answers):
    """A citation answers when its document matches and its key is the expected unit or
    lies inside it (an empty key accepts any unit of that document)."""
    number = numbers[citation.document_id]
    key = citation.stable_key
    return any(
        number == expected_number and (not prefix or key == prefix or key.startswith(f"{prefix}/"))
        for expected_number, prefix in answers
    )


@pytest.mark.django_db
def test_top_three_citations_answer_at_least_85_percent_of_labelled_questions():
    demo.seed(io.StringIO())
    labelled = json.loads(LABELLED.read_text(encoding="utf-8"))
    assert len(labelled) >= 40
    numbers = dict(Document.objects.values_list("pk", "number"))
    misses = []
    for item in labelled:
        citations = answer_question(item["question"], log=False).citations[:TOP]
        if not any(is_expected(c, numbers, item["answers"]) for c in citations):
            misses.append(item["question"])
    accuracy = 1 - len(misses) / len(labelled)
    assert accuracy >= REQUIRED_ACCURACY, f"точность {accuracy:.0%}, промахи: {misses}"
