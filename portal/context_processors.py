from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.notifications.models import Notification
from portal.pages.contacts import site_contacts
from portal.registry import ordered, services


def layout(request):
    """What every page's header and footer need: services menu, unread count, accessibility."""
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        unread = Notification.objects.unread_count(user)
    return {
        "portal_services": ordered(services),
        "unread_notifications": unread,
        "low_vision": request.COOKIES.get("low_vision") == "1",
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_contacts": SimpleLazyObject(site_contacts),
    }
