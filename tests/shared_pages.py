"""Checks shared by the tests of stored pages: pages stored whole for visitors without a
session (`portal.caching.shared_page_key`: item pages, catalogues, the dialog field and
analytics) and the cards of lists (`portal.caching.stored_pieces`)."""

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


def assert_change_shows(read_page, read_card, change):
    """A stored card (`portal.caching.stored_pieces`) follows a write: the page showed the old
    card; after `change()` the card reads differently and the next page shows only the new one."""
    before = read_card()
    assert before in read_page()
    change()
    after = read_card()
    assert after != before
    page = read_page()
    assert after in page and before not in page
