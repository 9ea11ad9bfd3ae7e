"""Access decorators: every view states who may use it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def verified_required(view):
    """Verified municipal employees only: they may publish; others are refused with 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.can_publish:
            raise PermissionDenied(
                "Публиковать могут только подтверждённые муниципальные служащие."
            )
        return view(request, *args, **kwargs)

    return wrapper


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
