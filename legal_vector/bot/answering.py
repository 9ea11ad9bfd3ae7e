"""Routing a question: a citation → that unit; a strong Q&A match → its answer; else units.

The bot never writes text of its own: answers are stored Q&A answers or quotes of units, each
with an exact citation. When it is unsure, or the question is about a dispute, it offers a
lawyer.
"""

import hashlib
import re
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache

from legal_vector.bot.question import concepts_of, question_kind
from legal_vector.bot.retrieval import (
    defined_subject,
    is_definition_question,
    ranked_qa,
    ranked_units,
)
from legal_vector.bot.rules import lead_in_of, operative, rule_quote
from legal_vector.models import StructuralUnit
from legal_vector.models.search_log import SERVICE
from legal_vector.search.requisites import resolve
from portal.models import SearchLog
from portal.search import DEFAULT_CACHE_SECONDS, normalize_query

MAX_CITATIONS = 3
# Two parts of one article are both quoted when the second scores this close to the first
# (0.97 until session 14: within a tenth, more right parts are quoted beside a close neighbour,
# docs/legal-bot.md).
PARTS_PER_ARTICLE = 2
TIE = 0.9
STRONG_QA_COVERAGE = 0.8
# Disputes, courts, prosecutors, inspections and fines need a lawyer whatever the base says.
# Whole word forms, not prefixes: «иск» must not catch «искать» or «исключение», «спор» must
# not catch «спортивный». A complaint («жалоба») alone is an ordinary appeal, not a dispute;
# a complaint to a court or a prosecutor is caught by those words.
ESCALATION_WORDS = re.compile(
    r"(?<!\w)(?:"
    r"суд|суда|суду|судом|суде|суды|судов|судам|судами|судах|судебн\w*"
    r"|судья|судьи|судье|судью|судьей|судей|арбитраж\w*"
    r"|прокурор\w*|прокуратур\w*|проверк\w*|инспекци\w*|штраф\w*|оштраф\w*"
    r"|спор|спора|спору|спором|споре|споры|споров|спорн\w*|оспар\w*|оспор\w*|обжал\w*"
    r"|иск|иска|иску|иском|иске|иски|исков|исками|исках|исков[оа]\w*"
    r"|предписани\w*|протест|протеста|протесту|протестом|протесте|протесты|протестов"
    r")(?!\w)",
    re.I,
)
# A long question is answered from its first words: they bound the lexemes, and so the size
# of the search queries, whatever the user pasted.
RETRIEVAL_WORDS = 20
# Function words that carry no topic; dropped from long questions before the cut.
STOP_WORDS = frozenset({
    "а", "без", "бы", "в", "во", "вот", "все", "да", "для", "до", "если", "же", "за", "и", "из",
    "или", "к", "как", "ко", "ли", "мне", "мы", "на", "над", "не", "нет", "ни", "но", "о", "об",
    "от", "по", "под", "при", "про", "с", "со", "так", "то", "у", "уже", "что", "чтобы", "это",
    "я",
})  # fmt: skip
UNITS_ANSWER = (
    "Готового ответа в базе нет. Ниже — нормы действующих документов, которые ближе всего к "
    "вопросу; прочитайте их по ссылкам."
)
UNSURE_ANSWER = (
    "Не уверен, что нашёл ответ: в базе есть только нормы, которые отвечают на вопрос лишь "
    "отчасти. Прочитайте их по ссылкам или задайте вопрос юристу."
)
CITATION_ANSWER = "Текст нормы, на которую вы сослались:"
NOTHING_ANSWER = (
    "В базе нет акта об этом: ни одна норма действующих документов не отвечает на вопрос. "
    "Задайте его юристу."
)
# The weighted share of the question's words the best unit holds: below the first the base
# has nothing on the topic, below the second the bot quotes what it found but is not sure.
NOTHING_BELOW = 0.25
# …unless the act it is in is named by the question's other words («Сколько дней администрация
# Энска делает разрешение на стройку?» → «Срок … пяти рабочих дней» of that regulation): the
# act's title words count in `coverage`, only the unit's own words in `own_coverage`.
NAMED_ACT_COVERAGE = 0.5
SHORT_QUESTION_CONCEPTS = 7
UNSURE_BELOW = 0.6
# A best unit that says nothing about one of the question's words («…городского округа»
# answered by a rule for поселение) is a guess unless it holds nearly all the rest.
UNSURE_WITH_GAP_BELOW = 0.9
TEXT_CONFIDENCE = 0.9
# A best unit that is also the closest in meaning of all it was ranked with, and close enough,
# says in its own words what the question words otherwise: its closeness vouches for it as its
# share of words does. It must still hold near half of the question's words (meaning alone is
# a guess), and a gap stays a gap: «городской округ» is close in meaning to «поселение», yet a
# rule for one does not answer about the other. Set on the development set.
SURE_CLOSENESS = 0.6
SURE_CLOSENESS_COVERAGE = 0.45


@dataclass
class BotCitation:
    document_id: int
    document_title: str
    stable_key: str
    label: str
    citation: str
    quote: str
    url: str

    @classmethod
    def of_unit(cls, unit):
        """The unit cited; a list item is quoted with its lead-in (select `parent` with it)."""
        return cls(
            document_id=unit.document_id,
            document_title=unit.document.title,
            stable_key=unit.stable_key,
            label=unit.short_label,
            citation=unit.citation(),
            quote=rule_quote(unit),
            url=unit.get_absolute_url(),
        )


@dataclass
class BotAnswer:
    question: str
    answer: str
    confidence: float
    escalate: bool
    citations: list[BotCitation] = field(default_factory=list)
    units: list = field(default_factory=list)
    # How the answer was found: «citation», «qa» (a stored answer), «text» (quotes of
    # units) or «none» (nothing in the base).
    route: str = "text"

    @property
    def is_unsure(self):
        return self.route == "text" and self.confidence < UNSURE_BELOW * TEXT_CONFIDENCE

    def as_json(self):
        return {
            "answer": self.answer,
            "confidence": round(self.confidence, 2),
            "escalate": self.escalate,
            "route": self.route,
            "citations": [vars(citation) for citation in self.citations],
        }


def needs_lawyer(question: str) -> bool:
    """A dispute, court, prosecutor, inspection or fine is named; `answer_question` applies it."""
    return bool(ESCALATION_WORDS.search(question))


def _from_citation(question, unit):
    return BotAnswer(
        question,
        CITATION_ANSWER,
        confidence=0.95,
        escalate=False,
        citations=[BotCitation.of_unit(unit)],
        units=[unit],
        route="citation",
    )


def units_for_qa(item):
    """The current units a Q&A item cites, in its order (one query)."""
    wanted = [(c.document_id, c.stable_key) for c in item.citations.all()]
    documents = {document_id for document_id, _ in wanted}
    keys = {key for _, key in wanted}
    units = (
        StructuralUnit.objects.current()
        .filter(document_id__in=documents, stable_key__in=keys, is_repealed=False)
        .select_related("document", "parent")
    )
    found = {(u.document_id, u.stable_key): u for u in units}
    return [found[pair] for pair in wanted if pair in found]


def _from_qa(question, item):
    units = units_for_qa(item)[:MAX_CITATIONS]
    confidence = min(0.9, 0.5 + item.coverage * 0.4)
    return BotAnswer(
        question,
        item.answer,
        confidence,
        escalate=False,
        citations=[BotCitation.of_unit(u) for u in units],
        units=units,
        route="qa",
    )


def _distinct_units(units):
    """Top units, one per article, so three quotes are not three parts of the same norm; a
    second part of an article (not an item of a list) is quoted too when it scores as high
    as the first, as the bot cannot tell which of the two answers («обязано не допускать
    конфликта интересов» in ч. 1, «как только станет известно о конфликте» in ч. 2)."""
    chosen, best = [], {}
    for unit in units:
        article = (unit.document_id, unit.norm_key)
        if article not in best:
            best[article] = [unit.score]
            chosen.append(unit)
        elif (
            len(best[article]) < PARTS_PER_ARTICLE
            and unit.score >= best[article][0] * TIE
            and lead_in_of(unit) is None  # items of one list: `operative` picks among them
        ):
            best[article].append(unit.score)
            chosen.append(unit)
        if len(chosen) == MAX_CITATIONS:
            break
    return chosen


def _holds_too_little(unit) -> bool:
    return unit.own_coverage < NOTHING_BELOW and unit.coverage < NAMED_ACT_COVERAGE


def _closeness_vouches(units) -> bool:
    """Is the best unit the closest in meaning of the ranked units, and close enough?"""
    best = units[0]
    close_enough = best.closeness >= max(SURE_CLOSENESS, *(unit.closeness for unit in units))
    return close_enough and best.coverage >= SURE_CLOSENESS_COVERAGE


def _from_units(question, units, concepts):
    chosen = operative(_distinct_units(units), concepts)
    # A long story holds many words no act has; only a short question is judged by them.
    short = len(concepts) <= SHORT_QUESTION_CONCEPTS
    if not chosen or (short and _holds_too_little(chosen[0])):
        return BotAnswer(question, NOTHING_ANSWER, 0.0, True, route="none")
    top = chosen[0]
    vouched = _closeness_vouches(units)
    confidence = TEXT_CONFIDENCE * max(top.coverage, units[0].closeness if vouched else 0.0)
    ambiguous = (
        len(chosen) > 1
        and chosen[1].document_id != top.document_id
        and chosen[1].score >= top.score * 0.97
    )
    if ambiguous:
        confidence *= 0.8
    gap = getattr(top, "missing", 0) > 0 and top.coverage < UNSURE_WITH_GAP_BELOW
    if gap:
        confidence = min(confidence, UNSURE_BELOW * TEXT_CONFIDENCE - 0.01)
    unsure = confidence < UNSURE_BELOW * TEXT_CONFIDENCE
    citations = [BotCitation.of_unit(unit) for unit in chosen]
    text = UNSURE_ANSWER if unsure else UNITS_ANSWER
    return BotAnswer(question, text, confidence, unsure, citations, chosen, "text")


def retrieval_query(question: str) -> str:
    """What retrieval reads: a short question as typed, a long one's first significant words."""
    words = question.split()
    if len(words) > RETRIEVAL_WORDS:
        words = [word for word in words if word.lower() not in STOP_WORDS][:RETRIEVAL_WORDS]
    return normalize_query(" ".join(words))


def answer_question(text: str, user=None, log=True) -> BotAnswer:
    """Answer `text` from the base; the question and its result count go to the query log.

    The answer keeps the whole question (it pre-fills the form for a lawyer). Escalation for
    disputes is decided here, on the whole question, so a dispute mentioned past the words
    retrieval reads still escalates.
    """
    question = " ".join((text or "").split())
    query = retrieval_query(question)
    answer = _cached_route(query)
    answer = replace(answer, question=question, escalate=answer.escalate or needs_lawyer(question))
    if log:
        SearchLog.record(query, SearchLog.Source.ASK, len(answer.citations), user, service=SERVICE)
    return answer


def _cached_route(question):
    """Frequent questions are answered from the cache for the search cache's lifetime."""
    seconds = getattr(settings, "SEARCH_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    if not seconds:
        return _route(question)
    key = "legal_vector.bot.v2." + hashlib.sha256(question.encode()).hexdigest()
    answer = cache.get(key)
    if answer is None:
        answer = _route(question)
        cache.set(key, answer, seconds)
    return answer


def _route(question):
    _, _, unit = resolve(question)
    if unit is not None:
        return _from_citation(question, unit)
    definition = is_definition_question(question)
    concepts = concepts_of(defined_subject(question) if definition else question)
    if not concepts:
        return BotAnswer(question, NOTHING_ANSWER, 0.0, True, route="none")
    items = ranked_qa(question, concepts)
    if items and items[0].coverage >= STRONG_QA_COVERAGE:
        return _from_qa(question, items[0])
    units = ranked_units(concepts, definition=definition, kind=question_kind(question))
    return _from_units(question, units, concepts)
