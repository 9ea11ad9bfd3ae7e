"""Elasticsearch: the query builder and the backend (only with `settings.ELASTICSEARCH_URL`).

Each app declares its index document in its own `documents.py` (an elasticsearch-dsl
`Document` with `from_instance(obj)`) with the fields and analysers of `es_analysis`, and
registers its rows with `portal.search.register_index()` (or `register_rebuild()`), so saves
reach the index through Celery (`syncing`, `tasks`) and `manage.py search_index` can rebuild and
check it (`es_indexing`). Synonyms are applied by the search analyser, not by the request.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db.models import Case, FloatField, Value, When
from django.utils.safestring import mark_safe
from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch_dsl import Q, Search

from portal.search.es_analysis import (  # noqa: F401 — the apps' documents import them here
    DEFAULT_PREFIX,
    INDEX_SETTINGS,
    RUSSIAN,
    RUSSIAN_SEARCH,
    index_name,
    russian_text,
)
from portal.search.es_indexing import (  # noqa: F401 — the legal base indexes through these
    BULK_CHUNK,
    bulk_update,
    client,
    rebuild,
    rebuildable,
    register_rebuild,
)
from portal.search.postgres import PostgresBackend
from portal.search.types import SORT_DATE, FacetValue, Hit, SearchIndex, SearchRequest, SearchResult

logger = logging.getLogger(__name__)

FACET_SIZE = 30
SNIPPET_FIELD_SIZE = 200
# A cluster that is down, slow or refusing: the page is answered by PostgreSQL instead.
UNAVAILABLE = (TransportError, ApiError)


def _text_query(index: SearchIndex, request: SearchRequest):
    """Every word in one of the text fields, as PostgreSQL's websearch query; any word, ranked
    by how many match, for a request with `match_all=False` (the legal search's «найдено по
    части слов»)."""
    fields = list(index.text_fields)
    operator = "and" if getattr(request, "match_all", True) else "or"
    exact = Q("multi_match", query=request.text, fields=fields, type="cross_fields",
              operator=operator)  # fmt: skip
    # Typos: a fuzzy match with a small weight only surfaces when nothing matches exactly.
    fuzzy = Q("multi_match", query=request.text, fields=fields, fuzziness="AUTO",
              operator=operator, boost=0.1)  # fmt: skip
    return Q("bool", should=[exact, fuzzy], minimum_should_match=1)


def _filter_clauses(index: SearchIndex, filters: dict, skip: str = ""):
    return [
        Q("terms", **{key: list(values)})
        for key, values in filters.items()
        if key != skip and key in index.facets and values
    ]


def build_search(index: SearchIndex, request: SearchRequest) -> Search:
    """The whole request as one `Search`: query, boosts, facets, filters, sort, page, snippets.

    Facet counts use filter aggregations under the other facets' filters, and the chosen
    filters apply to hits through `post_filter`, as the PostgreSQL backend does.
    """
    search = Search(index=index_name(index.name))
    query = _text_query(index, request) if request.text else Q("match_all")
    functions = [
        {"filter": Q("term", **{boost.field: boost.value}), "weight": boost.factor}
        for boost in request.boosts
    ]
    if functions:
        query = Q("function_score", query=query, functions=functions, score_mode="multiply")
    search = search.query(query)
    for key in index.facets:
        others = _filter_clauses(index, request.filters, skip=key)
        bucket = search.aggs.bucket(key, "filter", Q("bool", filter=others))
        bucket.bucket("values", "terms", field=key, size=FACET_SIZE)
    chosen = _filter_clauses(index, request.filters)
    if chosen:
        search = search.post_filter(Q("bool", filter=chosen))
    if request.sort == SORT_DATE and index.date_field:
        # Every document names its date `date`; unmapped_type keeps an index without one valid.
        newest = {"order": "desc", "missing": "_last", "unmapped_type": "date"}
        search = search.sort({"date": newest}, "_score")
    start = (request.page - 1) * request.per_page
    search = search.extra(from_=start, size=request.per_page, track_total_hits=True)
    return search.highlight(
        index.headline_field, fragment_size=SNIPPET_FIELD_SIZE, number_of_fragments=2
    ).highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])


def parse_response(response, request: SearchRequest) -> SearchResult:
    hits = []
    for hit in response:
        fragments = getattr(getattr(hit.meta, "highlight", None), "to_dict", dict)()
        # encoder=html escaped the text; only our <mark> tags are markup.
        snippet = mark_safe(" … ".join(f for parts in fragments.values() for f in parts))
        hits.append(Hit(int(hit.meta.id), float(hit.meta.score or 0), snippet))
    facets = {}
    for key, agg in response.aggregations.to_dict().items():
        selected = {str(v) for v in request.filters.get(key, [])}
        facets[key] = [
            FacetValue(b["key"], b["doc_count"], str(b["key"]) in selected)
            for b in agg["values"]["buckets"]
        ]
    return SearchResult(hits=hits, total=response.hits.total.value, facets=facets)


# Elasticsearch hands back at most this many best matches to a text filter; a text that
# matches more rows than this is too vague to browse anyway, and the ids travel into SQL as
# `pk IN (...)`.
MAX_ELASTIC_MATCHES = 2000


def matching_search(index: SearchIndex, text: str) -> Search:
    """The request for the best `MAX_ELASTIC_MATCHES` ids and scores of a text filter.

    Like PostgreSQL's `websearch` query, every word must occur, in any of the text fields
    (`cross_fields`, `and`); the search analyser's synonym graph makes each synonym wording
    an alternative. No typo clause: a filter list shows what matches, as PostgreSQL does.
    """
    fields = list(index.text_fields)
    query = Q("multi_match", query=text, fields=fields, type="cross_fields", operator="and")
    search = Search(index=index_name(index.name)).query(query)
    return search.source(False).extra(size=MAX_ELASTIC_MATCHES, track_total_hits=False)


def elastic_matches(index: SearchIndex, text: str) -> list[tuple[int, float]]:
    """(pk, score) of the best matches, best first; cached like `search()` results, since a
    list page filters by the same text several times (the list and each facet count)."""
    from portal.search import cache_seconds  # the package imports this module

    seconds = cache_seconds()
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"portal.search.filter.{index.name}.{digest}"
    matches = cache.get(key) if seconds else None
    if matches is None:
        response = matching_search(index, text).using(client()).execute()
        matches = [(int(hit.meta.id), float(hit.meta.score or 0)) for hit in response]
        if seconds:
            cache.set(key, matches, seconds)
    return matches


class ElasticsearchBackend:
    """Searches the cluster; while it is unreachable, PostgreSQL answers (logged), so a
    search page degrades to the other backend instead of failing."""

    name = "elasticsearch"

    def text_filter(self, index: SearchIndex, queryset, text: str):
        try:
            scores = elastic_matches(index, text)
        except UNAVAILABLE as error:
            logger.error("Elasticsearch unavailable, PostgreSQL filters %s: %s", index.name, error)
            return PostgresBackend().text_filter(index, queryset, text)
        relevance = Case(
            *(When(pk=pk, then=Value(score)) for pk, score in scores),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return queryset.filter(pk__in=[pk for pk, _ in scores]).alias(relevance=relevance)

    def part_filter(self, index: SearchIndex, queryset, plan, context: str = "", needed=1):
        """The partial match runs on the vectors PostgreSQL keeps whatever the backend: its
        score counts the word groups a row holds, which a cluster's any-word query does not."""
        return PostgresBackend().part_filter(index, queryset, plan, context, needed)

    def matching_ids(self, index: SearchIndex, text: str):
        try:
            return [pk for pk, _ in elastic_matches(index, text)]
        except UNAVAILABLE as error:
            logger.error("Elasticsearch unavailable, PostgreSQL matches %s: %s", index.name, error)
            return PostgresBackend().matching_ids(index, text)

    def search(self, index: SearchIndex, request: SearchRequest) -> SearchResult:
        try:
            response = build_search(index, request).using(client()).execute()
        except UNAVAILABLE as error:
            logger.error("Elasticsearch unavailable, PostgreSQL searches %s: %s", index.name, error)
            return PostgresBackend().search(index, request)
        return parse_response(response, request)
