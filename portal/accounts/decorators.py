"""Access decorators: every view states who may use it.

The portal's one rule for people who are not (yet) verified employees, see docs/roles.md:

- reading and private tools (bookmarks, subscriptions, alerts, calendar, notifications) need
  only a confirmed e-mail: `confirmed_email_required`;
- anything other people see or anything that takes an expert's time (publishing, comments,
  consultations with a lawyer, dialog problems) needs verification: `verified_required`.

The rule itself is two properties of the user, `User.can_use_private_tools` and
`User.can_publish`; templates ask the same properties to offer only what the user may use.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


class VerificationRequired(PermissionDenied):
    """Refused only because the user is not a verified employee yet: the 403 page then says
    how to get verified (portal.accounts.views.errors)."""


VERIFICATION_MESSAGE = (
    "Это могут делать только подтверждённые муниципальные служащие: публиковать, "
    "комментировать, задавать вопросы юристам и экспертам."
)


def _guarded(view, allowed, refusal, message):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not allowed(request.user):
            raise refusal(message)
        return view(request, *args, **kwargs)

    return wrapper


def confirmed_email_required(view):
    """Signed-in users with a confirmed e-mail: reading and private tools. Signing in already
    requires a confirmed address (ACCOUNT_EMAIL_VERIFICATION = "mandatory")."""
    return _guarded(
        view,
        lambda user: user.can_use_private_tools,
        PermissionDenied,
        "Учётная запись отключена.",
    )


def verified_required(view):
    """Verified municipal employees: anything others see or that takes an expert's time.
    Others get 403 with the way to verification; guests are sent to sign in."""
    return _guarded(view, lambda user: user.can_publish, VerificationRequired, VERIFICATION_MESSAGE)


def role_required(*role_names):
    """Users holding one of `role_names` (superusers always pass); others get 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(request.user.has_role(role) for role in role_names):
                raise PermissionDenied("Недостаточно прав.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
