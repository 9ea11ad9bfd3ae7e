"""Elasticsearch: index naming, the Russian analyser, the query builder and the sync of rows.

Used only when `settings.ELASTICSEARCH_URL` is set. Each app declares its index document in its
own `documents.py` (an elasticsearch-dsl `Document` with `from_instance(obj)`), built from the
helpers here, and registers it with `register_document()` so saves and deletes reach the index.
"""

from django.conf import settings
from django.db import transaction
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


class ElasticsearchBackend:
    name = "elasticsearch"

    def search(self, index: SearchIndex, request: SearchRequest) -> SearchResult:
        return parse_response(build_search(index, request).using(client()).execute(), request)


def register_document(model, document_class) -> None:
    """Keep `document_class`'s index in step with `model` rows after each commit."""

    def saved(sender, instance, **kwargs):
        if settings.ELASTICSEARCH_URL:
            doc = document_class.from_instance(instance)
            transaction.on_commit(lambda: doc.save(using=client()))

    def deleted(sender, instance, **kwargs):
        if settings.ELASTICSEARCH_URL:
            pk = instance.pk
            transaction.on_commit(
                lambda: client().delete(index=document_class._index._name, id=pk, ignore=[404])
            )

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"es-save-{model._meta}")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"es-del-{model._meta}")
