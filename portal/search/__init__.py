"""The portal's one search path. See docs/search.md.

Views call `search(index, request)`; the backend (PostgreSQL full-text or Elasticsearch) is
chosen here from `settings.ELASTICSEARCH_URL`, never in views.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal.search.normalize import MAX_QUERY_LENGTH, fold_yo, normalize_query
from portal.search.postgres import (
    PostgresBackend,
    build_search_query,
    headline,
    headlines,
    rank,
    safe_headline,
)
from portal.search.syncing import register_index, sync_rows
from portal.search.synonyms import expand_query, invalidate_synonyms, synonym_table
from portal.search.types import (
    SORT_DATE,
    SORT_RELEVANCE,
    Boost,
    FacetValue,
    Hit,
    SearchIndex,
    SearchRequest,
    SearchResult,
)

DEFAULT_CACHE_SECONDS = 300

__all__ = [
    "DEFAULT_CACHE_SECONDS",
    "MAX_QUERY_LENGTH",
    "SORT_DATE",
    "SORT_RELEVANCE",
    "Boost",
    "FacetValue",
    "Hit",
    "SearchIndex",
    "SearchRequest",
    "SearchResult",
    "build_search_query",
    "expand_query",
    "fold_yo",
    "get_backend",
    "headline",
    "headlines",
    "invalidate_synonyms",
    "normalize_query",
    "rank",
    "register_index",
    "safe_headline",
    "search",
    "sync_rows",
    "synonym_table",
    "text_filter",
]


def get_backend():
    if settings.ELASTICSEARCH_URL:
        from portal.search.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return PostgresBackend()


def _cache_key(index: SearchIndex, request: SearchRequest) -> str:
    filters = sorted((key, sorted(map(str, values))) for key, values in request.filters.items())
    parts = (index.name, request.text, filters, request.sort, request.page, request.per_page,
             [(b.field, str(b.value), b.factor) for b in request.boosts])  # fmt: skip
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"portal.search.{index.name}.{digest}"


def cache_seconds() -> int:
    return getattr(settings, "SEARCH_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)


def text_filter(index: SearchIndex, queryset, text: str):
    """Text as one filter among others: the rows of `queryset` matching `text` (every word, or
    a synonym wording) with a `relevance` alias to order by, on the configured backend;
    `queryset` itself for an empty text.

    `search()` answers with one page of hits; a filter list (the navigator's list, its alerts,
    export and API) needs a QuerySet it can narrow further, count and page itself.
    """
    text = normalize_query(text)
    return get_backend().text_filter(index, queryset, text) if text else queryset


def search(index: SearchIndex, request: SearchRequest) -> SearchResult:
    """Run `request` against `index` on the configured backend.

    Results are cached for `SEARCH_CACHE_SECONDS` (0 turns the cache off): popular queries
    over a large base cost one cache read instead of a full-text scan and the facet counts.
    """
    request.text = normalize_query(request.text)
    seconds = cache_seconds()
    key = _cache_key(index, request)
    result = cache.get(key) if seconds else None
    if result is None:
        result = get_backend().search(index, request)
        if seconds:
            cache.set(key, result, seconds)
    return result
