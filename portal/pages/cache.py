"""Caching of the anonymous home page and of the footer contacts.

The anonymous home page is the busiest page of the portal, so its rendered HTML is cached under
a key that contains a version number. Publishing, unpublishing, moving or deleting any page bumps
the version (see `portal.pages.signals`), so editors see their change at once; time-dependent
parts (which events are upcoming) expire after `settings.HOME_PAGE_CACHE_SECONDS`, and the key
contains today's date, so date-dependent badges («осталось дней») never outlive midnight.

Services whose home blocks show their own data call `bump_home_cache()` when that data changes.
A home block must therefore show the same thing to every anonymous visitor (no CSRF forms, no
per-user content).
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from portal import caching

HOME_VERSION = "pages:home"
CONTACTS_KEY = "pages:site-contacts"
# Django's cookie message storage keeps pending flash messages in this cookie.
MESSAGES_COOKIE = "messages"


def bump_home_cache(**kwargs) -> None:
    """Make every cached copy of the home page stale; call after changing what it shows."""
    caching.bump(HOME_VERSION)


def home_cache_version():
    return caching.version(HOME_VERSION)


def is_cacheable(request) -> bool:
    """Only plain GETs of visitors without a session: they all see exactly the same page."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and not request.GET
        and not getattr(request, "is_preview", False)
        and settings.SESSION_COOKIE_NAME not in cookies
        and MESSAGES_COOKIE not in cookies
    )


def _response_key(request):
    # Keyed by host rather than page: the fast path in `views.home` runs before Wagtail's routing.
    low_vision = "lv" if request.COOKIES.get("low_vision") == "1" else "std"
    return caching.versioned_key(HOME_VERSION, request.get_host(), low_vision, daily=True)


def cached_copy(request):
    """The cached HTML response for this visitor, or None."""
    content = cache.get(_response_key(request))
    if content is None:
        return None
    response = HttpResponse(content)
    patch_vary_headers(response, ["Cookie"])
    return response


def cached_response(request, render):
    """Serve the home page from the cache, rendering and storing it on a miss."""
    response = cached_copy(request)
    if response is not None:
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        cache.set(_response_key(request), response.content, settings.HOME_PAGE_CACHE_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    return response


def forget_site_contacts() -> None:
    cache.delete(CONTACTS_KEY)
