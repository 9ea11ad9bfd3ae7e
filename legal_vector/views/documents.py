import datetime

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
from legal_vector.models import Bookmark, Document, Reference, Subscription, UnitKind

TOC_KINDS = {UnitKind.SECTION, UnitKind.CHAPTER, UnitKind.ARTICLE}
BACKLINKS_LIMIT = 50
TEXT_CACHE_SECONDS = 24 * 60 * 60


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


def _units_with_references(document, edition):
    units = list(edition.units_in_order())
    references = {}
    rows = Reference.objects.filter(source_unit__edition=edition).only(
        "source_unit_id", "start", "end", "target_document_id", "target_key", "text"
    )
    for reference in rows:
        references.setdefault(reference.source_unit_id, []).append(reference)
    for unit in units:
        unit.document = document  # citations read the document: no query per unit
        unit.found_references = references.get(unit.pk, [])
    return units


def edition_text_html(document, edition, url_query=""):
    """The rendered text of an edition, cached: an edition's text never changes once imported.

    `url_query` («as_of=…») is kept in the units' «Ссылка и цитата» links.
    """

    def render():
        units = _units_with_references(document, edition)
        context = {"document": document, "units": units, "url_query": url_query}
        return render_to_string("legal_vector/includes/edition_text.html", context)

    html = cache.get_or_set(edition.text_cache_key(url_query), render, TEXT_CACHE_SECONDS)
    return mark_safe(html)  # rendered by our template, which escapes the text


def _table_of_contents(edition):
    if edition is None:
        return []
    return list(edition.units.filter(kind__in=TOC_KINDS).order_by("position"))


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
    editions = list(document.editions.all())
    as_of = _as_of(request)
    edition = _edition_for(editions, as_of)
    Document.objects.filter(pk=pk).update(view_count=F("view_count") + 1)
    selected = _selected_unit(document, edition, request.GET.get("unit", ""))
    url_query = f"as_of={as_of.isoformat()}" if as_of else ""
    context = {
        "document": document,
        "editions": editions,
        "edition": edition,
        "as_of": as_of,
        "text_html": edition_text_html(document, edition, url_query) if edition else "",
        "toc": _table_of_contents(edition),
        "topics": list(document.topics.all()),
        "backlinks": list(Reference.objects.backlinks_to(document)[:BACKLINKS_LIMIT]),
        "selected": selected,
        "bookmarked_keys": Bookmark.objects.keys_for(request.user, document),
        "watched_keys": Subscription.objects.keys_for(request.user, document),
    }
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
