"""Wagtail's user screens follow the same rule as Django admin: only a superuser touches a
superuser (who may manage accounts at all is decided by the `accounts.*_user` permissions,
which only administrators hold)."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks


@hooks.register("before_edit_user")
@hooks.register("before_delete_user")
def only_superusers_touch_superusers(request, user):
    if user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied("Учётную запись суперпользователя меняет только суперпользователь.")
