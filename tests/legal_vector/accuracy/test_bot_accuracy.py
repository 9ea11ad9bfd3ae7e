"""The bot on 200 questions written against the demo acts (half in the law's wording, half in
a municipal employee's own words) and eleven about laws the base lacks.

Targets (issue 10, not yet reached, see the floors below): one of the first three citations is
an expected unit for at least 95% of the answerable questions — counted over all of them, and
again over those answered by quoting the acts, so stored Q&A cannot hide weak retrieval; a
question the base has no act for gets no confident answer. The figures, by route and by
wording, are printed by `manage.py evaluate_legal --set bot --verbose`.
"""

import pytest

from legal_vector import evaluation

pytestmark = pytest.mark.django_db

# The target is 95% in the top three. It is NOT reached: the bot measured 77.5% at the
# end of session 5 and 93% after the work on definitions, named acts, question kinds and
# everyday wordings (93% of the answers quoted from the acts' text, 88% of the paraphrased
# questions, 98% of those in the law's wording; `manage.py evaluate_legal --set bot`). The
# floors below keep that level from slipping back; raise them with every gain, up to 0.95.
FLOOR_TOP3 = 0.92
FLOOR_PARAPHRASE = 0.86
MIN_HONEST_WITHOUT_ACT = 0.9


@pytest.fixture(scope="module")
def report(demo_base, bot_set, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluation.evaluate_bot(bot_set, demo_base)


def _misses(outcomes):
    return [(o.item["question"], [text for _, _, text in o.cited]) for o in outcomes if not o.hit]


def test_top_three_citations_keep_at_least_the_measured_accuracy(report):
    misses = _misses(report.answerable)

    assert report.top3().value >= FLOOR_TOP3, f"{report.top3()}, промахи: {misses}"


def test_answers_quoted_from_the_acts_reach_the_same_accuracy(report):
    text = [o for o in report.answerable if o.route != evaluation.QA_ROUTE]

    assert report.top3(text).value >= FLOOR_TOP3, f"{report.top3(text)}, промахи: {_misses(text)}"


def test_paraphrased_questions_keep_at_least_the_measured_accuracy(report):
    rates = report.by_style()

    assert set(rates) == {"law", "paraphrase"}
    assert rates["paraphrase"].value >= FLOOR_PARAPHRASE, rates


def test_a_question_without_an_act_in_the_base_gets_no_confident_answer(report):
    confident = [
        (o.item["question"], [text for _, _, text in o.cited])
        for o in report.without_act
        if not o.unsure
    ]

    assert report.honest_without_act().value >= MIN_HONEST_WITHOUT_ACT, confident
