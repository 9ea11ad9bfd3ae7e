"""Verification requests: the person's own page in the cabinet and the moderators' queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.accounts.decorators import confirmed_email_required
from portal.accounts.forms import RejectionForm, VerificationRequestForm
from portal.accounts.models import VerificationRequest

QUEUE_PAGE_SIZE = 30
may_decide = permission_required("accounts.change_verificationrequest", raise_exception=True)


@confirmed_email_required
def request_verification(request):
    """Signed-in users: ask a moderator to verify them, and follow the request's state."""
    user = request.user
    latest = user.verification_requests.select_related("municipality").order_by("-pk").first()
    pending = latest if latest is not None and latest.is_pending else None
    form = None
    if not user.is_verified and pending is None:
        initial = {"municipality": user.municipality, "position": user.position}
        form = VerificationRequestForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            VerificationRequest.submit(user, **form.cleaned_data)
            messages.success(request, "Заявка отправлена модераторам.")
            return redirect("cabinet:verification")
    elif request.method == "POST":
        messages.info(request, "Заявка уже на рассмотрении — повторно не отправляем.")
        return redirect("cabinet:verification")
    context = {"form": form, "latest": latest}
    return render(request, "accounts/verification.html", context)


@login_required
@may_decide
def verification_queue(request):
    """Moderators and administrators: pending verification requests, oldest first."""
    return _render_queue(request)


@require_POST
@login_required
@may_decide
def decide_verification(request, pk):
    """Moderators and administrators: approve a request, or reject it with a reason."""
    item = get_object_or_404(VerificationRequest, pk=pk)
    if "approve" in request.POST:
        if item.approve(request.user):
            messages.success(request, f"{item.user} подтверждён(а) как служащий.")
        else:
            messages.info(request, "Заявка уже рассмотрена.")
        return redirect("cabinet:verification_queue")
    form = RejectionForm(request.POST)
    if not form.is_valid():
        return _render_queue(request, rejecting=item, form=form, status=400)
    if item.reject(request.user, form.cleaned_data["note"]):
        messages.success(request, f"Заявка {item.user} отклонена, пользователь уведомлён.")
    else:
        messages.info(request, "Заявка уже рассмотрена.")
    return redirect("cabinet:verification_queue")


def _render_queue(request, rejecting=None, form=None, status=200):
    page = Paginator(VerificationRequest.objects.queue(), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "rejecting": rejecting, "rejection_form": form}
    return render(request, "accounts/verification_queue.html", context, status=status)
