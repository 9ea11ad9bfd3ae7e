from django.shortcuts import render

from portal.accounts.decorators import VerificationRequired


def permission_denied(request, exception=None):
    """The portal's 403 page; a refusal for lack of verification says how to get verified."""
    user = request.user
    context = {"exception": str(exception or "")}
    if isinstance(exception, VerificationRequired) and user.is_authenticated:
        context["verification_needed"] = True
        context["verification_pending"] = user.verification_requests.pending().exists()
    return render(request, "403.html", context, status=403)
