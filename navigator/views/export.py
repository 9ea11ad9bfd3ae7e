"""Export of the measures the filter selects, for spreadsheets."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from navigator import exporting
from navigator.filters import MeasureFilter

FORMATS = {
    "csv": ("text/csv; charset=utf-8", exporting.to_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exporting.to_xlsx,
    ),
}


@require_GET
def measure_export(request, fmt):
    """Public: the filtered list of measures as a CSV or XLSX file."""
    if fmt not in FORMATS:
        raise Http404("Неизвестный формат выгрузки.")
    content_type, build = FORMATS[fmt]
    filterset = MeasureFilter.for_query(request.GET)
    measures, note = exporting.first_rows(filterset.qs.select_related("organiser"))
    response = HttpResponse(build(measures, note), content_type=content_type)
    filename = f"navigator-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
