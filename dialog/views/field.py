"""The problem field: the list with facets, its JSON API, its export, similar problems."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dialog import exporting, field_cards
from dialog.field_index import FieldQuery
from dialog.filters import PUBLIC_STATUS_CHOICES, ProblemFilter, similar_problems
from dialog.models import ProblemLevel
from portal import caching
from portal.models import Sphere
from portal.municipalities.models import MunicipalityType

PAGE_SIZE = 20
API_PAGE_SIZE = 50
# Visitors without a session all see the same unfiltered field and analytics, so these pages are
# stored whole for a minute: the longest their counts may lag behind the problems (issue 13).
SHARED_PAGE_SECONDS = 60


def _filtered(request):
    filterset = ProblemFilter(request.GET)
    if not filterset.is_valid():
        filterset = ProblemFilter({})
        filterset.is_valid()
    return filterset


def _labelled(counts, choices, chosen):
    return [
        {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in chosen}
        for value, label in choices
    ]


@require_GET
def field(request):
    """Public: published problems with search, facets with counts and sorts.

    The unfiltered first page, as a visitor without a session sees it, is served from the
    cache for up to SHARED_PAGE_SECONDS."""
    key = caching.shared_page_key(request, "dialog:field")
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    filterset = ProblemFilter(request.GET)
    valid = filterset.is_valid()
    if not valid:
        filterset = ProblemFilter({})
        filterset.is_valid()
    query = FieldQuery.of(filterset)
    cards = query.page_source(load=field_cards.cards)
    page = Paginator(cards, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = query.facet_counts()
    chosen = {
        key: request.GET.getlist(key) for key in ("direction", "region", "kind", "status", "level")
    }
    facets = {
        "direction": _labelled(
            counts["direction"],
            query.snapshot.choices["direction"],
            chosen["direction"],
        ),
        "region": [
            item
            for item in _labelled(
                counts["region"], query.snapshot.choices["region"], chosen["region"]
            )
            if item["count"] or item["selected"]
        ],
        "kind": _labelled(counts["kind"], MunicipalityType.choices, chosen["kind"]),
        "status": _labelled(counts["status"], PUBLIC_STATUS_CHOICES, chosen["status"]),
        "level": _labelled(counts["level"], ProblemLevel.choices, chosen["level"]),
    }
    context = {
        "filter": filterset,
        "invalid": not valid,
        "page_obj": page,
        "cards": page.object_list,
        "facets": facets,
        "chosen": chosen,
        "answered_counts": counts["answered"],
        "overdue_counts": counts["overdue"],
        "query_string": _without_page(request),
    }
    response = render(request, "dialog/field.html", context)
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)


def _without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def api(request):
    """Public: the same filter as JSON, page by page."""
    query = FieldQuery.of(_filtered(request))
    page = Paginator(query.page_source(), API_PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [
                {
                    "id": p.pk,
                    "title": p.title,
                    "url": request.build_absolute_uri(p.get_absolute_url()),
                    "direction": p.direction.slug,
                    "region": p.region.code if p.region_id else None,
                    "level": p.level,
                    "status": p.status,
                    "supports": p.supports_count,
                    "published_at": p.published_at.isoformat() if p.published_at else None,
                    "due_at": p.due_at.isoformat() if p.due_at else None,
                }
                for p in page.object_list
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


FORMATS = {
    "csv": ("text/csv; charset=utf-8", exporting.to_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exporting.to_xlsx,
    ),
}


@require_GET
def export(request, fmt):
    """Public: the filtered field as a CSV or XLSX file (at most MAX_ROWS problems)."""
    if fmt not in FORMATS:
        raise Http404("Неизвестный формат выгрузки.")
    content_type, build = FORMATS[fmt]
    problems = _filtered(request).qs.for_lists()[: exporting.MAX_ROWS]
    response = HttpResponse(build(problems), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="dialog-{timezone.localdate():%Y-%m-%d}.{fmt}"'
    )
    return response


@require_GET
def similar(request):
    """Public: problems like the typed title and description, as a small HTML fragment."""
    text = f"{request.GET.get('title', '')} {request.GET.get('description', '')}"[:1000]
    direction_id = request.GET.get("direction", "")
    direction = (
        Sphere.objects.directions().filter(pk=direction_id).first()
        if direction_id.isdigit()
        else None
    )
    exclude = request.GET.get("exclude")
    problems = similar_problems(
        text, direction.pk if direction else None, exclude if (exclude or "").isdigit() else None
    )
    return render(request, "dialog/includes/similar.html", {"similar": problems})
