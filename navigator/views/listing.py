"""The navigator's list of support measures: one filter, facets, pages, a cache for guests."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from navigator import exporting, listcache
from navigator.facets import Facets
from navigator.filters import SORT_AMOUNT, SORT_CLOSING, SORT_NEWEST, MeasureFilter
from navigator.models import SupportMeasure
from portal.models import SearchLog
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


class _OrderedMeasures:
    """The measures at bit positions `positions`, in that order, fetched a page at a time: what
    the paginator slices when the page comes from the facet index."""

    def __init__(self, index, positions):
        self.index = index
        self.positions = positions

    def __len__(self):
        return len(self.positions)

    def __getitem__(self, window):
        pks = [self.index.pks[number] for number in self.positions[window]]
        rows = _listed(SupportMeasure.objects.filter(pk__in=pks)).in_bulk()
        return [rows[pk] for pk in pks if pk in rows]


def _listed(queryset):
    return (
        queryset.select_related("organiser")
        .without_long_texts()
        .defer("organiser__logo", "organiser__website")
    )


def _indexed_positions(filterset, facets):
    """The matching measures in the chosen order from the facet index; None when the order is
    the text's relevance, which only the search backend knows."""
    sort = filterset.sort_order
    mask = facets.matching()
    if sort == SORT_CLOSING:
        return facets.index.positions(mask)
    if sort == SORT_AMOUNT:
        return facets.index.ordered(mask, facets.index.amount_order)
    if sort == SORT_NEWEST:
        return facets.index.ordered(mask, facets.index.newest_order)
    return None


def page_of_measures(filterset, page_number, facets=None):
    """The requested page of the filtered measures with everything the template shows."""
    positions = _indexed_positions(filterset, facets) if facets is not None else None
    if positions is not None:
        measures = _OrderedMeasures(facets.index, positions)
    else:
        measures = _listed(filterset.qs)
    page = Paginator(measures, PER_PAGE).get_page(page_number)
    snippets = headlines(
        filterset.queryset, [m.pk for m in page.object_list], "summary", filterset.search_query
    )
    for measure in page.object_list:
        measure.snippet = snippets.get(measure.pk, "")
    return page


def list_context(request, filterset, canonical):
    facets = Facets(filterset)
    page = page_of_measures(filterset, request.GET.get("page"), facets)
    return {
        "filter": filterset,
        "form": filterset.form,
        "facets": facets.as_dict(),
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
            filterset.text,
            SearchLog.Source.LIST,
            results["count"],
            request.user,
            service="navigator",
            filters=MeasureFilter.canonical_query(request.GET),
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
