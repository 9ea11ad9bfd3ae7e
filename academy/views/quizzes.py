"""Taking a quiz: start (or resume) an attempt, save answers, submit, review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from academy.access import is_academy_admin
from academy.models import Attempt, AttemptError, AttemptStatus, CoursePage, Enrollment, Quiz


def _answers_from(post, attempt):
    return {str(q["id"]): post.getlist(f"q{q['id']}") for q in attempt.questions}


@login_required
@require_POST
def start_attempt(request, course_id, quiz_id):
    """Enrolled learners: the running attempt or a new one within the limit."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    enrollment = Enrollment.objects.learning().filter(user=request.user, course=course).first()
    if enrollment is None:
        messages.error(request, "Тест доступен записанным на курс.")
        return redirect(course.url)
    try:
        attempt = Attempt.start(enrollment, quiz)
    except AttemptError as error:
        messages.error(request, str(error))
        return redirect(course.url)
    return redirect("academy:attempt", attempt.pk)


def _own_attempt(request, attempt_id):
    attempt = Attempt.objects.select_related("quiz", "course").filter(pk=attempt_id).first()
    if attempt is None or (
        attempt.user_id != request.user.pk and not is_academy_admin(request.user)
    ):
        raise Http404
    return attempt


@login_required
def attempt_page(request, attempt_id):
    """The attempt's owner (academy administrators read it): answer, save, submit, review."""
    attempt = _own_attempt(request, attempt_id)
    owner = attempt.user_id == request.user.pk
    if request.method == "POST":
        if not owner:
            raise Http404
        answers = _answers_from(request.POST, attempt)
        if "save" in request.POST:
            attempt = attempt.save_answers(answers)
            if attempt.status == AttemptStatus.IN_PROGRESS:
                messages.success(request, "Ответы сохранены.")
        else:
            attempt = attempt.submit(answers)
            course = attempt.course
            enrollment = Enrollment.objects.filter(user=request.user, course=course).first()
            if enrollment:
                enrollment.refresh_progress()
        return redirect("academy:attempt", attempt.pk)
    if attempt.status == AttemptStatus.IN_PROGRESS and attempt.expired_now():
        attempt = attempt.submit({})
    used = Attempt.objects.of(attempt.user_id, attempt.quiz_id, attempt.course_id).count()
    limit = Attempt.allowed_attempts(attempt.user, attempt.quiz)
    return render(
        request,
        "academy/attempt.html",
        {
            "attempt": attempt,
            "owner": owner,
            "rows": attempt.review(),
            "attempts_left": None if limit is None else max(0, limit - used),
            "events": attempt.events.all() if not owner else [],
        },
    )
