"""Checks shared by the tests of pages stored whole for visitors without a session
(`portal.caching.shared_page_key`): a practice's page, a problem's page."""

from portal import caching


def assert_served_from_cache(client, url, django_assert_num_queries):
    """The second guest visit reads the stored copy: one query (the key's stamp), same bytes."""
    first = client.get(url)
    with django_assert_num_queries(1):
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
