"""Retrieve and rank: the units and documents that answer a `LegalQuery`.

1. Every word of the query, each in any of its forms or synonym wordings (`portal.search`
   builds the `tsquery` from the plan), ranked by `ts_rank` with the page's boosts; page 1
   also lists documents whose requisites hold every word (`titles.titled`).
2. When that finds fewer than `FEW_UNITS` units and the query has two meanings or more (or
   no unit for a single word), the ranked partial match: rows with more of the rarer words
   first, rare words widened by the nearest words of the base in the navec vectors
   (`weighting`). The page then says «найдено по части слов».
   Before it, when every word found nothing at all, typos are corrected against the words of
   the base (`vocabulary`): the corrected query's full match wins over a partial one.
3. When nothing at all is found, documents with similar titles are offered.
"""

from dataclasses import dataclass, field, replace

from legal_vector.search import titles, vocabulary, weighting
from legal_vector.search.indexes import UNIT_INDEX
from legal_vector.search.parsing import LegalQuery
from portal.search import SearchResult, get_backend, plan_words

FEW_UNITS = 3


@dataclass
class Retrieved:
    result: SearchResult
    documents: list = field(default_factory=list)
    # Units and documents the typed query found (the query log's count).
    typed_count: int = 0
    # The units come from the partial match; `full_total` had every word.
    partial: bool = False
    full_total: int = 0
    # The query with its typos corrected, when the typed one found nothing and this did.
    corrected_query: str = ""
    # `documents` only have titles similar to a query that matched nothing.
    similar_titles: bool = False


def _can_match_part(query: LegalQuery, total: int) -> bool:
    """Few units for a query of several meanings, or none for a single word (whose related
    words may still be in the base: «неустойки» → «пени»)."""
    if query.plan.operators or not query.plan.groups:
        return False
    return total < FEW_UNITS if len(query.plan.groups) > 1 else total == 0


def _every_word(query: LegalQuery) -> Retrieved:
    result = get_backend().search(UNIT_INDEX, query.request())
    documents = titles.titled(query.plan) if query.page == 1 else []
    return Retrieved(result, documents, typed_count=result.total + len(documents))


def _part_of_the_words(found: Retrieved, query: LegalQuery) -> Retrieved:
    plan = weighting.weighed(query.plan)
    partial = get_backend().search(UNIT_INDEX, query.request(plan=plan, match_all=False))
    if partial.total <= found.result.total:
        return found
    return replace(
        found,
        result=partial,
        partial=True,
        full_total=found.result.total,
        typed_count=partial.total + len(found.documents),
    )


def _nothing(found: Retrieved) -> bool:
    return not found.result.total and not found.documents


def _corrected(found: Retrieved, query: LegalQuery) -> Retrieved | None:
    """Every word of the query with its typos corrected; None if that finds nothing either."""
    text = vocabulary.corrected(query.text)
    if not text:
        return None
    retry = _every_word(replace(query, text=text, plan=plan_words(text)))
    if _nothing(retry):
        return None
    return replace(retry, corrected_query=text, typed_count=found.typed_count)


def _with_similar_titles(found: Retrieved, query: LegalQuery) -> Retrieved:
    """A mistyped title: documents with similar titles, said to be only similar."""
    if query.filters or query.page > 1:
        return found  # the text matched, the filters left nothing: no title is «similar»
    documents = titles.similar_titles(query.text)
    return replace(found, documents=documents, similar_titles=bool(documents))


def retrieve(query: LegalQuery) -> Retrieved:
    found = _every_word(query)
    if _nothing(found):
        corrected = _corrected(found, query)
        if corrected is not None:
            return corrected  # a typo: the corrected words beat part of the typed ones
    if _can_match_part(query, found.result.total):
        found = _part_of_the_words(found, query)
    if _nothing(found):
        found = _with_similar_titles(found, query)
    return found
