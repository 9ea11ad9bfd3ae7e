"""Checks shared by the tests of pages stored whole for visitors without a session
(`portal.caching.shared_page_key`): item pages, catalogues, the dialog field and analytics."""

from portal import caching


def assert_served_from_cache(client, url, django_assert_num_queries, queries=1):
    """The second guest visit reads the stored copy: `queries` (an item page reads its key's
    stamp, a list none), the same bytes."""
    first = client.get(url)
    with django_assert_num_queries(queries):
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert "Cookie" in second["Vary"]


def stored_timeouts(monkeypatch, visit):
    """The lifetimes the stored copies got while `visit()` ran."""
    timeouts = []
    store = caching.store_shared_page

    def recording(request, key, response, timeout):
        timeouts.append(timeout)
        return store(request, key, response, timeout)

    monkeypatch.setattr(caching, "store_shared_page", recording)
    visit()
    return timeouts
