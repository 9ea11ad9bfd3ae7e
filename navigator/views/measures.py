"""The page of one support measure, its print version and «предложить исправление»."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from navigator import listcache
from navigator.forms import BookmarkForm, CorrectionForm
from navigator.models import Bookmark, SupportMeasure
from portal.models import Sphere

SIMILAR_SHOWN = 4
SIMILAR_CACHE_SECONDS = 30 * 60


def _published_measure(slug):
    measures = (
        SupportMeasure.objects.published()
        .defer("search_vector")
        .select_related("organiser__logo", "operator", "programme")
        .prefetch_related(
            Prefetch("spheres", queryset=Sphere.objects.select_related("parent")),
            "regions",
            "legal_documents",
        )
    )
    return get_object_or_404(measures, slug=slug)


def measure_context(measure, user):
    """What the page (and its preview in the admin) shows; a fixed number of queries."""
    bookmark = None
    if user is not None and user.is_authenticated:
        bookmark = Bookmark.objects.filter(user=user, measure=measure).first()
    return {
        "measure": measure,
        "bookmark": bookmark,
        "bookmark_form": BookmarkForm(instance=bookmark) if bookmark else None,
        "similar": similar_measures(measure),
    }


def similar_measures(measure):
    """A few open measures like this one; the search is cached like the list (see listcache)."""
    day = f"{timezone.localdate():%Y%m%d}"
    key = f"navigator:similar:{listcache.current_version()}:{day}:{measure.pk}"
    ids = cache.get(key)
    if ids is None:
        similar = SupportMeasure.objects.similar_to(measure).not_closed()
        ids = list(similar.values_list("pk", flat=True)[:SIMILAR_SHOWN])
        cache.set(key, ids, SIMILAR_CACHE_SECONDS)
    found = (
        SupportMeasure.objects.filter(pk__in=ids)
        .without_long_texts()
        .select_related("organiser")
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


@require_GET
def measure_detail(request, slug):
    """Public: everything about a published measure, with calendar, bookmark and similar ones."""
    measure = _published_measure(slug)
    context = measure_context(measure, request.user)
    context["body_html"] = _cached_body(request, measure)
    return render(request, "navigator/measure.html", context)


def _cached_body(request, measure):
    """The measure's description, conditions and steps: the same for every visitor until any
    measure changes (listcache), so rendered once."""
    key = f"navigator:measure-body:{listcache.current_version()}:{measure.pk}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "navigator/includes/measure_body.html", {"measure": measure}, request
        )
        cache.set(key, html, SIMILAR_CACHE_SECONDS)
    return html


@require_GET
def measure_print(request, slug):
    """Public: a printer-friendly version of the measure page."""
    measure = _published_measure(slug)
    return render(request, "navigator/measure_print.html", {"measure": measure})


@login_required
@require_http_methods(["GET", "POST"])
def suggest_correction(request, slug):
    """Signed-in users: tell the editors that something on a measure is wrong."""
    measure = get_object_or_404(SupportMeasure.objects.published(), slug=slug)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save(measure, request.user)
        messages.success(request, "Спасибо! Редакция проверит сведения и исправит меру.")
        return redirect(measure)
    return render(request, "navigator/correction_form.html", {"measure": measure, "form": form})
