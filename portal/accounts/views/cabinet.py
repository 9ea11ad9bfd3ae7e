from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.accounts.cabinet import rendered_sections
from portal.accounts.models import DeletionRequest


@login_required
def index(request):
    """Signed-in users: their personal dashboard with a section per service."""
    context = {
        "sections_html": rendered_sections(request),
        "deletion_pending": DeletionRequest.objects.pending().filter(user=request.user).exists(),
    }
    return render(request, "accounts/cabinet.html", context)


@login_required
def security(request):
    """Signed-in users: password, e-mail and two-factor authentication of their own account."""
    kinds = set(Authenticator.objects.filter(user=request.user).values_list("type", flat=True))
    context = {
        "has_totp": Authenticator.Type.TOTP in kinds,
        "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in kinds,
    }
    return render(request, "accounts/security.html", context)
