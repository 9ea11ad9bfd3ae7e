"""The demo base, seeded once per test module and rolled back after it.

Seeding the fifty demo acts and their Q&A takes most of a minute; the accuracy tests only
read it, so each module shares one copy inside a transaction that is never committed. The
tables are analysed inside that transaction: without statistics on the fresh rows PostgreSQL
plans the search queries as if the tables were empty and one query takes a minute.
"""

import io

import pytest
from django.db import connection, transaction

from legal_vector import demo, evaluation


@pytest.fixture(scope="module")
def demo_base(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo.seed(io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield evaluation.Documents()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def bot_set():
    return evaluation.load_set(evaluation.BOT_SET)


@pytest.fixture(scope="module")
def search_set():
    return evaluation.load_set(evaluation.SEARCH_SET)
