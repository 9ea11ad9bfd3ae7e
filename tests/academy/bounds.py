"""Helpers for the academy's query-bound tests: a page costs the same with more data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    client.get(url)  # warm the caches a first visitor fills (site root paths, menus)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def assert_bounded(client, url, bound, grow, django_assert_max_num_queries):
    """`url` costs at most `bound` queries, and no more after `grow()` adds rows."""
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    assert after == before, f"{url}: {before} queries, then {after} with more data"
    with django_assert_max_num_queries(bound):
        client.get(url)
