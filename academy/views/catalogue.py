"""The catalogue, «Моё обучение» and the steps of enrolment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page, Site

from academy.filters import CourseFilter
from academy.forms import FeedbackForm
from academy.models import (
    Certificate,
    Cohort,
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
from academy.models.pages import PAGES_VERSION
from portal import caching
from portal.accounts.decorators import verified_required
from portal.compiled import CompiledRows
from portal.submissions import submit_once

PER_PAGE = 20
# What a course's card in the catalogue shows (not its search vector).
CATALOGUE_FIELDS = (
    "id", "title", "url_path", "path", "depth", "summary",
    "level", "format", "hours", "enrolment_mode",
)  # fmt: skip
# What «Моё обучение» shows of an enrolment, with the cohort's end (the deadline shown): also the
# key of a stored list. Titles and addresses of the course and its lessons change only when an
# academy page is saved, moved or deleted, which bumps PAGES_VERSION, part of the key too.
MY_LEARNING_KEY_FIELDS = (
    "id", "course_id", "status", "progress", "lessons_done", "cohort_id",
    "next_lesson_id", "last_lesson_id", "cohort__ends_on",
)  # fmt: skip
# What a course's or lesson's title and address need: no lesson bodies, no course descriptions.
MY_LEARNING_PAGE_FIELDS = ("title", "url_path", "path", "depth")
MY_CERTIFICATE_FIELDS = ("id", "uuid", "number", "title", "issued_on", "revoked_at")
# A stored «Моё обучение» list is keyed by its content; the lifetime only bounds the memory.
MY_LEARNING_SECONDS = 24 * 3600
LEAVE_FORM_ID = "academy-leave"
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
    courses = filterset.ordered().only(*CATALOGUE_FIELDS)
    if request.user.is_authenticated:
        mine = Enrollment.objects.filter(user=request.user, course=OuterRef("pk"))
        courses = courses.annotate(
            my_status=Subquery(mine.values("status")[:1]),
            my_progress=Subquery(mine.values("progress")[:1]),
        )
    page = Paginator(courses, PER_PAGE).get_page(request.GET.get("page"))
    share_site_root_paths(page.object_list)
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
            "upcoming_webinars": Webinar.soonest(3),
        },
    )
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)


def share_site_root_paths(pages):
    """Give every page of a list the site root paths, read once: Wagtail's `page.url` reads
    them from the cache for each page anew (a Redis round trip per card) unless the page
    holds its own copy, the attribute this sets. Passing the request instead would cost a
    query for the request's site."""
    pages = list(pages)
    if pages:
        root_paths = Site.get_site_root_paths()
        for page in pages:
            page._wagtail_cached_site_root_paths = root_paths
    return pages


@login_required
@require_GET
def my_learning(request):
    """Signed-in users: their own enrolments with progress, certificates and «Продолжить».

    Progress and the next lesson are stored on each enrolment, so the page reads the same
    two rows-only queries however many courses and lessons the learner has, and renders
    the list once for each state of what it shows (see `_learning_html`)."""
    return render(
        request,
        "academy/my.html",
        {"learning": _learning_html(request.user.pk), "leave_form_id": LEAVE_FORM_ID},
    )


# The two reads of every visit, compiled once per process (`portal.compiled`): building them
# cost Django more than PostgreSQL takes to answer.
_ENROLMENT_ROWS = CompiledRows(
    lambda user_id: (
        Enrollment.objects.filter(user_id=user_id)
        .exclude(status=EnrollmentStatus.LEFT)
        .order_by("-created_at", "-pk")
    ),
    MY_LEARNING_KEY_FIELDS,
)
_CERTIFICATE_ROWS = CompiledRows(
    lambda user_id: Certificate.objects.filter(user_id=user_id).order_by("-issued_on", "-pk"),
    MY_CERTIFICATE_FIELDS,
)


def _learning_html(user_id):
    """The user's enrolments and certificates as HTML, stored under a digest of every value
    shown: a change to any of them (progress, status, a deadline, a revocation) makes another
    key, and so does a new title or address of an academy page (PAGES_VERSION), so a stored
    copy is never stale and nothing has to drop it. The values come as plain rows of the two
    tables (page models cost more to build than the page); a new copy is rendered from the
    same rows. Nothing of the session is in it: the «Покинуть курс» buttons submit one form
    outside it."""
    rows, issued = _ENROLMENT_ROWS(user_id), _CERTIFICATE_ROWS(user_id)
    key = caching.versioned_key(PAGES_VERSION, "my", caching.digest(rows, issued))
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "academy/my_learning.html",
            {
                "enrollments": _enrollments_of(rows),
                "certificates": [_loaded(Certificate, values) for values in issued],
                "leave_form_id": LEAVE_FORM_ID,
            },
        )
        cache.set(key, html, MY_LEARNING_SECONDS)
    return mark_safe(html)  # our own template's output, escaped there


def _enrollments_of(rows):
    """Enrolments built from the key's rows, with their courses and lessons from one plain
    query of the page table: joining the pages into the rows' query (eight tables) cost
    PostgreSQL 3 ms to plan for a 0.3 ms run."""
    lesson_fields = ("next_lesson_id", "last_lesson_id")
    lessons = {row[field] for row in rows for field in lesson_fields} - {None}
    pages = _pages_by_id(
        {**dict.fromkeys(lessons, LessonPage), **{row["course_id"]: CoursePage for row in rows}}
    )
    enrollments = []
    for row in rows:
        values = dict(row)
        ends_on = values.pop("cohort__ends_on")
        enrollment = Enrollment(**values)
        enrollment.course = pages[row["course_id"]]
        if row["cohort_id"]:
            enrollment.cohort = Cohort(pk=row["cohort_id"], ends_on=ends_on)
        enrollment.next_lesson = pages.get(row["next_lesson_id"])
        enrollment.last_lesson = pages.get(row["last_lesson_id"])
        enrollments.append(enrollment)
    return enrollments


def _pages_by_id(models):
    """{id: page} for {id: its page model}: the title and address fields read from Wagtail's
    page table alone and loaded as each page's own model (a lesson's address is not a
    course's), as `.only()` would, without joining the model's table, which holds nothing
    shown here."""
    fields = ("id", *MY_LEARNING_PAGE_FIELDS)
    found = Page.objects.filter(pk__in=models).values(*fields)
    pages = [
        _loaded(models[values["id"]], {**values, "page_ptr_id": values["id"]}) for values in found
    ]
    return {page.pk: page for page in share_site_root_paths(pages)}


def _loaded(model, values):
    """An instance of `model` as loaded with only `values` ({field: value}), the others
    deferred: what `.only()` would give, from rows already read."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(Page.objects.db, names, [values[name] for name in names])


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
    following = enrollment.continue_lesson
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
