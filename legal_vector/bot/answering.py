"""Routing a question: a citation → that unit; a strong Q&A match → its answer; else units.

The bot never writes text of its own: answers are stored Q&A answers or quotes of units, each
with an exact citation. When it is unsure, or the question is about a dispute, it offers a
lawyer.
"""

import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from legal_vector.bot.retrieval import lexemes, ranked_qa, ranked_units
from legal_vector.models import SearchLog, StructuralUnit
from legal_vector.search.requisites import resolve
from portal.search import DEFAULT_CACHE_SECONDS, normalize_query

MAX_CITATIONS = 3
QUOTE_LENGTH = 420
STRONG_QA_COVERAGE = 0.75
ESCALATE_BELOW = 0.45
# Disputes, courts, prosecutors, inspections and fines need a lawyer whatever the base says.
ESCALATION_WORDS = re.compile(
    r"(?<!\w)(суд|судеб|арбитраж|прокур|проверк|инспекц|штраф|спор|оспар|оспор|иск|исков|"
    r"предписан|протест|представлени[ея] прокур|жалоб)",
    re.I,
)
UNITS_ANSWER = (
    "Готового ответа в базе нет. Ниже — нормы действующих документов, которые ближе всего к "
    "вопросу; прочитайте их по ссылкам."
)
CITATION_ANSWER = "Текст нормы, на которую вы сослались:"
NOTHING_ANSWER = "В базе не нашлось норм по этому вопросу. Задайте его юристу."


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
        return cls(
            document_id=unit.document_id,
            document_title=unit.document.title,
            stable_key=unit.stable_key,
            label=unit.short_label,
            citation=unit.citation(),
            quote=quote_of(unit.text or unit.heading),
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
    route: str = "units"

    def as_json(self):
        return {
            "answer": self.answer,
            "confidence": round(self.confidence, 2),
            "escalate": self.escalate,
            "citations": [vars(citation) for citation in self.citations],
        }


def quote_of(text: str) -> str:
    """The unit's text, cut at a sentence or word end if long; the cut is marked with «…»."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_LENGTH:
        return text
    cut = text[:QUOTE_LENGTH]
    sentence_end = cut.rfind(". ")
    end = sentence_end + 1 if sentence_end > QUOTE_LENGTH // 2 else cut.rfind(" ")
    return f"{cut[:end].rstrip()} …"


def needs_lawyer(question: str) -> bool:
    return bool(ESCALATION_WORDS.search(question))


def _from_citation(question, unit):
    return BotAnswer(
        question,
        CITATION_ANSWER,
        0.95,
        needs_lawyer(question),
        [BotCitation.of_unit(unit)],
        [unit],
        "citation",
    )


def units_for_qa(item):
    """The current units a Q&A item cites, in its order (one query)."""
    wanted = [(c.document_id, c.stable_key) for c in item.citations.all()]
    documents = {document_id for document_id, _ in wanted}
    keys = {key for _, key in wanted}
    units = (
        StructuralUnit.objects.current()
        .filter(document_id__in=documents, stable_key__in=keys)
        .select_related("document")
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
        needs_lawyer(question),
        [BotCitation.of_unit(u) for u in units],
        units,
        "qa",
    )


def _distinct_units(units):
    """Top units, one per article, so three quotes are not three parts of the same norm."""
    chosen, seen = [], set()
    for unit in units:
        article = (unit.document_id, unit.stable_key.split("/")[0])
        if article not in seen:
            seen.add(article)
            chosen.append(unit)
        if len(chosen) == MAX_CITATIONS:
            break
    return chosen


def _from_units(question, units):
    chosen = _distinct_units(units)
    if not chosen:
        return BotAnswer(question, NOTHING_ANSWER, 0.0, True, route="none")
    top = chosen[0]
    confidence = 0.75 * top.coverage
    ambiguous = (
        len(chosen) > 1
        and chosen[1].document_id != top.document_id
        and (chosen[1].score >= top.score * 0.97)
    )
    if ambiguous:
        confidence *= 0.8
    escalate = confidence < ESCALATE_BELOW or needs_lawyer(question)
    citations = [BotCitation.of_unit(unit) for unit in chosen]
    return BotAnswer(question, UNITS_ANSWER, confidence, escalate, citations, chosen, "units")


def answer_question(text: str, user=None, log=True) -> BotAnswer:
    """Answer `text` from the base; the question and its result count go to the query log."""
    question = normalize_query(text)
    answer = _cached_route(question)
    if log:
        SearchLog.record(question, SearchLog.Source.ASK, len(answer.citations), user)
    return answer


def _cached_route(question):
    """Frequent questions are answered from the cache for the search cache's lifetime."""
    seconds = getattr(settings, "SEARCH_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    if not seconds:
        return _route(question)
    key = "legal_vector.bot." + hashlib.sha256(question.encode()).hexdigest()
    answer = cache.get(key)
    if answer is None:
        answer = _route(question)
        cache.set(key, answer, seconds)
    return answer


def _route(question):
    _, _, unit = resolve(question)
    if unit is not None:
        return _from_citation(question, unit)
    own, extra = lexemes(question)
    items = ranked_qa(own, extra)
    if items and items[0].coverage >= STRONG_QA_COVERAGE:
        return _from_qa(question, items[0])
    return _from_units(question, ranked_units(own, extra))
