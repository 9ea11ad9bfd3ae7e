"""Cache of the unfiltered list for guests: the busiest page of the navigator.

The cached piece is the rendered results (filter form, facets and the page of measures), never
the whole page: the header carries a CSRF token and per-visitor settings. The key holds a
version that any change of a measure, organisation or programme bumps (see `signals`), and the
day, because a measure's status follows the calendar.
"""

import uuid

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "navigator:list:version"
CACHE_SECONDS = 15 * 60
# Deep pages are rare; not caching them keeps made-up page numbers from filling the cache.
MAX_CACHED_PAGE = 20


def _page_number(value):
    try:
        return max(int(value or 1), 1)
    except (TypeError, ValueError):
        return 1


def applies(request, canonical_query):
    """Only guests looking at the unfiltered list share one cached copy."""
    return (
        not request.user.is_authenticated
        and not canonical_query
        and _page_number(request.GET.get("page")) <= MAX_CACHED_PAGE
    )


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_version(**kwargs):
    """Signal receiver: every cached copy of the list becomes stale at once."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _page_key(page_number):
    page = _page_number(page_number)
    return f"navigator:list:{current_version()}:{timezone.localdate():%Y%m%d}:{page}"


def get_or_render(page_number, render):
    key = _page_key(page_number)
    fragment = cache.get(key)
    if fragment is None:
        fragment = render()
        cache.set(key, fragment, CACHE_SECONDS)
    return fragment
