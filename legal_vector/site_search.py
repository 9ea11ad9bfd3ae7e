"""«Правовой вектор» on the site-wide search page (/search/): documents by their requisites
and units of current editions, citation jumps, typo corrections, title suggestions and the
query log. Everything here is public: current editions only, never consultations."""

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.http import urlencode

from legal_vector.models import Document, DocumentKind, DocumentStatus
from legal_vector.models.units import unit_url
from legal_vector.search import requisites, vocabulary, weighting
from legal_vector.search.indexes import UNIT_INDEX
from legal_vector.search.parsing import CONTEXT_VECTOR
from portal.registry import (
    SearchItem,
    SearchJump,
    SearchProvider,
    SearchResults,
    register_search_provider,
)
from portal.search import (
    build_search_query,
    normalize_query,
    rank,
    safe_headline,
)
from portal.site_search import prefix_query, ranked_matches

# Documents whose title or number matches go first on page 1; the rest are units.
TITLED_SHOWN = 2
KINDS = dict(DocumentKind.choices)


def _unit_item(row) -> SearchItem:
    label = row["short_label"]
    return SearchItem(
        title=f"{label} {row['document__title']}".strip(),
        url=unit_url(row["document_id"], row["stable_key"]),
        snippet=safe_headline(row["_headline"]),
        kind=KINDS.get(row["document_kind"], ""),
    )


def _document_item(document) -> SearchItem:
    return SearchItem(
        title=document.title,
        url=document.get_absolute_url(),
        snippet=document.requisites(),
        kind=document.get_kind_display(),
    )


def _in_force_first():
    return Case(
        When(status=DocumentStatus.IN_FORCE, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _titled(text):
    """The documents whose title, number or issuing body hold every word: a few rows of the
    documents table, in force and best matching first (the legal search page lists more)."""
    query = build_search_query(text)
    documents = (
        Document.objects.filter(search_vector=query)
        .annotate(_in_force=_in_force_first(), _rank=rank("search_vector", query))
        .order_by("-_in_force", "-_rank", "-adopted_on", "pk")
    )
    return list(documents.only("pk", "title", "kind", "number", "adopted_on")[:TITLED_SHOWN])


def _units(text, offset, limit, partial=False):
    """A page of units ranked among the first `COUNT_CAP` matches, and their bounded total.

    Ranking every match of a broad query reads tens of thousands of rows; the capped
    candidates keep a first-time query cheap (the legal search page ranks them all). The
    partial match weighs the words as the legal search does: rarer words first, related
    words of the base for words it hardly uses, the article above a part as its context.
    """
    rows, total = ranked_matches(
        UNIT_INDEX,
        None,  # every current unit: the search postings may answer
        text,
        offset,
        limit,
        snippet="text",
        fields=(
            "pk",
            "document_id",
            "stable_key",
            "short_label",
            "document_kind",
            "document__title",
        ),
        partial=partial,
        weigh=weighting.weighed,
        context=CONTEXT_VECTOR,
    )
    return [_unit_item(row) for row in rows], total


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    if build_search_query(text) is None:
        return SearchResults([], 0)
    documents = [_document_item(d) for d in _titled(text)]
    shown = documents[offset : offset + limit]
    unit_offset = max(0, offset - len(documents))
    units, unit_total = _units(text, unit_offset, max(1, limit - len(shown)))
    items = (shown + units)[:limit]
    total = unit_total + len(documents)
    if getattr(unit_total, "is_lower_bound", False):
        total = type(unit_total)(total)
    return SearchResults(items, total)


def search_part(query, limit, offset=0) -> SearchResults:
    """Units holding part of the query's meaningful words (no document matched every word of
    its requisites, or the site-wide search would not ask)."""
    units, total = _units(normalize_query(query), offset, limit, partial=True)
    return SearchResults(units, total)


def jump(query):
    """The document or unit a citation in `query` names; `exact` when nothing else is typed."""
    citation, document, unit = requisites.resolve(query)
    if document is None:
        return None
    note = ""
    if unit is None and citation.units:
        note = f"Норма «{citation.unit_label()}» в документе не найдена, ссылка ведёт на документ."
    title = f"{unit.short_label} {document.title}".strip() if unit else document.title
    return SearchJump(
        title=title,
        url=(unit or document).get_absolute_url(),
        kind=document.get_kind_display(),
        exact=citation.is_pure and not note,
        note=note,
    )


def suggest(query, limit):
    """Document titles (and numbers) starting with what was typed, acts in force first."""
    prefix = prefix_query(query)
    if prefix is None:
        return []
    documents = (
        Document.objects.filter(search_vector=prefix)
        .annotate(_in_force=_in_force_first(), _rank=rank("search_vector", prefix))
        .order_by("-_in_force", "-_rank", "-adopted_on", "pk")
        .only("pk", "title", "kind")[:limit]
    )
    return [
        SearchItem(title=d.title, url=d.get_absolute_url(), kind=d.get_kind_display())
        for d in documents
    ]


def more_url(query):
    return f"{reverse('legal_vector:search')}?{urlencode({'q': query})}"


def register():
    register_search_provider(
        SearchProvider(
            key="legal",
            title="Правовой вектор",
            tab="Правовой вектор",
            search=search,
            search_part=search_part,
            order=10,
            more_url=more_url,
            suggest=suggest,
            jump=jump,
            correct=vocabulary.corrected,
        )
    )
