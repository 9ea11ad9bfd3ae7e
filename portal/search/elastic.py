"""Elasticsearch: index naming, the Russian analyser, the query builder and the sync of rows.

Used only when `settings.ELASTICSEARCH_URL` is set. Each app declares its index document in its
own `documents.py` (an elasticsearch-dsl `Document` with `from_instance(obj)`), built from the
helpers here, and registers it with `register_document()` so saves and deletes reach the index.
"""

import hashlib
from itertools import chain

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, FloatField, QuerySet, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import mark_safe
from elasticsearch_dsl import (
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    connections,
    token_filter,
)

from portal.search.synonyms import expand_query
from portal.search.types import SORT_DATE, FacetValue, Hit, SearchIndex, SearchRequest, SearchResult

DEFAULT_PREFIX = "municipalitety"
FACET_SIZE = 30
SNIPPET_FIELD_SIZE = 200

# The built-in `russian` analyser plus ё→е folding, the same folding PostgreSQL gets from
# `normalize_query` (queries) and the legal app's search vectors (texts).
yo_folding = char_filter("yo_folding", type="mapping", mappings=["ё => е", "Ё => Е"])
russian_stop = token_filter("russian_stop", type="stop", stopwords="_russian_")
russian_stemmer = token_filter("russian_stemmer", type="stemmer", language="russian")
RUSSIAN = analyzer(
    "portal_russian",
    tokenizer="standard",
    char_filter=[yo_folding],
    filter=["lowercase", russian_stop, russian_stemmer],
)
INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def index_name(name: str) -> str:
    """The physical index for a logical `name`; the prefix separates sites sharing a cluster."""
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", None) or DEFAULT_PREFIX
    return f"{prefix}-{name}"


def russian_text(**kwargs) -> Text:
    """A text field analysed as Russian, with an exact `raw` sub-field for sorting."""
    return Text(analyzer=RUSSIAN, fields={"raw": Keyword(ignore_above=256)}, **kwargs)


def client():
    """The shared connection, created on first use."""
    try:
        return connections.get_connection()
    except KeyError:
        return connections.create_connection(hosts=[settings.ELASTICSEARCH_URL], timeout=10)


def _text_query(index: SearchIndex, text: str):
    variants = [text, *expand_query(text)]
    exact = [Q("multi_match", query=v, fields=list(index.text_fields)) for v in variants]
    # Typos: a fuzzy match with a small weight only surfaces when nothing matches exactly.
    fields = list(index.text_fields)
    fuzzy = Q("multi_match", query=text, fields=fields, fuzziness="AUTO", boost=0.1)
    return Q("bool", should=[*exact, fuzzy], minimum_should_match=1)


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
    query = _text_query(index, request.text) if request.text else Q("match_all")
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
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
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
    (`cross_fields`); each synonym wording is an alternative. No typo clause: a filter list
    shows what matches, as the PostgreSQL path does.
    """
    variants = [text, *expand_query(text)]
    fields = list(index.text_fields)
    should = [
        Q("multi_match", query=variant, fields=fields, type="cross_fields", operator="and")
        for variant in variants
    ]
    search = Search(index=index_name(index.name)).query(
        Q("bool", should=should, minimum_should_match=1)
    )
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
    name = "elasticsearch"

    def text_filter(self, index: SearchIndex, queryset, text: str):
        scores = elastic_matches(index, text)
        relevance = Case(
            *(When(pk=pk, then=Value(score)) for pk, score in scores),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return queryset.filter(pk__in=[pk for pk, _ in scores]).alias(relevance=relevance)

    def search(self, index: SearchIndex, request: SearchRequest) -> SearchResult:
        return parse_response(build_search(index, request).using(client()).execute(), request)


def register_document(model, document_class) -> None:
    """Keep `document_class`'s index in step with `model` rows after each commit, and let
    `manage.py search_index --rebuild` refill it from all of them."""
    register_rebuild(document_class, model._default_manager.all)

    def saved(sender, instance, **kwargs):
        if settings.ELASTICSEARCH_URL:
            doc = document_class.from_instance(instance)
            transaction.on_commit(lambda: doc.save(using=client()))

    def deleted(sender, instance, **kwargs):
        if settings.ELASTICSEARCH_URL:
            pk = instance.pk
            transaction.on_commit(
                lambda: (
                    client()
                    .options(ignore_status=404)
                    .delete(index=document_class._index._name, id=pk)
                )
            )

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"es-save-{model._meta}")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"es-del-{model._meta}")


# -- Bulk indexing and rebuilding -----------------------------------------------------------

BULK_CHUNK = 500
_REBUILDABLE: dict[str, tuple] = {}


def register_rebuild(document_class, rows) -> None:
    """Let `manage.py search_index --rebuild` refill `document_class`'s index: `rows()` returns
    every row the index should hold, ready for `from_instance` (related rows selected)."""
    _REBUILDABLE[document_class._index._name] = (document_class, rows)


def rebuildable() -> dict[str, tuple]:
    """Index name → (document class, rows) of every registered index."""
    return dict(_REBUILDABLE)


def bulk_update(document_class, rows=(), removed=()) -> int:
    """Index `rows` as `document_class` documents and remove the ids `removed`, in requests of
    `BULK_CHUNK` actions; returns how many actions succeeded."""
    if isinstance(rows, QuerySet):
        rows = rows.iterator(chunk_size=BULK_CHUNK)
    documents = (document_class.from_instance(row) for row in rows)
    deletions = ({"_op_type": "delete", "_id": pk} for pk in removed)
    # An id that was never indexed answers 404: there is nothing to remove, not an error.
    done, _ = document_class.bulk(
        chain(documents, deletions), using=client(), chunk_size=BULK_CHUNK, ignore_status=404
    )
    return done


def rebuild(document_class, rows) -> int:
    """Drop `document_class`'s index, create it with the current mapping and refill it."""
    document_class._index.delete(using=client(), ignore_unavailable=True)
    document_class.init(using=client())
    return bulk_update(document_class, rows=rows())
