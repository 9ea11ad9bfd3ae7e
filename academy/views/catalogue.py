"""The catalogue, «Моё обучение» and the steps of enrolment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from academy.filters import CourseFilter
from academy.forms import FeedbackForm
from academy.models import (
    Certificate,
    CourseFeedback,
    CoursePage,
    Enrollment,
    EnrollmentError,
    EnrollmentStatus,
    LessonCompletion,
    LessonPage,
    Programme,
    Webinar,
)
from portal import caching
from portal.accounts.decorators import verified_required
from portal.submissions import submit_once

PER_PAGE = 20
# Visitors without a session all see the same unfiltered catalogue: stored whole for a minute,
# the longest a newly published course may stay out of it for them.
SHARED_PAGE_SECONDS = 60


@require_GET
def catalogue(request):
    """Public: published courses by the filters and search in the query string.

    The unfiltered first page, as a visitor without a session sees it, is served from the
    cache for up to SHARED_PAGE_SECONDS."""
    key = caching.shared_page_key(request, "academy:catalogue")
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    filterset = CourseFilter.for_request(request)
    courses = filterset.ordered()
    if request.user.is_authenticated:
        mine = Enrollment.objects.filter(user=request.user, course=OuterRef("pk"))
        courses = courses.annotate(
            my_status=Subquery(mine.values("status")[:1]),
            my_progress=Subquery(mine.values("progress")[:1]),
        )
    page = Paginator(courses, PER_PAGE).get_page(request.GET.get("page"))
    programmes = []
    if request.user.is_authenticated:
        programmes = list(Programme.objects.for_position(request.user.position)[:3])
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "academy/catalogue.html",
        {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "courses": page.object_list,
            "extra_query": query.urlencode(),
            "recommended_programmes": programmes,
            "upcoming_webinars": Webinar.objects.upcoming()[:3],
        },
    )
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)


@login_required
@require_GET
def my_learning(request):
    """Signed-in users: their own enrolments with progress, certificates and «Продолжить»."""
    enrollments = list(
        Enrollment.objects.filter(user=request.user)
        .exclude(status=EnrollmentStatus.LEFT)
        .select_related("course", "cohort", "last_lesson")
        .order_by("-created_at")
    )
    done = set(
        LessonCompletion.objects.filter(user=request.user).values_list("lesson_id", flat=True)
    )
    lessons_by_course = {}
    courses = [e.course for e in enrollments if e.is_learning]
    in_courses = Q(pk__in=[])
    for course in courses:
        in_courses |= Q(path__startswith=course.path, depth=course.depth + 1)
    lessons = LessonPage.objects.live().filter(in_courses).order_by("path")
    for lesson in lessons.only("id", "title", "path", "url_path", "depth"):
        course = next(c for c in courses if lesson.path.startswith(c.path))
        lessons_by_course.setdefault(course.pk, []).append(lesson)
    for enrollment in enrollments:
        pending = [
            lesson
            for lesson in lessons_by_course.get(enrollment.course_id, [])
            if lesson.pk not in done
        ]
        enrollment.continue_lesson = pending[0] if pending else enrollment.last_lesson
    certificates = Certificate.objects.filter(user=request.user).order_by("-issued_on")
    return render(
        request,
        "academy/my.html",
        {"enrollments": enrollments, "certificates": certificates},
    )


@verified_required
@require_POST
def enrol(request, course_id):
    """Verified employees: enrol (open), send a request (by request); assigned-only refuses."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrollment = Enrollment.enrol(request.user, course)
    except EnrollmentError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    if enrollment.status == EnrollmentStatus.REQUESTED:
        messages.success(request, "Заявка отправлена: администратор академии рассмотрит её.")
    else:
        messages.success(request, "Вы записаны на курс.")
    return redirect(course.url)


@login_required
@require_POST
def leave(request, course_id):
    """The learner themself: leave a course or withdraw a request."""
    enrollment = get_object_or_404(Enrollment, user=request.user, course_id=course_id)
    if enrollment.leave():
        messages.success(request, f"Вы покинули курс «{enrollment.course.title}».")
    return redirect("academy:my")


@login_required
@require_POST
def complete_lesson(request, lesson_id):
    """Enrolled learners: mark a lesson read; repeating it changes nothing."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.course
    enrollment = Enrollment.objects.learning().filter(user=request.user, course=course).first()
    if enrollment is None:
        messages.error(request, "Отмечать уроки могут записанные на курс.")
        return redirect(course.url)
    LessonCompletion.mark(enrollment, lesson)
    following = enrollment.next_lesson()
    if following and following.pk != lesson.pk:
        return redirect(following.url)
    return redirect(course.url)


@login_required
def feedback(request, course_id):
    """The learner who completed the course: the end-of-course survey, once."""
    enrollment = get_object_or_404(
        Enrollment, user=request.user, course_id=course_id, status=EnrollmentStatus.COMPLETED
    )
    if CourseFeedback.objects.filter(enrollment=enrollment).exists():
        messages.info(request, "Спасибо, ваш отзыв уже получен.")
        return redirect("academy:my")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.enrollment = enrollment
        submit_once(request, form, form.save, url=reverse("academy:my"))
        messages.success(request, "Спасибо за отзыв!")
        return redirect("academy:my")
    return render(request, "academy/feedback.html", {"form": form, "course": enrollment.course})
