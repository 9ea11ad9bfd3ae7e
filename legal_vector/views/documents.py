import datetime
import random
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from legal_vector import reading
from legal_vector.changes import change_history
from legal_vector.comparison import compare_editions
from legal_vector.models import Document, QAItem, Reference
from legal_vector.models.bookmarks import user_pins
from legal_vector.reading import (
    ALL_PARTS,
    OUTLINE_CACHE_SECONDS,
    TOC_KINDS,
    Outline,
    contents,
    outline_cache_key,
    outline_of,
)
from portal import caching
from portal.municipalities.caching import with_cached_territory
from portal.registry import render_related

BACKLINKS_LIMIT = 50
RELATED_QA_LIMIT = 10
TEXT_CACHE_SECONDS = 24 * 60 * 60
SURROUNDINGS_CACHE_SECONDS = 5 * 60
VIEW_SAMPLE_RATE = 0.1
PAGE_CACHE_NAME = "legal:document-page"


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


def _text_units(edition):
    # The search vector is bigger than the text and never shown.
    return edition.units_in_order().defer("search_vector")


def _units_with_references(edition, part, units=None):
    """The units of a part (None: of the whole edition), each with its found references;
    `units`, when given, are the edition's units already read."""
    if units is None:
        units = list(_text_units(edition).filter(**(part.lookups() if part else {})))
    references = {}
    rows = Reference.objects.filter(
        source_unit__edition=edition, **(part.lookups("source_unit__") if part else {})
    ).only("source_unit_id", "start", "end", "target_document_id", "target_key", "text")
    for reference in rows:
        references.setdefault(reference.source_unit_id, []).append(reference)
    for unit in units:
        unit.found_references = references.get(unit.pk, [])
    return units


def _render_fragments(document, edition, outline, part, as_of_query, url_query, units=None):
    units = _units_with_references(edition, part, units)
    toc = contents(outline) if part else [u for u in units if u.kind in TOC_KINDS]
    text_context = {"document": document, "units": units, "url_query": url_query}
    fragments = {
        "text": render_to_string("legal_vector/includes/edition_text.html", text_context),
        "toc": render_to_string(
            "legal_vector/includes/toc.html",
            {"toc": toc, "part": part, "as_of_query": as_of_query},
        ),
        "parts_top": "",
        "parts_bottom": "",
    }
    if outline.is_split:
        previous, following = outline.neighbours(part) if part else (None, None)
        navigation = {
            "document": document,
            "outline": outline,
            "part": part,
            "part_number": outline.parts.index(part) + 1 if part else None,
            "previous_part": previous,
            "next_part": following,
            "as_of_query": as_of_query,
        }
        for name, place in (("parts_top", "вверху"), ("parts_bottom", "внизу")):
            fragments[name] = render_to_string(
                "legal_vector/includes/part_nav.html", {**navigation, "place": place}
            )
    return fragments


def _edition_fragments(document, edition, outline, part, as_of_query, units=None):
    """The rendered text of a part (None: all of it), the contents and the navigation between
    parts, cached per edition: they never change once imported.

    `as_of_query` («as_of=…») is kept in the links of the units, the contents and the parts.
    """
    if edition is None:
        return dict.fromkeys(("text", "toc", "parts_top", "parts_bottom"), "")
    # «Ссылка и цитата» on the one-page view of a split document stays on that view.
    url_query = as_of_query
    if part is None and outline.is_split:
        url_query = "&".join(filter(None, [as_of_query, f"part={ALL_PARTS}"]))
    shown = part.key if part else ALL_PARTS
    fragments = cache.get_or_set(
        edition.text_cache_key(f"{shown}:{url_query}"),
        lambda: _render_fragments(
            document, edition, outline, part, as_of_query, url_query, units if not part else None
        ),
        TEXT_CACHE_SECONDS,
    )
    # Rendered by our templates, which escape the text.
    return {name: mark_safe(html) for name, html in fragments.items()}


def _part_to_show(outline, requested, selected):
    """The part to show: the selected unit's, else `?part=`, else the first; None for all."""
    if not outline.is_split or requested == ALL_PARTS:
        return None
    part = outline.part_at(selected.position) if selected is not None else None
    return part or outline.part(requested) or outline.parts[0]


def _surroundings(document, edition):
    """Topics, backlinks, related Q&A and the blocks of higher apps (practices relying on the
    document): shared by all readers, cached for a few minutes."""

    def load():
        return {
            "topics": list(document.topics.all()),
            "backlinks": list(Reference.objects.backlinks_to(document)[:BACKLINKS_LIMIT]),
            "related_qa": list(
                QAItem.objects.published()
                .filter(citations__document=document)
                .distinct()[:RELATED_QA_LIMIT]
            ),
            "related_content": render_related(document),
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
        Document.objects.filter(pk=document.pk).add_views(step)


def _selected_unit(document, edition, key):
    if not key or edition is None:
        return None
    unit = edition.units.filter(stable_key=key).first()
    if unit is not None:
        unit.document = document
    return unit


def _outline_and_units(edition):
    """The edition's outline and, when it had to be worked out for a small edition, its units.

    One query reads the units for the outline and, when the edition is small enough to be read
    on one page, for its text too.
    """
    if edition is None:
        return Outline(), None
    key = outline_cache_key(edition)
    outline = cache.get(key)
    if outline is not None:
        return outline, None
    units = list(_text_units(edition))
    outline = reading.build_outline(edition, units)
    cache.set(key, outline, OUTLINE_CACHE_SECONDS)
    return outline, None if outline.is_split else units


def _reading(document, edition, request, selected, as_of):
    """The text column's fragments: one part of a large edition, or all of a small one."""
    outline, units = _outline_and_units(edition)
    part = _part_to_show(outline, request.GET.get("part", ""), selected)
    as_of_query = f"as_of={as_of.isoformat()}" if as_of else ""
    fragments = _edition_fragments(document, edition, outline, part, as_of_query, units)
    return {"as_of_query": as_of_query, **{f"{name}_html": h for name, h in fragments.items()}}


@require_GET
def document_detail(request, pk):
    """Public: a document with its requisites, editions, contents, text and backlinks.

    A large edition is shown one part at a time (`?part=<key>`, `?part=all` for the whole).
    Signed-in users also see their bookmarks and subscriptions for it.
    """
    document = get_object_or_404(Document.objects.defer("search_vector"), pk=pk)
    # Visitors without a session all see the same page: served as stored HTML. Any save of the
    # document (an import touches `updated_at`) makes a new key; backlinks, Q&A and the blocks
    # of other apps may lag as long as the surroundings do.
    shared_key = caching.shared_page_key(
        request, PAGE_CACHE_NAME, document.pk, document.updated_at.timestamp()
    )
    if (cached := caching.cached_shared_page(shared_key)) is not None:
        _count_view(document)
        return cached
    document = with_cached_territory(document)
    editions = _editions(document)
    as_of = _as_of(request)
    edition = _edition_for(editions, as_of)
    _count_view(document)
    selected = _selected_unit(document, edition, request.GET.get("unit", ""))
    context = {
        "document": document,
        "editions": editions,
        "edition": edition,
        "as_of": as_of,
        **_reading(document, edition, request, selected, as_of),
        **_surroundings(document, edition),
        "selected": selected,
    }
    # `bookmark_folders`: the choices of BookmarkForm's folder field, written out in the template.
    context["bookmarked_keys"], context["watched_keys"], context["bookmark_folders"] = user_pins(
        request.user, document
    )
    response = render(request, "legal_vector/document.html", context)
    return caching.store_shared_page(request, shared_key, response, SURROUNDINGS_CACHE_SECONDS)


def _part_key_of(edition, key):
    """The part that shows the unit `key`: "" when the edition is read on one page."""
    outline = outline_of(edition)
    if not outline.is_split:
        return ""
    position = edition.units.filter(stable_key=key).values_list("position", flat=True).first()
    part = outline.part_at(position) if position is not None else None
    return part.key if part else ""


@require_GET
def unit_permalink(request, pk, key):
    """Public: the lasting address of a unit; redirects to the page (and part) that shows it.

    `?as_of=` is kept. A key the edition lacks leads to the document's first page.
    """
    document = get_object_or_404(Document.objects.only("pk", "updated_at"), pk=pk)
    as_of = _as_of(request)
    edition = _edition_for(_editions(document), as_of)
    params = {
        "part": _part_key_of(edition, key) if edition is not None else "",
        "as_of": as_of.isoformat() if as_of else "",
    }
    query = urlencode({name: value for name, value in params.items() if value})
    url = f"{document.get_absolute_url()}?{query}" if query else document.get_absolute_url()
    return redirect(f"{url}#{quote(key, safe='/.')}")


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


@require_GET
def document_changes(request, pk):
    """Public: «что менялось» — the amending acts of the current edition and what each changed."""
    document = get_object_or_404(Document.objects.defer("search_vector"), pk=pk)
    edition = document.editions.current().first()
    acts = change_history(edition) if edition else []
    context = {"document": document, "edition": edition, "acts": acts}
    return render(request, "legal_vector/document_changes.html", context)
