import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.accounts.export import personal_data
from portal.accounts.forms import DeletionRequestForm
from portal.accounts.models import DeletionRequest


@login_required
def export_data(request):
    """Signed-in users: download everything the portal stores about them, as JSON."""
    body = json.dumps(personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def deletion(request):
    """Signed-in users: request deletion of their own account, confirmed by their password."""
    pending = DeletionRequest.objects.pending().filter(user=request.user).first()
    form = DeletionRequestForm(request.user, request.POST or None)
    if request.method == "POST" and pending is None and form.is_valid():
        DeletionRequest.open_for(request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "Запрос на удаление учётной записи отправлен.")
        return redirect("cabinet:deletion")
    return render(request, "accounts/deletion.html", {"form": form, "pending": pending})


@login_required
@require_POST
def cancel_deletion(request):
    """Signed-in users: withdraw their own pending deletion request."""
    pending = DeletionRequest.objects.pending().filter(user=request.user).first()
    if pending is not None and pending.cancel():
        messages.success(request, "Запрос на удаление отменён.")
    return redirect("cabinet:deletion")
