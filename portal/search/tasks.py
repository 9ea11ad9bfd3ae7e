"""Celery tasks that write to Elasticsearch (only with ELASTICSEARCH_URL).

Every task is idempotent — it writes what the database holds now — so the outbox may deliver
it twice and a retry may run after a newer task. `ElasticTask` retries a cluster that is down
or refusing with exponential backoff (`backoff()`: 10 s, 20 s, 40 s … up to an hour, ten
times, about two and a half hours in all); what still fails is repaired by the nightly
`check_indexes`. Run eagerly (no broker: development, tests) a task never retries or raises:
the user's request must not wait for, or fail with, the cluster.
"""

import logging
import random

from celery import Task, shared_task
from django.conf import settings
from django.db import transaction
from elastic_transport import TransportError
from elasticsearch import ApiError
from elasticsearch.helpers import BulkIndexError

from portal import outbox
from portal.celery import app
from portal.search import es_analysis, es_indexing, postings

logger = logging.getLogger(__name__)

# A node down or restarting, a timeout, a full queue (429), a shard not yet allocated.
TRANSIENT = (TransportError, ApiError, BulkIndexError)
BACKOFF_BASE = 10
BACKOFF_MAX = 3600
MAX_RETRIES = 10


def backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: doubling from `BACKOFF_BASE`, capped at
    `BACKOFF_MAX`, plus up to 10 % jitter so tasks held back together do not return together."""
    delay = min(BACKOFF_MAX, BACKOFF_BASE * 2**retries)
    return delay + random.randint(0, delay // 10)


class ElasticTask(Task):
    """A task whose cluster errors become retries with backoff (see the module docstring)."""

    abstract = True
    max_retries = MAX_RETRIES
    acks_late = True

    def __call__(self, *args, **kwargs):
        if not settings.ELASTICSEARCH_URL:
            return None
        try:
            return super().__call__(*args, **kwargs)
        except TRANSIENT as error:
            if self.request.is_eager:
                logger.warning("Elasticsearch unavailable, %s skipped: %s", self.name, error)
                return None
            raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error


def enqueue(task, *args) -> None:
    """Run `task(*args)` after the current transaction commits (at once outside one).

    With a broker, through the outbox, which keeps the message while the broker is down. With
    none, the task runs eagerly after commit and `robust`, so not even a bug in indexing turns
    a saved edit into an error page.
    """
    if app.conf.task_always_eager:
        transaction.on_commit(lambda: task.delay(*args), robust=True)
    else:
        outbox.enqueue_on_commit(task, *args)


# Per worker process: the indexes known to have their alias.
_ensured: set[str] = set()


@shared_task(base=ElasticTask, bind=True)
def sync_index(self, alias, pks):
    """Index the rows `pks` of the index `alias` as they now stand; remove the others."""
    entry = es_indexing.rebuildable().get(alias)
    if entry is None:  # an index renamed or removed since the message was queued
        logger.warning("No search index %s: sync of %d rows dropped", alias, len(pks))
        return 0
    if alias not in _ensured:
        es_indexing.ensure_index(entry)
        _ensured.add(alias)
    return es_indexing.sync_rows(entry, pks)


@shared_task(base=ElasticTask, bind=True)
def push_synonyms(self):
    """Send the synonym table to the cluster after an editor changed it."""
    return es_analysis.push_synonyms(es_indexing.client())


@shared_task(base=ElasticTask, bind=True)
def check_indexes(self):
    """Nightly: the synonyms pushed again, and every index compared with the database by
    ids — missing rows indexed, extra documents deleted. Returns {alias: [missing, extra]}."""
    es_analysis.push_synonyms(es_indexing.client())
    report = {}
    for alias, entry in sorted(es_indexing.rebuildable().items()):
        differences = es_indexing.reconcile(entry)
        report[alias] = [len(differences.missing), len(differences.extra)]
    return report


@shared_task
def build_postings(name=None):
    """Build the search postings that are out of date (`portal.search.postings`): after an
    import commits, and every few minutes for whatever changed the rows another way. A search
    reads the GIN index until they are built, so a late or lost build is slower, never wrong."""
    return postings.build_stale(name)


def queue_postings(index) -> None:
    """Build the search postings of `index` once the current transaction commits."""
    enqueue(build_postings, index.name)


def synonyms_changed(**kwargs) -> None:
    """Signal receiver: queue the synonyms push when Elasticsearch is configured."""
    if settings.ELASTICSEARCH_URL:
        enqueue(push_synonyms)
