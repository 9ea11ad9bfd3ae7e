"""A problem's page, writing and editing it, co-authorship and support."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_fsm import has_transition_perm

from dialog import access, answering, problem_page, submission, supporting
from dialog.filters import similar_problems
from dialog.forms import (
    ActionForm,
    AnswerForm,
    MergeForm,
    MilestoneForm,
    NoteForm,
    ProblemForm,
    RatingForm,
    ReassignForm,
    ReviewForm,
)
from dialog.models import Problem, ProblemStatus, Support
from dialog.models.lifecycle import ACTIONS
from dialog.splitting import SPLITTABLE
from portal import caching
from portal.accounts.decorators import verified_required
from portal.models import Sphere
from portal.submissions import submit_once
from portal.uploads import file_response


def _problem(pk):
    return get_object_or_404(
        Problem.objects.select_related(
            "direction", "municipality__region", "assignee", "author", "cluster"
        ),
        pk=pk,
    )


def _page_problem(pk):
    """The problem as its page shows it: the author is not shown, the expert only to staff
    (read then); joining their rows doubled the cost of this read."""
    return get_object_or_404(
        Problem.objects.select_related("direction", "municipality__region", "cluster"), pk=pk
    )


def _ensure_visible(request, problem):
    if not access.can_view(request.user, problem):
        raise Http404("Проблема не найдена или ещё не опубликована.")
    return problem


def visible_problem(request, pk):
    """The problem if the user may see it."""
    return _ensure_visible(request, _problem(pk))


def available_actions(user, problem):
    return [
        (name, label)
        for name, label in ACTIONS.items()
        if has_transition_perm(getattr(problem, name), user)
    ]


@require_GET
def attachment(request, pk, file_pk):
    """Whoever may see the problem: one of its files (or of its answers), as a download."""
    problem = visible_problem(request, pk)
    stored = get_object_or_404(problem.attachments, pk=file_pk)
    return file_response(stored.file, stored.name, private=not problem.is_public)


@require_GET
def detail(request, pk):
    """Public for published problems; the authors and staff for the others. Internal notes
    and the SLA clock only for moderators and the direction's experts. Served whole from the
    cache to visitors without a session (`dialog.problem_page`)."""
    key = problem_page.shared_key(request, pk)
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    problem = _page_problem(pk)
    # A merged problem sends to the problem it joined.
    if problem.status == ProblemStatus.MERGED and problem.merged_into_id:
        return redirect("dialog:problem", pk=problem.merged_into_id)
    _ensure_visible(request, problem)
    response = render(request, "dialog/problem.html", problem_context(request, problem))
    return caching.store_shared_page(request, key, response, problem_page.SHARED_PAGE_SECONDS)


def problem_context(request, problem, **forms):
    user = request.user
    is_staff = access.is_staff_for(user, problem)
    parts = problem_page.shared_parts(problem)
    context = {
        "problem": problem,
        "parts": parts,
        "is_staff": is_staff,
        "is_author": user.is_authenticated and user.pk == problem.author_id,
        "split_parts": problem_page.split_parts_for(parts, user, is_staff),
        "supported": user.is_authenticated
        and Support.objects.filter(problem=problem, user=user).exists(),
        "can_support": access.can_support(user, problem),
        "actions": available_actions(user, problem) if user.is_authenticated else [],
        "action_form": forms.get("action_form") or ActionForm(initial={"status": problem.status}),
        "can_answer": problem.status == ProblemStatus.REVIEW and access.can_answer(user, problem),
        "answer_form": forms.get("answer_form") or AnswerForm(initial={"status": problem.status}),
        "can_review": user.is_authenticated
        and user.pk == problem.author_id
        and problem.status
        in (
            ProblemStatus.ANSWERED,
            ProblemStatus.IN_PROGRESS,
            ProblemStatus.SOLVED,
            ProblemStatus.UNSOLVABLE,
        )
        and not problem.review_requested,
        "review_form": forms.get("review_form") or ReviewForm(initial={"status": problem.status}),
        "rating_form": RatingForm(),
        "invited": user.is_authenticated and user.pk in parts["invited"],
        "similar": similar_problems(problem.title, problem.direction_id, problem.pk, limit=3)
        if problem.status == ProblemStatus.MODERATION and access.is_moderator(user)
        else [],
    }
    if is_staff:
        context["notes"] = problem.internal_notes.select_related("author")
        context["note_form"] = forms.get("note_form") or NoteForm()
        context["merge_form"] = forms.get("merge_form") or MergeForm(
            initial={"status": problem.status}
        )
        context["can_merge"] = access.is_moderator(user) and problem.status in (
            ProblemStatus.MODERATION,
            ProblemStatus.PUBLISHED,
            ProblemStatus.REVIEW,
        )
        context["can_split"] = access.is_moderator(user) and problem.status in SPLITTABLE
        context["can_reassign"] = (
            access.is_moderator(user) or access.is_lead_of(user, problem)
        ) and problem.status in (ProblemStatus.PUBLISHED, ProblemStatus.REVIEW)
        context["reassign_form"] = ReassignForm(initial={"status": problem.status}, problem=problem)
        context["can_milestone"] = (
            problem.status == ProblemStatus.IN_PROGRESS and access.can_answer(user, problem)
        )
        context["milestone_form"] = forms.get("milestone_form") or MilestoneForm()
    return context


def render_problem(request, problem, status=400, **forms):
    return render(
        request, "dialog/problem.html", problem_context(request, problem, **forms), status=status
    )


def _direction(request):
    value = request.POST.get("direction") or request.GET.get("direction")
    if value and str(value).isdigit():
        return Sphere.objects.directions().filter(pk=value).first()
    return Sphere.objects.directions().filter(slug=value).first() if value else None


@require_http_methods(["GET", "POST"])
@verified_required
def new(request):
    """Verified employees: write a problem; saved as a draft or sent to moderation."""
    direction = _direction(request)
    if request.method == "GET":
        initial = {"direction": direction.pk} if direction else {}
        form = ProblemForm(initial=initial, direction=direction)
        return render(request, "dialog/problem_form.html", {"form": form, "direction": direction})
    form = ProblemForm(request.POST, request.FILES, direction=direction)
    return _save(request, form, direction, None)


@require_http_methods(["GET", "POST"])
@verified_required
def edit(request, pk):
    """The author: edit a draft or a problem returned for revision."""
    problem = get_object_or_404(Problem, pk=pk, author=request.user)
    if problem.status not in (ProblemStatus.DRAFT, ProblemStatus.RETURNED):
        messages.error(request, "Изменять можно только черновик или возвращённую проблему.")
        return redirect(problem)
    direction = _direction(request) or problem.direction
    if request.method == "GET":
        form = ProblemForm(initial=ProblemForm.initial_for(problem), direction=direction)
        return render(
            request,
            "dialog/problem_form.html",
            {"form": form, "direction": direction, "problem": problem},
        )
    form = ProblemForm(request.POST, request.FILES, direction=direction)
    return _save(request, form, direction, problem)


def _save(request, form, direction, problem):
    """Save the draft (a new one once per form token, see docs/forms.md), then send it to
    moderation if asked. Over the daily limit the draft stays and the user is told why."""
    context = {"form": form, "direction": direction, "problem": problem}
    if not form.is_valid():
        return render(request, "dialog/problem_form.html", context, status=400)
    data = form.cleaned_data
    if problem is None:
        outcome = submit_once(
            request, form, lambda: submission.save_draft(request.user, data, data["form_token"])[0]
        )
        if outcome.repeated:
            messages.info(request, "Это уже сохранено — показываем созданную проблему.")
            return redirect(outcome.url)
        problem = outcome.created
    else:
        try:
            submission.save_draft(request.user, data, None, problem)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(problem)
    if "send" not in request.POST:
        messages.success(request, "Черновик сохранён.")
        return redirect(problem)
    try:
        submission.submit(problem.pk, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Проблема отправлена на модерацию.")
    return redirect(problem)


@require_POST
@login_required
def confirm_coauthor(request, pk):
    """An invited colleague: confirm taking part in the joint submission."""
    submission.confirm_coauthorship(pk, request.user)
    messages.success(request, "Вы стали соавтором проблемы.")
    return redirect("dialog:problem", pk=pk)


@require_POST
@verified_required
def support(request, pk):
    """Verified employees other than the author: support a published problem once."""
    problem = visible_problem(request, pk)
    if supporting.support(problem.pk, request.user):
        messages.success(request, "Вы поддержали проблему.")
    return redirect(problem)


@require_POST
@verified_required
def withdraw(request, pk):
    """The supporter: withdraw their support."""
    problem = visible_problem(request, pk)
    if supporting.withdraw(problem.pk, request.user):
        messages.success(request, "Поддержка отозвана.")
    return redirect(problem)


@require_POST
@login_required
def rate(request, pk):
    """The author: rate the latest answer from 1 to 5."""
    problem = visible_problem(request, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите оценку от 1 до 5.")
        return redirect(problem)
    try:
        answering.rate(problem.pk, request.user, form.cleaned_data["rating"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(problem)
    messages.success(request, "Спасибо за оценку.")
    return redirect(problem)
