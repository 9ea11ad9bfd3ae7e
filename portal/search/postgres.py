"""PostgreSQL full-text search: the backend used when `ELASTICSEARCH_URL` is not set."""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db.models import Case, F, FloatField, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.search.facets import apply_filters, evaluate, top_values
from portal.search.synonyms import expand_query
from portal.search.types import SORT_DATE, Hit, SearchIndex, SearchRequest, SearchResult

CONFIG = "russian"
# Weights for D, C, B, A: number/heading (A) > title and requisites (B) > text (C) > notes (D).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# 1 divides the rank by 1 + log(document length): long units must not win by sheer size.
RANK_NORMALIZATION = 1
# Sentinels unlikely in legal texts: the headline is escaped first, then they become <mark>.
_START, _STOP = "\u27e6", "\u27e7"


def any_words(text: str) -> str:
    """`text` as a websearch query matching any of its words (for questions, not searches)."""
    words = re.findall(r"[\w-]+", text)
    return " or ".join(words)


def build_search_query(
    text: str, config: str = CONFIG, match_all: bool = True
) -> SearchQuery | None:
    """`websearch` query for `text` OR-ed with every synonym expansion; None for empty text.

    `match_all=False` matches any word, for natural-language questions ranked by coverage.
    """
    if not text:
        return None
    variants = [text, *expand_query(text)]
    if not match_all:
        variants = [any_words(v) for v in variants if any_words(v)]
        if not variants:
            return None
    queries = [SearchQuery(v, search_type="websearch", config=config) for v in variants]
    return reduce(or_, queries)


def rank(vector_field: str, query: SearchQuery) -> SearchRank:
    return SearchRank(
        F(vector_field), query, weights=RANK_WEIGHTS, normalization=Value(RANK_NORMALIZATION)
    )


def boosted(score, boosts, index: SearchIndex):
    """Multiply `score` by each boost factor whose condition holds."""
    for boost in boosts:
        path = index.facets.get(boost.field, boost.field)
        factor = Case(
            When(**{path: boost.value}, then=Value(boost.factor)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        score = score * factor
    return score


def headline(field: str, query: SearchQuery, config: str = CONFIG) -> SearchHeadline:
    return SearchHeadline(
        field,
        query,
        config=config,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=40,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def safe_headline(raw: str | None):
    """Escape a `ts_headline` result and turn its sentinels into <mark> tags."""
    escaped = escape(raw or "")
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def headlines(queryset, pks, field, query) -> dict:
    """Snippets for the shown page only: one query, however many rows matched."""
    if not pks or query is None:
        return {}
    rows = (
        queryset.model._base_manager.filter(pk__in=pks)
        .annotate(_headline=headline(field, query))
        .values_list("pk", "_headline")
    )
    return {pk: safe_headline(raw) for pk, raw in rows}


class PostgresBackend:
    """Exact up to `MAX_COUNTED` matches; above that see `portal.search.facets`."""

    name = "postgres"

    def text_filter(self, index: SearchIndex, queryset, text: str):
        query = build_search_query(text)
        matched = queryset.filter(**{index.vector_field: query})
        return matched.alias(relevance=rank(index.vector_field, query))

    def search(self, index: SearchIndex, request: SearchRequest) -> SearchResult:
        base = index.model_queryset()
        query = build_search_query(request.text)
        matched = base.filter(**{index.vector_field: query}) if query is not None else base
        score = rank(index.vector_field, query) if query is not None else Value(0.0)
        result = self._evaluate(matched, score, index, request)
        if query is not None and index.trigram_field and self._nothing(result, matched, request):
            similar = base.filter(**{f"{index.trigram_field}__trigram_word_similar": request.text})
            score = TrigramWordSimilarity(request.text, index.trigram_field)
            result = self._evaluate(similar, score, index, request)
            result.fuzzy = True
        snippets = headlines(base, result.pks, index.headline_field, query)
        for hit in result.hits:
            hit.highlight = snippets.get(hit.pk, "")
        return result

    @staticmethod
    def _nothing(result, matched, request):
        """No row matched the text itself (typos), not merely none left by the filters."""
        return result.total == 0 and (not request.filters or not matched.exists())

    def _evaluate(self, matched, score, index, request) -> SearchResult:
        """The page, the total and the facets: one statement, plus one per chosen facet."""
        filtered = apply_filters(matched, index, request.filters)
        by_date = index.date_field if request.sort == SORT_DATE else ""
        window = ((request.page - 1) * request.per_page, request.per_page)
        score = boosted(score, request.boosts, index)
        shared = [key for key in index.facets if key not in request.filters]
        counted = evaluate(filtered, index, shared, score, by_date, window)
        facets = dict(counted.facets)
        for key in index.facets:
            if key in request.filters:
                others = apply_filters(matched, index, request.filters, skip=key)
                facets[key] = evaluate(others, index, [key]).facets[key]
        page = counted.page
        if counted.capped and by_date:
            # Newest first must be exact: the date index finds the newest matches directly.
            page = self._newest(filtered, score, by_date, window)
        return SearchResult(
            hits=[Hit(pk, value) for pk, value in page],
            total=counted.total,
            facets={
                key: top_values(facets[key], request.filters.get(key, [])) for key in index.facets
            },
            total_is_lower_bound=counted.capped,
        )

    @staticmethod
    def _newest(queryset, score, date_field, window):
        ordered = queryset.annotate(_score=score).order_by(
            F(date_field).desc(nulls_last=True), F("_score").desc(), "pk"
        )
        start, size = window
        rows = ordered.values_list("pk", "_score")[start : start + size]
        return [(pk, float(value or 0)) for pk, value in rows]
