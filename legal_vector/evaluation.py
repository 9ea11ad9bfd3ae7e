"""Measuring legal search and the bot on labelled sets written against the acts' text.

The sets live in `tests/legal_vector/accuracy/` (see its README): bot questions with the units
that answer them (half in the law's wording, half in a municipal employee's own words, a few
about laws the base lacks) and search queries with the expected document and unit. Both are
run through the public entry points a user reaches — `answer_question` for the bot, the
citation jump and `search_legal_base` for the search page — so a change of ranking shows here
as it shows to people. `manage.py evaluate_legal` prints the figures; the accuracy tests
assert the targets.

A document is named in the sets by its number («131-ФЗ», «33а-1187/2025») or, for acts without
one (templates, guidelines), by its title; a unit by a stable-key prefix: the unit itself or
any unit inside it answers.
"""

import inspect
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from legal_vector.bot.answering import answer_question
from legal_vector.models import Document
from legal_vector.search.requisites import resolve
from legal_vector.search.service import search_legal_base

SETS_DIR = Path(settings.BASE_DIR) / "tests" / "legal_vector" / "accuracy"
BOT_SET = "bot_questions.json"
# Written later by reading the acts only and kept out of tuning: the bot is scored on it
# separately (`evaluate_legal --set heldout`), never with `--set all`.
HELDOUT_SET = "bot_heldout.json"
# Written blind after it and scored once before any change for it (tests/…/test_bot_heldout.py);
# since then a second development set (`evaluate_legal --set dev2`).
DEV2_SET = "bot_dev2.json"
# The third, written blind in session 14 the same way (44 acts, six questions without an act),
# scored once before any change for it; then a development set too (`--set dev3`).
DEV3_SET = "bot_dev3.json"
# The fourth, written blind in session 16 by yet another hand (42 acts, six without an act).
DEV4_SET = "bot_dev4.json"
SEARCH_SET = "search_queries.json"
TOP_CITATIONS = 3
TOP_RESULTS = 5
QA_ROUTE = "qa"
# Routes by which the bot says it has no answer rather than quoting something.
NO_ANSWER_ROUTES = frozenset({"none", "no_act", "unsure", "nothing"})


def load_set(name, folder=SETS_DIR):
    return json.loads((Path(folder) / name).read_text(encoding="utf-8"))


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    def add(self, hit):
        self.hits += bool(hit)
        self.total += 1

    @property
    def value(self):
        return self.hits / self.total if self.total else 0.0

    def __str__(self):
        return f"{self.value:.1%} ({self.hits} из {self.total})"


class Documents:
    """Identifiers of the sets («131-ФЗ», a title) → ids of the documents they name."""

    def __init__(self):
        self.by_number = defaultdict(set)
        self.by_title = defaultdict(set)
        self.names = {}
        for pk, number, title in Document.objects.values_list("pk", "number", "title"):
            if number:
                self.by_number[number].add(pk)
            self.by_title[title].add(pk)
            self.names[pk] = number or title[:60]

    def ids(self, name):
        return self.by_number.get(name) or self.by_title.get(name) or set()

    def missing(self, items):
        """Names used in `items` that match no document of the base."""
        names = {name for item in items for name, _ in item["answers"]}
        return sorted(name for name in names if not self.ids(name))


def within(key, prefix):
    """Is the unit `key` the unit `prefix` or inside it? An empty prefix is any unit."""
    return not prefix or key == prefix or key.startswith(prefix + "/")


def answers_unit(answers, documents, document_id, key):
    return any(
        document_id in documents.ids(name) and within(key, prefix) for name, prefix in answers
    )


def answers_document(answers, documents, document_id):
    return any(document_id in documents.ids(name) for name, _ in answers)


def _accepted(function):
    return set(inspect.signature(function).parameters)


# -- the bot ----------------------------------------------------------------------------------
@dataclass
class BotOutcome:
    item: dict
    route: str
    cited: list  # (document id, stable key, citation text) of the top citations
    hit: bool  # an answerable question: a top citation is an expected unit
    unsure: bool  # the bot said it was not sure or had nothing
    first_hit: bool = False  # the first citation is an expected unit

    @property
    def is_answerable(self):
        return bool(self.item["answers"])


@dataclass
class BotReport:
    outcomes: list = field(default_factory=list)

    @property
    def answerable(self):
        return [o for o in self.outcomes if o.is_answerable]

    @property
    def without_act(self):
        return [o for o in self.outcomes if not o.is_answerable]

    def top3(self, outcomes=None):
        rate = Rate()
        for outcome in self.answerable if outcomes is None else outcomes:
            rate.add(outcome.hit)
        return rate

    def top1(self, outcomes=None):
        rate = Rate()
        for outcome in self.answerable if outcomes is None else outcomes:
            rate.add(outcome.first_hit)
        return rate

    def unsure_answerable(self):
        """Answerable questions on which the bot said «не уверен» instead of answering."""
        rate = Rate()
        for outcome in self.answerable:
            rate.add(outcome.unsure)
        return rate

    def by_route(self):
        """«text»: quoted from the acts; «qa»: a stored Q&A answer."""
        routes = defaultdict(list)
        for outcome in self.answerable:
            routes["qa" if outcome.route == QA_ROUTE else "text"].append(outcome)
        return {route: self.top3(outcomes) for route, outcomes in sorted(routes.items())}

    def by_style(self):
        styles = defaultdict(list)
        for outcome in self.answerable:
            styles[outcome.item["style"]].append(outcome)
        return {style: self.top3(outcomes) for style, outcomes in sorted(styles.items())}

    def honest_without_act(self):
        rate = Rate()
        for outcome in self.without_act:
            rate.add(outcome.unsure)
        return rate

    def confidently_wrong(self):
        return [o for o in self.answerable if not o.hit and not o.unsure]

    def misses(self):
        return [o for o in self.answerable if not o.hit] + [
            o for o in self.without_act if not o.unsure
        ]


def is_unsure(answer):
    """The bot did not claim an answer: nothing cited, «не уверен» / «нет акта», or a lawyer
    offered instead."""
    flags = (getattr(answer, name, False) for name in ("is_unsure", "unsure", "no_act"))
    return (
        not answer.citations
        or bool(answer.escalate)
        or getattr(answer, "route", "") in NO_ANSWER_ROUTES
        or any(flag is True for flag in flags)
    )


def ask(question):
    kwargs = {"log": False} if "log" in _accepted(answer_question) else {}
    return answer_question(question, **kwargs)


def evaluate_bot(items, documents=None) -> BotReport:
    documents = documents or Documents()
    report = BotReport()
    for item in items:
        answer = ask(item["question"])
        top = answer.citations[:TOP_CITATIONS]
        cited = [(c.document_id, c.stable_key, c.citation) for c in top]
        hits = [answers_unit(item["answers"], documents, pk, key) for pk, key, _ in cited]
        report.outcomes.append(
            BotOutcome(
                item,
                getattr(answer, "route", ""),
                cited,
                any(hits),
                is_unsure(answer),
                first_hit=bool(hits) and hits[0],
            )
        )
    return report


# -- the search page ----------------------------------------------------------------------------
@dataclass
class SearchOutcome:
    item: dict
    empty: bool
    jumped: bool  # a bare citation opened its document or unit directly
    documents: list  # ids of the first distinct documents, in the order shown
    units: list  # (document id, stable key, label) of the first units
    document_hit: bool
    unit_hit: bool | None  # None when the query expects only a document

    def found(self, documents):
        """What the page showed first, as «label (document)» or the document alone."""
        return [f"{label} ({documents.names.get(pk, pk)})" for pk, _, label in self.units] or [
            str(documents.names.get(pk, pk)) for pk in self.documents
        ]


@dataclass
class SearchReport:
    outcomes: list = field(default_factory=list)

    def zero_results(self):
        rate = Rate()
        for outcome in self.outcomes:
            rate.add(outcome.empty)
        return rate

    def document_top5(self, outcomes=None):
        rate = Rate()
        for outcome in self.outcomes if outcomes is None else outcomes:
            rate.add(outcome.document_hit)
        return rate

    def unit_top5(self):
        rate = Rate()
        for outcome in self.outcomes:
            if outcome.unit_hit is not None:
                rate.add(outcome.unit_hit)
        return rate

    def by_style(self):
        styles = defaultdict(list)
        for outcome in self.outcomes:
            styles[outcome.item["style"]].append(outcome)
        return {style: self.document_top5(outcomes) for style, outcomes in sorted(styles.items())}

    def misses(self):
        return [o for o in self.outcomes if o.empty or not o.document_hit or o.unit_hit is False]


def jump_target(query):
    """What the search page opens without a result list: (document, unit) or (None, None)."""
    citation, document, unit = resolve(query)
    if citation is None or not citation.is_pure or document is None:
        return None, None
    return document, unit


def search_page(query):
    kwargs = {"log": False} if "log" in _accepted(search_legal_base) else {}
    return search_legal_base(query, QueryDict(), AnonymousUser(), **kwargs)


def evaluate_search(items, documents=None) -> SearchReport:
    documents = documents or Documents()
    report = SearchReport()
    for item in items:
        report.outcomes.append(_search_outcome(item, documents))
    return report


def _search_outcome(item, documents):
    answers = item["answers"]
    document, unit = jump_target(item["query"])
    if document is not None:
        ranked_documents = [document.pk]
        units = [(unit.document_id, unit.stable_key, unit.short_label)] if unit else []
        empty, jumped = False, True
    else:
        page = search_page(item["query"])
        ranked_documents = _distinct(
            [d.pk for d in page.documents] + [u.document_id for u in page.units]
        )[:TOP_RESULTS]
        units = [(u.document_id, u.stable_key, u.short_label) for u in page.units[:TOP_RESULTS]]
        empty, jumped = page.is_empty, False
    document_hit = any(answers_document(answers, documents, pk) for pk in ranked_documents)
    wants_unit = any(prefix for _, prefix in answers)
    unit_hit = (
        any(answers_unit(answers, documents, pk, key) for pk, key, _ in units)
        if wants_unit
        else None
    )
    return SearchOutcome(item, empty, jumped, ranked_documents, units, document_hit, unit_hit)


def _distinct(values):
    return list(dict.fromkeys(values))
