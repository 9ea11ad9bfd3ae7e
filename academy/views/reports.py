"""Reports for academy administrators and scoped managers, with CSV/XLSX export."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from academy import reports
from academy.access import can_see_reports, people_filter
from academy.models import CoursePage
from portal.exporting import csv_bytes, neutralise, xlsx_bytes
from portal.municipalities.models import Municipality, Region

HEADERS = {
    "course": ["Курс", "Поток"],
    "region": ["Регион"],
    "municipality": ["Муниципальное образование"],
    "person": ["Сотрудник", "E-mail", "Статус", "Прогресс, %", "Лучший результат, %", "Поток"],
}
COUNT_HEADERS = ["Записано", "Учатся", "Завершили", "Заявки", "Просрочено", "Средний балл"]


def _report_user(request):
    if not request.user.is_authenticated or not can_see_reports(request.user):
        raise PermissionDenied("Отчёты доступны администраторам академии и руководителям.")


def _level(request):
    course = region = municipality = None
    if request.GET.get("course", "").isdigit():
        course = get_object_or_404(CoursePage.objects.only("id", "title"), pk=request.GET["course"])
    if request.GET.get("region", "").isdigit():
        region = get_object_or_404(Region, pk=request.GET["region"])
    if request.GET.get("municipality", "").isdigit():
        municipality = get_object_or_404(Municipality, pk=request.GET["municipality"])
        limit = people_filter(request.user, prefix="")
        # A manager drills only into municipalities where they may see someone.
        if (
            limit is not None
            and not get_user_model().objects.filter(limit, municipality=municipality).exists()
        ):
            raise Http404
    return course, region, municipality


def _table(level, rows):
    for row in rows:
        if level == "person":
            yield [
                str(row.user),
                row.user.email,
                row.get_status_display(),
                row.progress,
                row.best_score if row.best_score is not None else "",
                row.cohort.title if row.cohort else "",
            ]
            continue
        if level == "course":
            names = [row["course__title"], row["cohort__title"] or ""]
        elif level == "region":
            names = [row["user__municipality__region__name"] or "без региона"]
        else:
            names = [row["user__municipality__name"] or "без МО"]
        average = row["average_score"]
        yield [
            *names,
            row["enrolled"],
            row["in_progress"],
            row["completed"],
            row["requested"],
            row["overdue"],
            round(average) if average is not None else "",
        ]


@require_GET
def report(request):
    """Academy administrators and scoped managers: drill-down report of their people only."""
    _report_user(request)
    course, region, municipality = _level(request)
    level, rows = reports.course_rows(request.user, course, region, municipality)
    rows = list(rows[:1000])
    return render(
        request,
        "academy/report.html",
        {
            "level": level,
            "rows": rows,
            "course": course,
            "region": region,
            "municipality": municipality,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def report_export(request, fmt):
    """Academy administrators and scoped managers: the same table as CSV or XLSX."""
    _report_user(request)
    course, region, municipality = _level(request)
    level, rows = reports.course_rows(request.user, course, region, municipality)
    header = HEADERS[level] + ([] if level == "person" else COUNT_HEADERS)
    table = [header, *_table(level, rows[:50000])]
    table = [[neutralise(cell) for cell in row] for row in table]
    if fmt == "csv":
        response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes("Обучение", table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="academy-report.{fmt}"'
    return response
