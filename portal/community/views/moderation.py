"""The moderation queue on the site: moderators only."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.accounts import roles
from portal.accounts.decorators import role_required
from portal.accounts.models import User
from portal.community import moderation
from portal.community.forms import BlockForm, DecisionForm
from portal.community.models import (
    CaseKind,
    CaseState,
    ModerationAction,
    ModerationCase,
    ModerationReason,
)

PER_PAGE = 50


def _queue(params):
    cases = ModerationCase.objects.select_related("content_type", "author", "decided_by")
    state = params.get("state") or CaseState.OPEN
    if state in CaseState.values:
        cases = cases.filter(state=state)
    if params.get("kind") in CaseKind.values:
        cases = cases.filter(kind=params["kind"])
    if params.get("type", "").isdigit():
        cases = cases.filter(content_type_id=int(params["type"]))
    return cases.prefetch_related("reports", "target"), state


@role_required(roles.MODERATOR)
def queue(request):
    """Moderators: everything pending (new items, edits, reported items), with filters."""
    cases, state = _queue(request.GET)
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "state": state,
        "kind": request.GET.get("kind", ""),
        "type": request.GET.get("type", ""),
        "states": CaseState.choices,
        "kinds": CaseKind.choices,
        "types": ContentType.objects.filter(
            pk__in=ModerationCase.objects.values("content_type")
        ).order_by("model"),
        "form": DecisionForm(),
        "reasons": ModerationReason.objects.all(),
    }
    return render(request, "community/queue.html", context)


@role_required(roles.MODERATOR)
@require_POST
def decide(request):
    """Moderators: one decision for the ticked cases; a case decided by another is skipped."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("community:queue")
    approve = form.cleaned_data["decision"] == DecisionForm.APPROVE
    done = [
        moderation.decide(case.pk, request.user, approve, form.cleaned_data["reason"])
        for case in form.cleaned_data["cases"]
    ]
    messages.success(request, f"Решено дел: {sum(done)}.")
    if not all(done):
        messages.warning(request, "Часть дел уже решил другой модератор.")
    return redirect("community:queue")


@role_required(roles.MODERATOR)
def log(request):
    """Moderators: the moderation log — who, when, what, why."""
    actions = ModerationAction.objects.select_related("moderator", "content_type")
    page = Paginator(actions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/log.html", {"page_obj": page})


@role_required(roles.MODERATOR)
def block_user(request, user_id):
    """Moderators: keep a repeat offender from writing for a period, with a reason."""
    offender = get_object_or_404(User, pk=user_id)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.block(
            offender, form.cleaned_data["days"], form.cleaned_data["reason"], request.user
        )
        messages.success(request, f"Пользователь {offender} заблокирован.")
        return redirect("community:queue")
    return render(request, "community/block.html", {"form": form, "offender": offender})
