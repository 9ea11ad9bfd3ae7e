"""Employees write practices on the site, step by step: a draft saved at every step, a review
of the whole practice, submission to moderation, moderated edits of a published practice.

The steps are declared in practices/steps.py; docs/practices.md, «Writing on the site».
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.accounts.decorators import verified_required
from portal.community import limits
from portal.community.access import ensure_may_write, is_moderator
from portal.community.models import CaseKind, ModerationCase
from portal.community.moderation import submit_for_review
from portal.submissions import submit_once
from practices import steps
from practices.forms import BudgetLineFormSet
from practices.models import Practice, PracticeStatus
from practices.search import search_practices

SIMILAR_SHOWN = 5
DRAFT_SAVED = "Черновик сохранён."
EDIT_SAVED = (
    "Правка сохранена. Отправьте её на модерацию на последнем шаге; до решения на сайте "
    "остаётся опубликованная версия."
)
# Where the buttons of a step lead after it is saved: the next step, the previous one, or
# the same page («Сохранить черновик»).
MOVES = {"next": 1, "back": -1, "stay": 0}


def _step_url(practice, slug):
    if slug == steps.REVIEW:
        return reverse("practices:review", args=[practice.pk])
    return reverse("practices:step", args=[practice.pk, slug])


def _target(request, practice, slug):
    move = MOVES.get(request.POST.get("go"), 1)
    return _step_url(practice, steps.neighbour(slug, move) or slug)


@verified_required
def practice_new(request):
    """Verified employees: the first step of a new practice; saving it creates the draft."""
    ensure_may_write(request.user)
    if request.user.municipality_id is None:
        messages.error(request, "Укажите муниципальное образование в профиле.")
        return redirect("cabinet:profile")
    step = steps.BY_SLUG["about"]
    form = step.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if limits.over_limit(request, "item"):
            return limits.too_many(request)

        def create():
            practice = form.save(commit=False)
            practice.author, practice.municipality = request.user, request.user.municipality
            practice.live = False
            practice.spheres.set(form.cleaned_data["spheres"])  # written by the model's save()
            practice.save()
            return practice

        outcome = submit_once(
            request, form, create, url=lambda practice: _target(request, practice, step.slug)
        )
        if not outcome.repeated:
            messages.success(request, DRAFT_SAVED)
        return redirect(outcome.url)
    return _render_step(request, None, None, step, form, [])


def _own_practice(request, pk):
    practice = get_object_or_404(Practice.objects.select_related("municipality__region"), pk=pk)
    if practice.author_id != request.user.pk:
        raise Http404("Практика не найдена.")
    return practice


def _editing(practice):
    """What the author's steps change: a published practice's edit in its latest revision
    (the public version stays until a moderator approves), otherwise the practice itself."""
    if practice.live and practice.has_unpublished_changes and practice.latest_revision_id:
        return practice.latest_revision.as_object()
    return practice


@verified_required
def practice_edit(request, pk):
    """The author only: their practice opens at the first step still to fill in."""
    practice = _own_practice(request, pk)
    return redirect(_step_url(practice, steps.first_incomplete(_editing(practice))))


@verified_required
def practice_step(request, pk, slug):
    """The author only: one step of the practice, saved whole or not at all."""
    practice = _own_practice(request, pk)
    step = steps.BY_SLUG.get(slug)
    if step is None:
        raise Http404("Такого шага нет.")
    editing = _editing(practice)
    posted = request.method == "POST"
    data, files = (request.POST, request.FILES) if posted else (None, None)
    form = step.form(data, instance=editing)
    rows = step.row_formsets(data, files, editing)
    if posted and _all_valid(form, rows):
        ensure_may_write(request.user)
        target = _target(request, practice, slug)

        def save():
            _save_step(request, practice, form, rows)
            return practice

        if any(row.has_changed() for formset in rows for row in formset.extra_forms):
            # New rows (indicators, budget lines, files) are created: a reload or a double
            # click must not create them twice.
            outcome = submit_once(request, form, save, url=target, formsets=rows)
        else:
            save()
            outcome = None
        if outcome is None or not outcome.repeated:
            messages.success(request, EDIT_SAVED if practice.live else DRAFT_SAVED)
        return redirect(target if outcome is None else outcome.url)
    return _render_step(request, practice, editing, step, form, rows)


def _all_valid(form, rows):
    valid = form.is_valid()
    return all([valid, *(formset.is_valid() for formset in rows)])


@transaction.atomic
def _save_step(request, practice, form, rows):
    """One transaction: a failure leaves the practice, its rows and its revisions as they were.
    A draft changes in place; a published practice gets a new revision."""
    edited = form.save(commit=False)
    if "spheres" in form.cleaned_data:
        edited.spheres.set(form.cleaned_data["spheres"])
    for formset in rows:
        # Into the practice cluster: saved with it, or with the revision (new files first).
        formset.instance = edited
        formset.save(commit=False)
        if isinstance(formset, BudgetLineFormSet) and not edited.budget and formset.total:
            edited.budget = formset.total  # an empty total budget is the sum of the lines
    if practice.live:
        edited.save_revision(user=request.user)
    else:
        edited.save()


def _render_step(request, practice, editing, step, form, rows):
    position = steps.STEPS.index(step)
    context = {
        "form": form,
        "step": step,
        "number": position + 1,
        "total": len(steps.STEPS) + 1,
        "has_previous": position > 0,
        "progress": steps.progress(editing),
        "practice": practice,
        "pending": _pending_case(practice) if practice else None,
        "rows": {formset.prefix: formset for formset in rows},
        "row_errors": any(formset.total_error_count() for formset in rows),
        # A browser never sends a chosen file again: after a refusal the author picks it anew.
        "files_dropped": request.method == "POST" and bool(request.FILES),
        "similar": _similar(editing) if step.slug == "about" and editing else [],
    }
    return render(request, "practices/form.html", context)


def _similar(practice):
    """Published practices like this one by title, itself left out: shown without JavaScript."""
    found = search_practices(practice.title, SIMILAR_SHOWN + 1)[0]
    return [other for other in found if other.pk != practice.pk][:SIMILAR_SHOWN]


def _pending_case(practice):
    return ModerationCase.objects.for_item(practice).open().exclude(kind=CaseKind.REPORT).first()


@verified_required
def practice_review(request, pk):
    """The author only: the whole practice to check, then «Отправить на модерацию» once
    every required step is complete. Sending again changes nothing (one open case)."""
    practice = _own_practice(request, pk)
    editing = _editing(practice)
    gaps = steps.missing(editing)
    if request.method == "POST" and not gaps:
        ensure_may_write(request.user)
        if practice.live and not practice.has_unpublished_changes:
            messages.info(request, "Изменений нет: опубликованная версия не менялась.")
        else:
            _submit(practice)
            messages.success(request, _submitted_message(practice))
        return redirect(_step_url(practice, steps.REVIEW))
    context = {
        "practice": practice,
        "shown": editing,
        "progress": steps.progress(editing),
        "gaps": gaps,
        "refused": request.method == "POST",
        "number": len(steps.STEPS) + 1,
        "total": len(steps.STEPS) + 1,
        "pending": _pending_case(practice),
        "similar": _similar(editing),
        "history": practice.revisions.order_by("-created_at")[:20],
    }
    return render(request, "practices/review.html", context)


def _submit(practice):
    if not practice.live:
        Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.ON_REVIEW)
    submit_for_review(practice, CaseKind.EDIT if practice.live else CaseKind.NEW)


def _submitted_message(practice):
    if practice.live:
        return (
            "Изменения отправлены на модерацию. До решения на сайте остаётся опубликованная версия."
        )
    return "Практика отправлена на модерацию. Мы сообщим о решении."


@verified_required
def practice_preview(request, pk):
    """The author and moderators: the page as it will look, including an edit under review."""
    practice = get_object_or_404(Practice, pk=pk)
    if practice.author_id != request.user.pk and not is_moderator(request.user):
        raise Http404("Практика не найдена.")
    shown = practice.latest_revision.as_object() if practice.latest_revision else practice
    context = {"practice": shown, "show_contacts": True, "preview": True}
    return render(request, "practices/detail.html", context)


@verified_required
def my_practices(request):
    """Verified employees: their own practices with statuses («Мои практики»)."""
    practices = Practice.objects.filter(author=request.user).for_lists().order_by("-updated_at")
    return render(request, "practices/mine.html", {"practices": practices[:200]})


@require_GET
def similar(request):
    """Public: published practices like the title being typed (a fragment for the form)."""
    text = request.GET.get("title", "")[:200]
    found = search_practices(text, SIMILAR_SHOWN)[0] if len(text.strip()) >= 4 else []
    return render(request, "practices/includes/similar.html", {"similar": found})
