import datetime
import random

from django.contrib import messages
from django.core.cache import cache
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from legal_vector.comparison import compare_editions
from legal_vector.forms import BookmarkForm
from legal_vector.models import Document, QAItem, Reference, UnitKind
from legal_vector.models.bookmarks import pinned_keys

TOC_KINDS = {UnitKind.SECTION, UnitKind.CHAPTER, UnitKind.ARTICLE}
BACKLINKS_LIMIT = 50
RELATED_QA_LIMIT = 10
TEXT_CACHE_SECONDS = 24 * 60 * 60
SURROUNDINGS_CACHE_SECONDS = 5 * 60
VIEW_SAMPLE_RATE = 0.1


def _as_of(request):
    """The date from `?as_of=YYYY-MM-DD`, or None (with a message when it is malformed)."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        messages.error(request, "Дата редакции указана неверно: нужен формат ГГГГ-ММ-ДД.")
        return None


def _edition_for(editions, as_of):
    """The edition in force on `as_of`, or the current one; editions are newest first."""
    if as_of is None:
        return next((e for e in editions if e.is_current), editions[0] if editions else None)
    return next((e for e in editions if e.valid_from <= as_of), None)


def _units_with_references(edition):
    units = list(edition.units_in_order())
    references = {}
    rows = Reference.objects.filter(source_unit__edition=edition).only(
        "source_unit_id", "start", "end", "target_document_id", "target_key", "text"
    )
    for reference in rows:
        references.setdefault(reference.source_unit_id, []).append(reference)
    for unit in units:
        unit.found_references = references.get(unit.pk, [])
    return units


def _edition_fragments(document, edition, url_query=""):
    """The rendered text and contents of an edition, cached: they never change once imported.

    `url_query` («as_of=…») is kept in the units' «Ссылка и цитата» links.
    """
    if edition is None:
        return {"text": "", "toc": ""}

    def render():
        units = _units_with_references(edition)
        context = {"document": document, "units": units, "url_query": url_query}
        return {
            "text": render_to_string("legal_vector/includes/edition_text.html", context),
            "toc": render_to_string(
                "legal_vector/includes/toc.html",
                {"toc": [unit for unit in units if unit.kind in TOC_KINDS]},
            ),
        }

    fragments = cache.get_or_set(edition.text_cache_key(url_query), render, TEXT_CACHE_SECONDS)
    # Rendered by our templates, which escape the text.
    return {name: mark_safe(html) for name, html in fragments.items()}


def _surroundings(document, edition):
    """Topics, backlinks and related Q&A: shared by all readers, cached for a few minutes."""

    def load():
        return {
            "topics": list(document.topics.all()),
            "backlinks": list(Reference.objects.backlinks_to(document)[:BACKLINKS_LIMIT]),
            "related_qa": list(
                QAItem.objects.published()
                .filter(citations__document=document)
                .distinct()[:RELATED_QA_LIMIT]
            ),
        }

    key = f"legal:surroundings:{document.pk}:{getattr(edition, 'pk', 0)}"
    return cache.get_or_set(key, load, SURROUNDINGS_CACHE_SECONDS)


def _editions(document):
    """The document's editions, newest first; every import touches `updated_at`."""
    key = f"legal:editions:{document.pk}:{document.updated_at.timestamp()}"
    return cache.get_or_set(key, lambda: list(document.editions.all()), SURROUNDINGS_CACHE_SECONDS)


def _count_view(document):
    """Count roughly one view in ten, ten at a time: popularity needs no exact figure, and a
    write on every page view would serialise concurrent readers on the document's row."""
    if random.random() < VIEW_SAMPLE_RATE:
        step = round(1 / VIEW_SAMPLE_RATE)
        Document.objects.filter(pk=document.pk).update(view_count=F("view_count") + step)


def _selected_unit(document, edition, key):
    if not key or edition is None:
        return None
    unit = edition.units.filter(stable_key=key).first()
    if unit is not None:
        unit.document = document
    return unit


@require_GET
def document_detail(request, pk):
    """Public: a document with its requisites, editions, contents, text and backlinks.

    Signed-in users also see their bookmarks and subscriptions for it.
    """
    document = get_object_or_404(Document.objects.select_related("region", "municipality"), pk=pk)
    editions = _editions(document)
    as_of = _as_of(request)
    edition = _edition_for(editions, as_of)
    _count_view(document)
    selected = _selected_unit(document, edition, request.GET.get("unit", ""))
    url_query = f"as_of={as_of.isoformat()}" if as_of else ""
    fragments = _edition_fragments(document, edition, url_query)
    context = {
        "document": document,
        "editions": editions,
        "edition": edition,
        "as_of": as_of,
        "text_html": fragments["text"],
        "toc_html": fragments["toc"],
        **_surroundings(document, edition),
        "selected": selected,
    }
    context["bookmarked_keys"], context["watched_keys"] = pinned_keys(request.user, document)
    if request.user.is_authenticated and request.user.can_publish:
        context["bookmark_form"] = BookmarkForm(
            initial={"document": document.pk}, user=request.user, auto_id="doc-bookmark-%s"
        )
        if selected is not None:
            context["unit_bookmark_form"] = BookmarkForm(
                initial={"document": document.pk, "stable_key": selected.stable_key},
                user=request.user,
                auto_id="unit-bookmark-%s",
            )
    return render(request, "legal_vector/document.html", context)


@require_GET
def edition_diff(request, pk):
    """Public: what changed between two editions of a document, unit by unit."""
    document = get_object_or_404(Document, pk=pk)
    editions = list(document.editions.all())
    if len(editions) < 2:
        raise Http404("У документа одна редакция.")
    by_id = {str(edition.pk): edition for edition in editions}
    newer = by_id.get(request.GET.get("to", ""), editions[0])
    older = by_id.get(request.GET.get("from", ""))
    if older is None:
        older = next((e for e in editions if e.valid_from < newer.valid_from), editions[-1])
    if older.valid_from > newer.valid_from:
        older, newer = newer, older
    context = {
        "document": document,
        "editions": editions,
        "older": older,
        "newer": newer,
        "changes": compare_editions(older, newer) if older != newer else [],
    }
    return render(request, "legal_vector/diff.html", context)
