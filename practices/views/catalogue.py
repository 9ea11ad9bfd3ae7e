"""The catalogue of practices and the page of one practice."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from legal_vector.models import Document
from navigator.models import SupportMeasure
from portal import caching
from portal.models import Sphere
from practices.facets import facet_groups
from practices.filters import PracticeFilter
from practices.models import Adoption, Entry, Practice
from practices.search import attach_snippets

PER_PAGE = 20
# Visitors without a session all see the same unfiltered catalogue, so it is stored whole: a
# saved practice drops the copy at once (`forget_guest_list`); adoptions and awards change its
# counts within the minute.
SHARED_PAGE_SECONDS = 60
GUEST_LIST = "practices:list"


def forget_guest_list(**kwargs):
    caching.bump(GUEST_LIST)


def _query_without_page(data):
    query = data.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def practice_list(request):
    """Public: published practices found by the search box and the facets in the query string,
    each facet value with its count under the other chosen filters. The unfiltered first page,
    as a visitor without a session sees it, is served from the cache."""
    key = caching.shared_page_key(request, GUEST_LIST, version_name=GUEST_LIST)
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    filterset = PracticeFilter.for_query(request.GET)
    found = filterset.qs.for_lists().prefetch_related("spheres")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    practices = list(page.object_list)
    if filterset.search_query is not None:
        attach_snippets(practices, filterset.search_query)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page,
        "practices": practices,
        "facets": facet_groups(filterset),
        "query": _query_without_page(request.GET),
    }
    response = render(request, "practices/list.html", context)
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)


def _published_practice(slug):
    practices = (
        Practice.objects.published()
        .defer("search_vector")
        .select_related("municipality__region")
        .prefetch_related(
            Prefetch("spheres", queryset=Sphere.objects.select_related("parent")),
            Prefetch(
                "support_measures",
                queryset=SupportMeasure.objects.published().only("pk", "title", "slug"),
            ),
            Prefetch(
                "legal_documents",
                queryset=Document.objects.only("pk", "title", "kind", "number", "adopted_on"),
            ),
        )
    )
    return get_object_or_404(practices, slug=slug)


ADOPTERS_SHOWN = 50


def _adoption_context(practice, user):
    adoptions = Adoption.objects.of_practice(practice)
    municipality_id = getattr(user, "municipality_id", None) if user.is_authenticated else None
    regions = adoptions.counts_by_region()
    return {
        "adoption_regions": regions,
        "adoption_total": sum(total for _, total in regions),
        "adopters": list(adoptions.select_related("municipality__region")[:ADOPTERS_SHOWN]),
        "adopted_here": bool(municipality_id)
        and adoptions.filter(municipality_id=municipality_id).exists(),
    }


@require_GET
def practice_detail(request, slug):
    """Public: a published practice; its contacts only for verified municipal employees."""
    practice = _published_practice(slug)
    context = {
        "practice": practice,
        "show_contacts": practice.contacts_visible_to(request.user),
        "history": practice.revisions.order_by("-created_at").values_list("created_at", flat=True)[
            :10
        ],
        "awards": Entry.objects.filter(
            practice=practice,
            place__isnull=False,
            nomination__contest__results_published_at__isnull=False,
        ).select_related("nomination__contest"),
        **_adoption_context(practice, request.user),
    }
    return render(request, "practices/detail.html", context)
