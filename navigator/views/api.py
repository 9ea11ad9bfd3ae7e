"""Read-only JSON API of support measures: the same filter as the list page."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from navigator.filters import MeasureFilter
from portal.municipalities.models import Municipality

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def measure_json(measure, request):
    return {
        "slug": measure.slug,
        "title": measure.title,
        "summary": measure.summary,
        "kind": {"code": measure.kind, "name": measure.get_kind_display()},
        "level": {"code": measure.level, "name": measure.get_level_display()},
        "organiser": str(measure.organiser),
        "programme": str(measure.programme) if measure.programme_id else None,
        "spheres": [sphere.slug for sphere in measure.spheres.all()],
        "regions": [region.code for region in measure.regions.all()],
        # ОКТМО codes; empty means any municipality of the regions above.
        "municipalities": [place.oktmo for place in measure.municipalities.all()],
        "municipality_types": list(measure.municipality_types),
        "population": {"min": measure.population_min, "max": measure.population_max},
        "amount": {"min": measure.amount_min, "max": measure.amount_max},
        "cofinancing_percent": {"min": measure.cofinancing_min, "max": measure.cofinancing_max},
        "is_competitive": measure.is_competitive,
        "status": measure.status,
        "opens_on": measure.opens_on,
        "closes_on": measure.closes_on,
        "url": request.build_absolute_uri(measure.get_absolute_url()),
    }


def _page_size(request):
    try:
        size = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return min(max(size, 1), MAX_PAGE_SIZE)


def _page_link(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@require_GET
def measure_list(request):
    """Public: published measures matching the filter parameters of /navigator/, paginated."""
    filterset = MeasureFilter.for_query(request.GET)
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    queryset = filterset.qs.select_related("organiser", "programme").prefetch_related(
        "spheres", "regions", Prefetch("municipalities", Municipality.objects.only("oktmo"))
    )
    paginator = Paginator(queryset, _page_size(request))
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        return JsonResponse({"errors": {"page": ["Такой страницы нет."]}}, status=404)
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": _page_link(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                _page_link(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [measure_json(measure, request) for measure in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
