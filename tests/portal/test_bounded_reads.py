"""Statements over the first N matches read through the text index, never the whole table
(`portal.search.facets.read_bounded`), in one round trip and without leaving the setting on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search.facets import BOUNDED_WORK_MEM, read_bounded

pytestmark = pytest.mark.django_db


def test_the_statement_runs_with_table_scans_off_more_memory_and_the_settings_are_reset():
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        default_memory = cursor.fetchone()
    with CaptureQueriesContext(connection) as queries:
        row = read_bounded(
            "default",
            "SELECT current_setting('enable_seqscan'), current_setting('work_mem'), %s::int",
            [7],
        )
    assert row == ("off", BOUNDED_WORK_MEM, 7)
    assert len(queries) == 1  # one round trip
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone() == default_memory


def test_a_search_reads_its_candidates_that_way(client):
    from legal_vector.models import StructuralUnit  # noqa: F401 — the legal tables exist

    with CaptureQueriesContext(connection) as queries:
        client.get("/legal/search/", {"q": "бюджет"})
        client.get("/search/", {"q": "бюджет"})
    bounded = [q["sql"] for q in queries if "WITH candidates AS MATERIALIZED" in q["sql"]]
    assert bounded and all(sql.startswith("SET LOCAL enable_seqscan = off;") for sql in bounded)
