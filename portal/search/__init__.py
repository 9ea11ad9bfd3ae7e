"""The portal's one search path. See docs/search.md.

Views call `search(index, request)`; the backend (PostgreSQL full-text or Elasticsearch) is
chosen here from `settings.ELASTICSEARCH_URL`, never in views.
"""

from django.conf import settings

from portal.search.normalize import MAX_QUERY_LENGTH, fold_yo, normalize_query
from portal.search.postgres import (
    PostgresBackend,
    build_search_query,
    headline,
    headlines,
    rank,
    safe_headline,
)
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

__all__ = [
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
    "safe_headline",
    "search",
    "synonym_table",
]


def get_backend():
    if settings.ELASTICSEARCH_URL:
        from portal.search.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return PostgresBackend()


def search(index: SearchIndex, request: SearchRequest) -> SearchResult:
    """Run `request` against `index` on the configured backend."""
    request.text = normalize_query(request.text)
    return get_backend().search(index, request)
