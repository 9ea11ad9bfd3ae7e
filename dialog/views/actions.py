"""Staff and author actions on a problem. Each is refused with a clear message when the
problem changed since the page was shown (StaleTransition) or the role does not allow it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from dialog import access, answering, submission, supporting, workflow
from dialog.forms import (
    ActionForm,
    AnswerForm,
    MergeForm,
    MilestoneForm,
    NoteForm,
    ReassignForm,
    ReviewForm,
)
from dialog.models import InternalNote
from dialog.models.lifecycle import ACTIONS
from dialog.views.problems import render_problem, visible_problem
from dialog.workflow import StaleTransition

DONE = {
    "submit": "Проблема отправлена на модерацию.",
    "publish": "Проблема опубликована.",
    "return_to_author": "Проблема возвращена автору.",
    "reject": "Проблема отклонена.",
    "start_work": "Проблема взята в работу.",
    "resolve": "Проблема отмечена решённой.",
    "declare_unsolvable": "Проблема отмечена как не решаемая.",
}


def _stale(request, problem, error):
    messages.error(request, str(error))
    return redirect(problem)


@require_POST
@login_required
def transition(request, pk, action):
    """The role the transition names (see dialog.models.lifecycle): author, moderator or expert."""
    problem = visible_problem(request, pk)
    if action not in ACTIONS:
        raise PermissionDenied("Неизвестное действие.")
    form = ActionForm(request.POST)
    try:
        if not form.is_valid():
            raise forms.ValidationError("Форма устарела: обновите страницу.")
        comment = form.comment_for(action)
    except forms.ValidationError as error:
        form.add_error(None, error)
        return render_problem(request, problem, action_form=form)
    try:
        if action == "submit":
            if problem.status != form.cleaned_data["status"]:
                raise StaleTransition(workflow._stale_message(problem.pk))
            submission.submit(problem.pk, request.user)
        else:
            workflow.perform(problem.pk, action, request.user, form.cleaned_data["status"], comment)
    except StaleTransition as error:
        return _stale(request, problem, error)
    except forms.ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(problem)
    messages.success(request, DONE[action])
    return redirect(problem)


@require_POST
@login_required
def answer(request, pk):
    """The assigned expert or the direction's lead expert: publish the official answer."""
    problem = visible_problem(request, pk)
    if not access.can_answer(request.user, problem):
        raise PermissionDenied("Отвечать может эксперт, которому назначена проблема.")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render_problem(request, problem, answer_form=form)
    data = form.cleaned_data
    try:
        answering.give_answer(
            problem.pk, request.user, data["text"], data["citations"], data["status"]
        )
    except StaleTransition as error:
        return _stale(request, problem, error)
    messages.success(request, "Ответ опубликован.")
    return redirect(problem)


@require_POST
@login_required
def review(request, pk):
    """The author, once: ask the lead expert to review the answer, with a reason."""
    problem = visible_problem(request, pk)
    if request.user.pk != problem.author_id:
        raise PermissionDenied("Запросить пересмотр может только автор.")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render_problem(request, problem, review_form=form)
    try:
        answering.request_review(
            problem.pk, request.user, form.cleaned_data["reason"], form.cleaned_data["status"]
        )
    except StaleTransition as error:
        return _stale(request, problem, error)
    messages.success(request, "Ответ передан ведущему эксперту на пересмотр.")
    return redirect(problem)


@require_POST
@login_required
def merge(request, pk):
    """Moderators: merge this duplicate into another published problem."""
    problem = visible_problem(request, pk)
    if not access.is_moderator(request.user):
        raise PermissionDenied("Объединять проблемы могут модераторы.")
    form = MergeForm(request.POST)
    if not form.is_valid():
        return render_problem(request, problem, merge_form=form)
    data = form.cleaned_data
    try:
        target = supporting.merge(
            problem.pk, data["target"].pk, request.user, data["status"], data["comment"]
        )
    except StaleTransition as error:
        return _stale(request, problem, error)
    messages.success(request, f"Проблема объединена с № {target.pk}.")
    return redirect(target)


@require_POST
@login_required
def reassign(request, pk):
    """Moderators and the direction's lead expert: choose the expert by hand."""
    problem = visible_problem(request, pk)
    if not (access.is_moderator(request.user) or access.is_lead_of(request.user, problem)):
        raise PermissionDenied("Назначать экспертов могут модераторы и ведущий эксперт.")
    form = ReassignForm(request.POST, problem=problem)
    if not form.is_valid():
        messages.error(request, "Выберите эксперта направления.")
        return redirect(problem)
    try:
        workflow.reassign(
            problem.pk, request.user, form.cleaned_data["expert"], form.cleaned_data["status"]
        )
    except StaleTransition as error:
        return _stale(request, problem, error)
    messages.success(request, "Эксперт назначен.")
    return redirect(problem)


@require_POST
@login_required
def note(request, pk):
    """Moderators and the direction's experts: an internal note nobody else sees."""
    problem = visible_problem(request, pk)
    if not access.is_staff_for(request.user, problem):
        raise PermissionDenied("Служебные заметки доступны модераторам и экспертам направления.")
    form = NoteForm(request.POST)
    if not form.is_valid():
        return render_problem(request, problem, note_form=form)
    InternalNote.objects.create(
        problem=problem, author=request.user, text=form.cleaned_data["text"]
    )
    messages.success(request, "Заметка сохранена.")
    return redirect(problem)


@require_POST
@login_required
def milestone(request, pk):
    """The problem's expert: a milestone of the work «в работе»."""
    problem = visible_problem(request, pk)
    if not access.can_answer(request.user, problem):
        raise PermissionDenied("Этапы ведёт эксперт проблемы.")
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return render_problem(request, problem, milestone_form=form)
    data = form.cleaned_data
    try:
        answering.add_milestone(
            problem.pk, request.user, data["title"], data["due_on"], data["progress"]
        )
    except StaleTransition as error:
        return _stale(request, problem, error)
    messages.success(request, "Этап добавлен.")
    return redirect(problem)
