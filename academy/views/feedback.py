"""Academy administrators: the results of the end-of-course survey, per course, and export."""

import csv
import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from academy.models import CourseFeedback, CoursePage
from portal.accounts import roles
from portal.accounts.decorators import role_required
from portal.exporting import neutralise

COMMENTS_PER_PAGE = 50
EXPORT_LIMIT = 50000


@role_required(roles.ACADEMY_ADMIN)
@require_GET
def feedback_summary(request):
    """Academy administrators: courses with survey answers, their count and average rating."""
    return render(
        request,
        "academy/manage_feedback.html",
        {"courses": list(CourseFeedback.objects.per_course())},
    )


@role_required(roles.ACADEMY_ADMIN)
@require_GET
def feedback_course(request, course_id):
    """Academy administrators: counts per answer, the average and the free-text answers."""
    course = get_object_or_404(CoursePage, pk=course_id)
    answers = CourseFeedback.objects.of_course(course)
    comments = (
        answers.exclude(comment="")
        .order_by("-created_at", "-pk")
        .only("comment", "rating", "useful", "created_at")
    )
    page = Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    summary = answers.summary()
    for_bars = max(summary["answers"], 1)
    summary["ratings"] = [
        (rating, count, round(100 * count / for_bars)) for rating, count in summary["ratings"]
    ]
    return render(
        request,
        "academy/manage_feedback_course.html",
        {"course": course, "summary": summary, "page_obj": page, "comments": page.object_list},
    )


@role_required(roles.ACADEMY_ADMIN)
@require_GET
def feedback_export(request, course_id):
    """Academy administrators: every answer of the course as CSV (formulas neutralised); the
    survey is anonymous to its readers, so no names are exported."""
    course = get_object_or_404(CoursePage, pk=course_id)
    answers = CourseFeedback.objects.of_course(course).order_by("created_at", "pk")
    rows = [["Дата", "Оценка", "Пригодится в работе", "Что улучшить"]]
    for answer in answers.values_list("created_at", "rating", "useful", "comment")[:EXPORT_LIMIT]:
        created_at, rating, useful, comment = answer
        rows.append([f"{created_at:%Y-%m-%d}", rating, "да" if useful else "нет", comment])
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows([[neutralise(c) for c in row] for row in rows])
    response = HttpResponse(buffer.getvalue().encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="academy-feedback-{course.pk}.csv"'
    return response
