"""The catalogue of practices and the page of one practice."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from portal import caching
from portal.community.models.base import thread_version
from practices import detail, list_cards
from practices.catalogue_index import CatalogueQuery
from practices.facets import facet_groups
from practices.filters import PracticeFilter
from practices.models import Practice

PER_PAGE = 20
# Visitors without a session all see the same unfiltered catalogue, so it is stored whole: a
# saved practice drops the copy at once (`forget_guest_list`); adoptions and awards change its
# counts within the minute.
SHARED_PAGE_SECONDS = 60
GUEST_LIST = "practices:list"


# A practice's page, as a visitor without a session sees it, is stored whole, under what keys its
# parts (`practices.detail`: `updated_at`, the page version) and its discussion (comments,
# «полезно», hiding: `portal.community`), and at most as long as the parts.
SHARED_DETAIL_SECONDS = detail.PARTS_SECONDS


def forget_guest_list(**kwargs):
    caching.bump(GUEST_LIST)


def _guest_page_key(request, slug):
    """The key of the practice's page as every visitor without a session sees it, or None
    (a signed-in reader, or no such published practice: nothing is stored for made-up slugs)."""
    if caching.shared_page_key(request, "practices:page") is None:
        return None
    stamp = Practice.objects.published().filter(slug=slug).values_list("pk", "updated_at").first()
    if stamp is None:
        return None
    pk, updated_at = stamp
    return caching.shared_page_key(
        request,
        "practices:page",
        pk,
        updated_at.timestamp(),
        thread_version(Practice, pk),
        version_name=detail.page_version_name(pk),
    )


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
    query = CatalogueQuery.of(filterset)
    found = query.page_source(list_cards.loader(query.texts))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    practices = list(page.object_list)
    context = {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page,
        "practices": practices,
        "facets": facet_groups(filterset, query.facet_counts(), query.snapshot.choices),
        "query": _query_without_page(request.GET),
    }
    response = render(request, "practices/list.html", context)
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)


@require_GET
def practice_detail(request, slug):
    """Public: a published practice; its contacts only for verified municipal employees.
    Served whole from the cache to visitors without a session (`_guest_page_key`); others get
    the stored parts (`practices.detail`) with what is their own."""
    key = _guest_page_key(request, slug)
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    practice = get_object_or_404(
        Practice.objects.published().defer("search_vector").select_related("municipality__region"),
        slug=slug,
    )
    user = request.user
    parts = detail.shared_parts(practice)
    context = {
        "practice": practice,
        "parts": parts,
        "show_contacts": practice.contacts_visible_to(user),
        "adopted_here": user.is_authenticated
        and user.can_publish
        and detail.adopted_in(parts, practice, user.municipality_id),
    }
    response = render(request, "practices/detail.html", context)
    return caching.store_shared_page(request, key, response, SHARED_DETAIL_SECONDS)
