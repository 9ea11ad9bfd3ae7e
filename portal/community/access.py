"""Who may do what in the community; views call these instead of repeating the rules."""

from django.core.exceptions import PermissionDenied

from portal.accounts import roles
from portal.community.models import Block


def is_moderator(user):
    return user.is_authenticated and user.has_role(roles.MODERATOR)


def active_block(user):
    return Block.objects.active().filter(user=user).order_by("-until").first()


def ensure_may_write(user):
    """Verified employees who are not blocked write (comment, react, report, ask); 403 otherwise."""
    if not user.can_publish:
        raise PermissionDenied(
            "Писать в сообществе могут только подтверждённые муниципальные служащие."
        )
    block = active_block(user)
    if block is not None:
        raise PermissionDenied(
            f"Вы не можете писать в сообществе до {block.until:%d.%m.%Y %H:%M}. "
            f"Причина: {block.reason}"
        )
