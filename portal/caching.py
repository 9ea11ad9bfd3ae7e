"""The portal's cache keys: versions that a save replaces, per-day and per-user keys, and
dropping keys so that no request racing a commit keeps a stale copy. See docs/caching.md.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

# How long a version is kept. Longer than any copy keyed with it; when it has gone, the next read
# makes a new one and the group's copies are built again once. Without an end, the versions of
# single items (a problem's page, a practice's page) would pile up in the cache for good.
VERSION_SECONDS = 7 * 24 * 3600


def version(name: str) -> str:
    """The current version of the group of cached copies `name`; created on first use."""
    key = f"version:{name}"
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, VERSION_SECONDS)
        # Still None only while the cache is down: a one-off version makes every read a miss,
        # so pages are built from the database.
        current = cache.get(key) or uuid.uuid4().hex
    return current


def bump(name: str) -> None:
    """Make every copy keyed with `version(name)` stale at once.

    Bumped again after the commit: a request served between the save and the commit would
    otherwise store the old rows under the new version.
    """

    def new_version():
        cache.set(f"version:{name}", uuid.uuid4().hex, VERSION_SECONDS)

    new_version()
    transaction.on_commit(new_version)


def digest(*parts) -> str:
    """A short stable digest of `parts`, so that a key of any query stays short."""
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]


def versioned_key(name: str, *parts, daily: bool = False) -> str:
    """`name:version:[day:]parts`: stale when `bump(name)` runs, and with `daily` when the day
    ends (for pages whose statuses follow the calendar)."""
    day = [f"{timezone.localdate():%Y%m%d}"] if daily else []
    return ":".join([name, version(name), *day, *(str(part) for part in parts)])


def user_key(name: str, user_id, *parts) -> str:
    """A key of one user's copy (`name:user:<id>:parts`), dropped with `drop(user_key(…))`."""
    return ":".join([name, "user", str(user_id), *(str(part) for part in parts)])


def drop(*keys: str) -> None:
    """Delete `keys` now and again after the commit, for the same race as `bump`."""
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


# --- whole pages for visitors without a session ------------------------------------------------
# A visitor without a session (no CSRF token in the header, no flash messages) sees exactly what
# every other such visitor sees, so the rendered page can be stored and served as it is.
MESSAGES_COOKIE = "messages"


def shared_page_key(request, name: str, *parts, version_name: str = "", daily: bool = False):
    """The key of this page as every visitor without a session sees it, or None when the request
    is not such a visit (a session, pending messages, a query string, not a GET).

    `parts` must name everything the page shows that can change (a row's `updated_at`, …);
    with `version_name` the key also holds that version (`bump(version_name)` drops them all).
    """

    cookies = request.COOKIES
    if (
        request.method != "GET"
        or request.GET
        or settings.SESSION_COOKIE_NAME in cookies
        or MESSAGES_COOKIE in cookies
        or request.user.is_authenticated
    ):
        return None
    variant = "lv" if cookies.get("low_vision") == "1" else "std"
    prefix = [name, version(version_name)] if version_name else [name]
    day = [f"{timezone.localdate():%Y%m%d}"] if daily else []
    place = [request.scheme, request.get_host(), variant]
    return ":".join([*prefix, *day, *place, *(str(part) for part in parts)])


def cached_shared_page(key):
    """The stored response for `key` (from `shared_page_key`), or None."""

    content = cache.get(key) if key else None
    if content is None:
        return None
    response = HttpResponse(content)
    patch_vary_headers(response, ["Cookie"])
    return response


def store_shared_page(request, key, response, timeout):
    """Store a rendered page under `key` unless it is personal after all (it sets a cookie or
    asks for a CSRF token); returns the response."""

    if key is None:
        return response
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not personal and not response.streaming:
        cache.set(key, response.content, timeout)
    patch_vary_headers(response, ["Cookie"])
    return response


# --- rendered pieces of a list -----------------------------------------------------------------
def stored_pieces(keys: dict, render, timeout) -> dict:
    """{item id: HTML} for `keys` ({item id: key}): the stored pieces in one read, the others
    from `render(missing ids)` ({item id: HTML}) and stored in one write.

    A key must name everything its piece shows (see docs/caching.md), and `render` must print
    the very values the key was made of, not read them again."""
    found = cache.get_many(list(keys.values()))
    pieces = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in pieces]
    if missing:
        rendered = render(missing)
        cache.set_many({keys[pk]: html for pk, html in rendered.items()}, timeout)
        pieces.update(rendered)
    return pieces
