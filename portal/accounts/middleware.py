from django.contrib import messages
from django.shortcuts import redirect

ADMIN_PREFIXES = ("/admin/", "/cms/")


class StaffTwoFactorMiddleware:
    """Staff roles reach the admin screens only after enabling two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(ADMIN_PREFIXES)
            and user.is_authenticated
            and user.needs_two_factor
            and not _has_totp(user)
        ):
            messages.warning(
                request,
                "Для работы в административном разделе включите двухфакторную аутентификацию.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
