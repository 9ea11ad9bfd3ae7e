from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

ADMIN_PREFIXES = ("/admin/", "/cms/")
# Wagtail's own sign-in form would skip allauth's two-factor step.
ADMIN_LOGIN_PATHS = ("/cms/login/",)
WAGTAIL_PREFIX = "/cms/"


class StaffTwoFactorMiddleware:
    """Admin screens are entered only through allauth's sign-in, and staff roles need TOTP.

    A signed-in person without the right to Wagtail gets the portal's 403 page: Wagtail itself
    would send them to sign in, and the sign-in page sends a signed-in person back (a loop).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_LOGIN_PATHS):
            next_url = request.GET.get(REDIRECT_FIELD_NAME, "/cms/")
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        user = request.user
        if (
            request.path.startswith(WAGTAIL_PREFIX)
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied("Редакторский раздел доступен только редакторам портала.")
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

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
