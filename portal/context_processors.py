import functools

from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from portal.notifications.models import Notification, unread_key
from portal.pages.cache import CONTACTS_KEY
from portal.pages.contacts import site_contacts
from portal.registry import ordered, services


def layout(request):
    """What every page's header and footer need: services menu, unread count, accessibility."""
    unread = 0
    contacts = SimpleLazyObject(site_contacts)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Both from the cache in one round trip; either is read the usual way when missing.
        found = cache.get_many([unread_key(user.pk), CONTACTS_KEY])
        unread = found.get(unread_key(user.pk))
        if unread is None:
            unread = Notification.objects.store_unread_count(user)
        contacts = found.get(CONTACTS_KEY, contacts)
    return {
        "portal_services": _service_links(
            tuple((service.url_name, service.title) for service in ordered(services)),
            get_script_prefix(),
        ),
        "unread_notifications": unread,
        "low_vision": request.COOKIES.get("low_vision") == "1",
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_contacts": contacts,
    }


@functools.lru_cache(maxsize=8)
def _service_links(entries: tuple, script_prefix: str) -> list[dict]:
    """The services' titles and addresses, reversed once per process (and prefix the site is
    served under): every page's header and footer list them, a dozen URL lookups otherwise."""
    return [{"title": title, "url": reverse(url_name)} for url_name, title in entries]
