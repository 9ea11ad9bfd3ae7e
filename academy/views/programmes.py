"""Programmes («Школа мэров»): their list and a page with the courses in order and my progress."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from academy.models import Certificate, Enrollment, EnrollmentStatus, Programme

FIT_LABELS = {
    "mandatory": "Обязательно для вашей должности",
    "recommended": "Рекомендовано для вашей должности",
}


def _fit(programme, user):
    if not user.is_authenticated:
        return None
    return FIT_LABELS.get(programme.fit_for(user.position))


@require_GET
def programme_list(request):
    """Public: every programme, with the mark for the signed-in user's position."""
    programmes = list(Programme.objects.order_by("title").prefetch_related("programme_courses"))
    for programme in programmes:
        programme.fit_label = _fit(programme, request.user)
        programme.course_count = len(programme.programme_courses.all())
    return render(request, "academy/programmes.html", {"programmes": programmes})


@require_GET
def programme_detail(request, slug):
    """Public: the programme's courses in order; a signed-in user also sees their progress."""
    programme = get_object_or_404(Programme, slug=slug)
    courses = programme.courses()
    enrollments, certificate = {}, None
    if request.user.is_authenticated:
        enrollments = {
            e.course_id: e for e in Enrollment.objects.filter(user=request.user, course__in=courses)
        }
        certificate = (
            Certificate.objects.valid().filter(user=request.user, programme=programme).first()
        )
    steps = [(course, enrollments.get(course.pk)) for course in courses]
    completed = sum(1 for _, e in steps if e is not None and e.status == EnrollmentStatus.COMPLETED)
    return render(
        request,
        "academy/programme.html",
        {
            "programme": programme,
            "steps": steps,
            "completed": completed,
            "percent": round(100 * completed / len(steps)) if steps else 0,
            "fit_label": _fit(programme, request.user),
            "certificate": certificate,
            "hours": sum(course.hours for course in courses),
        },
    )
