"""The page of one support measure, its print version and «предложить исправление»."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from navigator import listcache
from navigator.forms import BookmarkForm, CorrectionForm
from navigator.models import Bookmark, SupportMeasure
from portal import caching
from portal.models import Sphere
from portal.municipalities.caching import cached_municipality
from portal.municipalities.models import Municipality
from portal.registry import render_related
from portal.submissions import submit_once

SIMILAR_SHOWN = 4
# Also bounds how long an edited legal document or logo may show its old title or image.
SHARED_CACHE_SECONDS = 30 * 60


def _published_measure(slug):
    measures = (
        SupportMeasure.objects.published()
        .defer("search_vector")
        .select_related("organiser__logo", "operator__logo", "programme")
        .prefetch_related(
            Prefetch("spheres", queryset=Sphere.objects.select_related("parent")),
            "regions",
            Prefetch("municipalities", queryset=Municipality.objects.select_related("region")),
            "legal_documents",
        )
    )
    return get_object_or_404(measures, slug=slug)


SHARED_PARTS = {
    "header": "navigator/includes/measure_header.html",
    "main": "navigator/includes/measure_body.html",
    "actions": "navigator/includes/measure_actions.html",
    "related": "navigator/includes/measure_related.html",
}


def similar_measures(measure):
    """A few open measures like this one (status and order follow the calendar)."""
    similar = SupportMeasure.objects.similar_to(measure).not_closed()
    return list(similar.without_long_texts().select_related("organiser")[:SIMILAR_SHOWN])


def _render_shared(measure):
    """Everything on the page that is the same for every visitor, as HTML fragments.

    Rendered without the request, so nothing personal (user, CSRF token) can get in.
    """
    context = {
        "measure": measure,
        "similar": similar_measures(measure),
        # Blocks of higher apps, such as practices carried out with this measure.
        "related_content": render_related(measure),
    }
    shared = {"pk": measure.pk, "title": measure.title, "summary": measure.summary}
    for part, template in SHARED_PARTS.items():
        # Our own autoescaping templates rendered this; the cache only stores it.
        shared[part] = mark_safe(render_to_string(template, context))
    return shared


def shared_page(slug):
    """The shared parts of a published measure's page, from the cache when possible.

    The key holds the list version (`navigator.listcache`), which saving, unpublishing or
    deleting any measure, organisation or programme replaces, so an unpublished measure is gone
    at once; and the day, because the deadline badges and the «Подать заявку» button follow the
    calendar. Unknown slugs are not cached: made-up addresses must not fill the cache.
    """
    key = caching.versioned_key(listcache.VERSION, "measure-page", slug, daily=True)
    shared = cache.get(key)
    if shared is None:
        shared = _render_shared(_published_measure(slug))
        cache.set(key, shared, SHARED_CACHE_SECONDS)
    return shared


@require_GET
def measure_detail(request, slug):
    """Public: everything about a published measure, with calendar, bookmark and similar ones.

    Visitors without a session all see the same page, stored whole under the list version
    (any change of a measure, organisation, programme or related practice drops it) and the day.
    """
    key = caching.shared_page_key(
        request, listcache.VERSION, "measure-page", slug, version_name=listcache.VERSION, daily=True
    )
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    shared = shared_page(slug)
    bookmark = None
    if request.user.is_authenticated:
        bookmark = Bookmark.objects.filter(user=request.user, measure_id=shared["pk"]).first()
    context = {
        "shared": shared,
        "slug": slug,
        "bookmark": bookmark,
        "bookmark_form": BookmarkForm(instance=bookmark) if bookmark else None,
        **_fit_for_user(request.user, shared["pk"]),
    }
    response = render(request, "navigator/measure.html", context)
    return caching.store_shared_page(request, key, response, SHARED_CACHE_SECONDS)


def _fit_for_user(user, measure_pk):
    """Whether the signed-in user's municipality may apply, and if not, why."""
    pk = getattr(user, "municipality_id", None) if user.is_authenticated else None
    municipality = cached_municipality(pk) if pk else None
    if municipality is None:
        return {}
    measure = SupportMeasure.objects.filter(pk=measure_pk)
    return {
        "my_municipality": municipality,
        "unfit_reasons": measure.conditions_failed_by(municipality),
    }


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
        outcome = submit_once(
            request, form, lambda: form.save(measure, request.user), url=measure.get_absolute_url()
        )
        if outcome.repeated:
            messages.info(request, "Это исправление уже отправлено.")
        else:
            messages.success(request, "Спасибо! Редакция проверит сведения и исправит меру.")
        return redirect(measure)
    return render(request, "navigator/correction_form.html", {"measure": measure, "form": form})
