"""The navigator's list of support measures: one filter, facets, pages, a cache for guests."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from navigator import exporting, listcache
from navigator.facets import Facets
from navigator.filters import MeasureFilter
from navigator.models import SearchLog
from portal.municipalities.caching import cached_municipality
from portal.search import headlines

PER_PAGE = 20
# Filter fields shown as ordinary inputs; the rest are facets with counts (navigator/facets.py).
PLAIN_FIELDS = [
    "population",
    "amount_min",
    "cofinancing_max",
    "closes_before",
]


def page_of_measures(filterset, page_number):
    """The requested page of the filtered measures with everything the template shows."""
    queryset = (
        filterset.qs.select_related("organiser")
        .without_long_texts()
        .defer("organiser__logo", "organiser__website")
    )
    page = Paginator(queryset, PER_PAGE).get_page(page_number)
    snippets = headlines(
        filterset.queryset, [m.pk for m in page.object_list], "summary", filterset.search_query
    )
    for measure in page.object_list:
        measure.snippet = snippets.get(measure.pk, "")
    return page


def list_context(request, filterset, canonical):
    page = page_of_measures(filterset, request.GET.get("page"))
    return {
        "filter": filterset,
        "form": filterset.form,
        "facets": Facets(filterset).as_dict(),
        "plain_fields": [filterset.form[name] for name in PLAIN_FIELDS],
        "page_obj": page,
        "measures": page.object_list,
        "query": canonical,
        "text": filterset.text,
        "export_limit": exporting.MAX_ROWS,
    }


def log_search(request, filterset, results):
    """Record a search once, on its first page; browsing further pages is not a new search."""
    if results["page"] == 1 and MeasureFilter.narrows(request.GET):
        SearchLog.record(
            query=filterset.text,
            filters=MeasureFilter.canonical_query(request.GET),
            result_count=results["count"],
            user=request.user,
        )


def build_results(request, filterset, canonical):
    context = list_context(request, filterset, canonical)
    page = context["page_obj"]
    html = render_to_string("navigator/list_results.html", context, request=request)
    return {"html": html, "count": page.paginator.count, "page": page.number}


def home_region(request):
    """A signed-in employee opening the bare list sees their own region first (measures for it
    and for all of Russia); any query, even an empty `?region=`, shows what it asks for."""
    user = request.user
    if request.GET or not user.is_authenticated or not getattr(user, "municipality_id", None):
        return None
    municipality = cached_municipality(user.municipality_id)
    return municipality.region if municipality else None


@require_GET
def measure_list(request):
    """Public: support measures found by the filter in the query string, with facet counts."""
    region = home_region(request)
    query = QueryDict(f"region={region.code}") if region else request.GET
    canonical = MeasureFilter.canonical_query(query)
    shareable = listcache.page_is_shareable(request, canonical)
    if shareable and (cached := listcache.cached_page(request)) is not None:
        return cached
    filterset = MeasureFilter.for_query(query)
    results = listcache.get_or_build(
        canonical, request.GET.get("page"), lambda: build_results(request, filterset, canonical)
    )
    log_search(request, filterset, results)
    # The block was rendered by our own autoescaping template; the cache only stores it.
    context = {"results_html": mark_safe(results["html"]), "home_region": region}
    response = render(request, "navigator/list.html", context)
    return listcache.store_page(request, response) if shareable else response
