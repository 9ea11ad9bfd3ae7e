"""Cache versions (`portal.caching.version`/`bump`) end: the versions of single items would
otherwise stay in the cache for good."""

import time

from django.core.cache import cache

from portal import caching


def test_a_version_is_kept_for_a_week_and_then_made_anew(db):
    cache.clear()
    first = caching.version("tests:item:1")
    assert caching.version("tests:item:1") == first
    # locmem keeps each key's expiry: about VERSION_SECONDS from now, not «never».
    expires = cache._expire_info[cache.make_and_validate_key("version:tests:item:1")]
    assert abs(expires - (time.time() + caching.VERSION_SECONDS)) < 5
    caching.bump("tests:item:1")
    bumped = cache._expire_info[cache.make_and_validate_key("version:tests:item:1")]
    assert abs(bumped - (time.time() + caching.VERSION_SECONDS)) < 5
    cache.delete("version:tests:item:1")  # as when it has expired
    assert caching.version("tests:item:1") not in (first, None)
