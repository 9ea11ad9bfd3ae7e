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

from legal_vector.bot.retrieval import lexemes, ranked_qa, ranked_units
from legal_vector.models import SearchLog, StructuralUnit
from legal_vector.search.requisites import resolve
from portal.search import DEFAULT_CACHE_SECONDS, normalize_query

MAX_CITATIONS = 3
QUOTE_LENGTH = 420
STRONG_QA_COVERAGE = 0.75
ESCALATE_BELOW = 0.45
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
        escalate=False,
        citations=[BotCitation.of_unit(u) for u in units],
        units=units,
        route="qa",
    )


def _distinct_units(units):
    """Top units, one per article, so three quotes are not three parts of the same norm."""
    chosen, seen = [], set()
    for unit in units:
        article = (unit.document_id, unit.norm_key)
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
    escalate = confidence < ESCALATE_BELOW
    citations = [BotCitation.of_unit(unit) for unit in chosen]
    return BotAnswer(question, UNITS_ANSWER, confidence, escalate, citations, chosen, "units")


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
        SearchLog.record(query, SearchLog.Source.ASK, len(answer.citations), user)
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
