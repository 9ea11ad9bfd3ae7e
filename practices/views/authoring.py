"""Employees write practices on the site: draft, preview, submission, moderated edits."""

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
from practices.attachment_forms import attachment_rows
from practices.forms import PracticeForm, result_formsets
from practices.models import Practice, PracticeStatus
from practices.search import search_practices

SUBMIT = "submit"
SIMILAR_SHOWN = 5


def _edit_url(practice):
    return reverse("practices:edit", args=[practice.pk])


def _submit(practice):
    if not practice.live:
        Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.ON_REVIEW)
    submit_for_review(practice, CaseKind.EDIT if practice.live else CaseKind.NEW)


@verified_required
def practice_new(request):
    """Verified employees: a new practice of their municipality, saved as a draft or submitted."""
    ensure_may_write(request.user)
    if request.user.municipality_id is None:
        messages.error(request, "Укажите муниципальное образование в профиле.")
        return redirect("cabinet:profile")
    form = PracticeForm(request.POST or None)
    rows = _rows(request, form.instance)
    if request.method == "POST" and _all_valid(form, rows):
        if limits.over_limit(request, "item"):
            return limits.too_many(request)

        def create():
            practice = form.save(commit=False)
            practice.author, practice.municipality = request.user, request.user.municipality
            practice.live = False
            # Parental many-to-many values and child rows are written by the model's save().
            practice.spheres.set(form.cleaned_data["spheres"])
            _stage_rows(practice, rows)
            practice.save()
            if request.POST.get("action") == SUBMIT:
                _submit(practice)
            return practice

        outcome = submit_once(request, form, create, url=_edit_url)
        if not outcome.repeated:
            messages.success(request, _saved_message(request))
        return redirect(outcome.url)
    context = {"form": form, "practice": None, **_rows_context(request, rows)}
    return render(request, "practices/form.html", context)


def _rows(request, instance):
    """Indicators, budget lines, documents and photos: the child rows of the practice form."""
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    return (*result_formsets(data, instance, files), attachment_rows(data, files, instance))


def _rows_context(request, rows):
    return {
        "indicators": rows[0],
        "budget_lines": rows[1],
        "attachments": rows[2],
        # A browser never sends a chosen file again: after a refusal the author picks it anew.
        "files_dropped": request.method == "POST" and bool(request.FILES),
    }


def _all_valid(form, rows):
    valid = form.is_valid()
    return all([valid, *(formset.is_valid() for formset in rows)])


def _stage_rows(practice, rows):
    """Put the indicator, budget and file rows into the practice cluster (saved with it or with
    a revision, which stores new files first); an empty total budget is taken from the lines."""
    for formset in rows:
        formset.instance = practice
        formset.save(commit=False)
    if not practice.budget and rows[1].total:
        practice.budget = rows[1].total


def _saved_message(request):
    if request.POST.get("action") == SUBMIT:
        return "Практика отправлена на модерацию. Мы сообщим о решении."
    return "Черновик сохранён."


def _own_practice(request, pk):
    practice = get_object_or_404(Practice.objects.select_related("municipality__region"), pk=pk)
    if practice.author_id != request.user.pk:
        raise Http404("Практика не найдена.")
    return practice


def _pending_case(practice):
    return ModerationCase.objects.for_item(practice).open().exclude(kind=CaseKind.REPORT).first()


@verified_required
def practice_edit(request, pk):
    """The author only. A draft changes in place; a published practice keeps its public version
    while the edit waits for a moderator in a revision."""
    practice = _own_practice(request, pk)
    editing = (
        practice.latest_revision.as_object()
        if practice.live and _pending_case(practice)
        else practice
    )
    form = PracticeForm(request.POST or None, instance=editing)
    rows = _rows(request, editing)
    if request.method == "POST" and _all_valid(form, rows):
        ensure_may_write(request.user)
        _save_edit(request, practice, form, rows)
        return redirect(_edit_url(practice))
    context = {
        "form": form,
        **_rows_context(request, rows),
        "practice": practice,
        "pending": _pending_case(practice),
        "history": practice.revisions.order_by("-created_at")[:20],
    }
    return render(request, "practices/form.html", context)


@transaction.atomic
def _save_edit(request, practice, form, rows):
    """One transaction: a failure leaves the practice, its rows and its revisions as they were."""
    if practice.live:
        edited = form.save(commit=False)
        edited.spheres.set(form.cleaned_data["spheres"])  # kept in the revision
        _stage_rows(edited, rows)
        edited.save_revision(user=request.user)
        _submit(practice)
        messages.success(
            request,
            "Изменения отправлены на модерацию. До решения на сайте остаётся "
            "опубликованная версия.",
        )
    else:
        edited = form.save(commit=False)
        edited.spheres.set(form.cleaned_data["spheres"])
        _stage_rows(edited, rows)
        edited.save()
        if request.POST.get("action") == SUBMIT:
            _submit(practice)
        messages.success(request, _saved_message(request))


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
