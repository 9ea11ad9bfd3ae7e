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

from portal.search.facets import apply_filters, facet_counts
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
    name = "postgres"

    def search(self, index: SearchIndex, request: SearchRequest) -> SearchResult:
        base = index.model_queryset()
        query = build_search_query(request.text)
        matched = base.filter(**{index.vector_field: query}) if query is not None else base
        fuzzy = False
        if query is not None and index.trigram_field and not matched.exists():
            matched = base.filter(**{f"{index.trigram_field}__trigram_word_similar": request.text})
            fuzzy = True
        facets, total = facet_counts(matched, index, request)
        filtered = apply_filters(matched, index, request.filters)
        ordered = self._ordered(filtered, index, request, query, fuzzy)
        start = (request.page - 1) * request.per_page
        rows = list(ordered.values_list("pk", "_score")[start : start + request.per_page])
        snippets = headlines(base, [pk for pk, _ in rows], index.headline_field, query)
        hits = [Hit(pk, float(score or 0), snippets.get(pk, "")) for pk, score in rows]
        return SearchResult(hits=hits, total=total, facets=facets, fuzzy=fuzzy)

    def _ordered(self, queryset, index, request, query, fuzzy):
        if fuzzy:
            score = TrigramWordSimilarity(request.text, index.trigram_field)
        elif query is not None:
            score = rank(index.vector_field, query)
        else:
            score = Value(0.0)
        queryset = queryset.annotate(_score=boosted(score, request.boosts, index))
        if request.sort == SORT_DATE and index.date_field:
            return queryset.order_by(F(index.date_field).desc(nulls_last=True), "-_score", "pk")
        return queryset.order_by("-_score", "pk")
