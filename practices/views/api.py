"""The public JSON API of the catalogue: the same FilterSet as `/practices/` (and the same query
string: repeated facet values such as `population=0-5&population=5-20`), public fields only.

Nothing personal leaves here: no contacts, no author, no drafts or hidden practices.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from portal.models import Sphere
from practices.filters import PracticeFilter
from practices.models import BudgetLine, Indicator

PER_PAGE, MAX_PER_PAGE = 20, 100


def _number(value):
    """A decimal as a string without trailing zeros: 600.00 → "600", 2.10 → "2.1"."""
    return format(value.normalize(), "f")


def practice_json(practice, request):
    municipality = practice.municipality
    return {
        "slug": practice.slug,
        "title": practice.title,
        "url": request.build_absolute_uri(practice.get_absolute_url()),
        "key_result": practice.key_result,
        "municipality": {
            "oktmo": municipality.oktmo,
            "name": municipality.name,
            "kind": municipality.kind,
            "population": municipality.population,
        },
        "region": {"code": municipality.region.code, "name": municipality.region.name},
        "spheres": [sphere.slug for sphere in practice.spheres.all()],
        "started_year": practice.started_year,
        "budget": practice.budget,
        "published_at": practice.first_published_at.isoformat()
        if practice.first_published_at
        else None,
        "indicators": [
            {
                "name": row.name,
                "unit": row.unit,
                "before": _number(row.before),
                "after": _number(row.after),
                "measured_on": row.measured_on.isoformat() if row.measured_on else None,
            }
            for row in practice.indicators.all()
        ],
        "budget_lines": [
            {"source": row.source, "amount": row.amount} for row in practice.budget_lines.all()
        ],
    }


def _per_page(raw):
    try:
        return min(max(int(raw), 1), MAX_PER_PAGE)
    except (TypeError, ValueError):
        return PER_PAGE


@require_GET
def practice_list(request):
    """Public: published practices as JSON, filtered like the catalogue page, paginated
    (`page`, `per_page` up to 100). Invalid filters are reported in `errors` and skipped."""
    filterset = PracticeFilter.for_query(request.GET)
    found = filterset.qs.for_lists().prefetch_related(
        Prefetch("spheres", queryset=Sphere.objects.only("pk", "slug")),
        Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order", "pk")),
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("sort_order", "pk")),
    )
    paginator = Paginator(found, _per_page(request.GET.get("per_page")))
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return JsonResponse({"errors": {"page": ["Номер страницы — целое число."]}}, status=400)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    errors = {name: list(messages) for name, messages in filterset.form.errors.items()}
    return _inert(
        JsonResponse(
            {
                "count": paginator.count,
                "page": page.number,
                "pages": paginator.num_pages,
                "per_page": paginator.per_page,
                "errors": errors,
                "results": [practice_json(practice, request) for practice in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    )


def _inert(response):
    """`<`, `>` and `&` only occur inside JSON strings: written as \\u escapes, user text
    stays inert even if the answer is pasted into a page or sniffed as HTML."""
    for raw, escaped in ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e")):
        response.content = response.content.replace(raw, escaped)
    response["X-Content-Type-Options"] = "nosniff"
    return response
