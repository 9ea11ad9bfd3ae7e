"""The portal's cache keys: versions that a save replaces, per-day and per-user keys, and
dropping keys so that no request racing a commit keeps a stale copy. See docs/caching.md.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone


def version(name: str) -> str:
    """The current version of the group of cached copies `name`; created on first use."""
    key = f"version:{name}"
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, None)
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
        cache.set(f"version:{name}", uuid.uuid4().hex, None)

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
