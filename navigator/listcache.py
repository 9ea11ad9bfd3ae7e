"""Cache of the navigator list's results block.

The cached piece is the rendered results (filter form, facets and the page of measures), never
the whole page: the header carries a CSRF token and per-visitor settings, while the results
block holds nothing personal, so guests and signed-in users share it. The unfiltered list — the
busiest page — stays longer; each filter combination is kept briefly. The key holds a version
that any change of a measure, organisation or programme replaces (`navigator.finding`), and the
day, because a measure's status follows the calendar.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from portal import caching

# The version of everything cached from measures, organisations and programmes (portal.caching).
VERSION = "navigator:list"
UNFILTERED_SECONDS = 15 * 60
FILTERED_SECONDS = 5 * 60
# Deep pages are rare; not caching them keeps made-up page numbers from filling the cache.
MAX_CACHED_PAGE = 20


def page_number(value):
    try:
        return max(int(value or 1), 1)
    except (TypeError, ValueError):
        return 1


def current_version():
    return caching.version(VERSION)


def bump_version(**kwargs):
    """Signal receiver: every cached copy of the list and of measure pages becomes stale."""
    caching.bump(VERSION)


def _key(canonical_query, page):
    return caching.versioned_key(VERSION, caching.digest(canonical_query), page, daily=True)


def get_or_build(canonical_query, page_value, build):
    """The results block as a dict (`html`, `count`, `page`), from the cache when possible."""
    page = page_number(page_value)
    if page > MAX_CACHED_PAGE:
        return build()
    key = _key(canonical_query, page)
    results = cache.get(key)
    if results is None:
        results = build()
        timeout = FILTERED_SECONDS if canonical_query else UNFILTERED_SECONDS
        cache.set(key, results, timeout)
    return results


# --- the whole page for anonymous visitors ---------------------------------------------------
# Visitors without a session see exactly the same unfiltered list (the header has no CSRF token
# for them), so the busiest page is served as stored HTML without rendering anything.
MESSAGES_COOKIE = "messages"


def page_is_shareable(request, canonical_query):
    cookies = request.COOKIES
    return (
        not canonical_query
        and page_number(request.GET.get("page")) <= MAX_CACHED_PAGE
        and set(request.GET) <= {"page"}
        and settings.SESSION_COOKIE_NAME not in cookies
        and MESSAGES_COOKIE not in cookies
        and not request.user.is_authenticated
    )


def _page_key(request):
    variant = "lv" if request.COOKIES.get("low_vision") == "1" else "std"
    page = page_number(request.GET.get("page"))
    return caching.versioned_key(VERSION, "page", variant, page, daily=True)


def cached_page(request):
    content = cache.get(_page_key(request))
    if content is None:
        return None
    response = HttpResponse(content)
    patch_vary_headers(response, ["Cookie"])
    return response


def store_page(request, response):
    if response.status_code == 200:
        cache.set(_page_key(request), response.content, UNFILTERED_SECONDS)
    patch_vary_headers(response, ["Cookie"])
    return response
