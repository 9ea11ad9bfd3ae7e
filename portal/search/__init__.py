"""The portal's one search path. See docs/search.md.

Views call `search(index, request)`; the backend (PostgreSQL full-text or Elasticsearch) is
chosen here from `settings.ELASTICSEARCH_URL`, never in views.
"""

import re

from django.conf import settings

from portal.search.normalize import MAX_QUERY_LENGTH, fold_yo, normalize_query
from portal.search.phrasing import PhrasedRequest, QueryPlan, WordGroup, plan_words
from portal.search.postgres import (
    PostgresBackend,
    any_wording,
    build_search_query,
    group_query,
    groups_needed,
    headline,
    headlines,
    part_query,
    plan_query,
    query_texts,
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
# What websearch_to_tsquery reads as operators: quotes, «or» between words, a leading minus.
_WEB_SEARCH_SYNTAX = re.compile(r'"|(?:^|\s)-|(?:^|\s)or(?:\s|$)', re.IGNORECASE)

__all__ = [
    "DEFAULT_CACHE_SECONDS",
    "MAX_QUERY_LENGTH",
    "SORT_DATE",
    "SORT_RELEVANCE",
    "Boost",
    "FacetValue",
    "Hit",
    "PhrasedRequest",
    "QueryPlan",
    "WordGroup",
    "SearchIndex",
    "SearchRequest",
    "SearchResult",
    "any_wording",
    "build_search_query",
    "expand_query",
    "fold_yo",
    "get_backend",
    "group_query",
    "groups_needed",
    "headline",
    "headlines",
    "query_texts",
    "invalidate_synonyms",
    "normalize_query",
    "part_filter",
    "part_query",
    "plan_query",
    "plan_words",
    "rank",
    "register_index",
    "safe_headline",
    "search",
    "sync_rows",
    "synonym_table",
    "text_filter",
    "word_matches",
    "wordings",
]


def get_backend():
    if settings.ELASTICSEARCH_URL:
        # Only with a cluster configured: elasticsearch-dsl is loaded then.
        from portal.search.elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return PostgresBackend()


def cache_seconds() -> int:
    """How long callers keep search results (`SEARCH_CACHE_SECONDS`; 0 turns caching off)."""
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


def part_filter(index: SearchIndex, queryset, plan: QueryPlan, context: str = "", needed: int = 1):
    """The rows of `queryset` holding at least `needed` word groups of `plan`, with a
    `relevance` alias (groups found first, then the rarer by the plan's weights): the partial
    match, asked when every word found nothing (`PostgresBackend.part_filter`)."""
    return get_backend().part_filter(index, queryset, plan, context, needed)


def matching_ids(index: SearchIndex, text: str):
    """The ids of the rows of `index` matching `text` (every word, or a synonym wording), in
    no order; a list with a column snapshot to narrow (`portal.column_index`) asks this."""
    text = normalize_query(text)
    if not text:
        return []
    return get_backend().matching_ids(index, text)


def wordings(text: str, texts: list[str] | None = None) -> list[list[str]] | None:
    """`text` as the wordings a row may match, each a list of words the row must all contain:
    the text itself and each synonym wording (`query_texts`, or `texts` when the caller has
    them already), which is what `matching_ids` matches. None when the backend matches no
    single words, or when the text uses web search syntax (a «"quoted phrase"», «or», «-word»):
    only the whole text can be matched then."""
    text = normalize_query(text)
    if not text or not hasattr(get_backend(), "word_matches"):
        return None
    variants = texts if texts is not None else query_texts(text)
    if any(_WEB_SEARCH_SYNTAX.search(variant) for variant in variants):
        return None
    return [list(dict.fromkeys(variant.lower().split())) for variant in variants]


def word_matches(index: SearchIndex, words: list[str], scored: bool = False) -> dict:
    """{word: (ids, scores or None)} of the rows of `index` containing each word; None for a
    stop word. Asked only for the words of `wordings()`."""
    return get_backend().word_matches(index, words, scored)


def search(index: SearchIndex, request: SearchRequest) -> SearchResult:
    """Run `request` against `index` on the configured backend.

    Not cached here: each caller caches the page it builds from the result once (the legal
    search page, the site-wide search groups), so one request is never cached twice.
    """
    request.text = normalize_query(request.text)
    return get_backend().search(index, request)
