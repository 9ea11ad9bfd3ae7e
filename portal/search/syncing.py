"""Keep an Elasticsearch index in step with the rows its `SearchIndex` declares searchable.

`register_index(Model, INDEX)` connects the model's saves and deletes: the primary keys changed
in a transaction are collected and, once it commits, handed to Celery as one
`portal.search.tasks.sync_index` task per `MAX_TASK_ROWS` keys, through the outbox
(`portal.outbox`): a broker that is down delays the indexing, never the save. The task reads
the rows back through `SearchIndex.model_queryset`, so published rows are (re)indexed as they
now stand in the database and the others (unpublished, deleted, drafts never published) leave
the index; reading back also keeps a draft revision saved onto a live row out of the index.
Nothing is connected to a request while `ELASTICSEARCH_URL` is unset.
"""

import threading
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.search.es_indexing import IndexedRows, register_rebuild
from portal.search.es_indexing import sync_rows as sync_indexed_rows
from portal.search.types import SearchIndex

MAX_TASK_ROWS = 1000


class _ChangedRows(threading.local):
    """Primary keys saved or deleted in this thread since the last hand-over, per index."""

    def __init__(self):
        self.pks = set()

    def take(self) -> list:
        pks, self.pks = self.pks, set()
        return sorted(pks)


def queue_sync(alias: str, pks) -> None:
    """Hand the rows `pks` of the index `alias` to Celery (never raises: see the task)."""
    # Imported here: the tasks reach the outbox, whose models import this package.
    from portal.search import tasks

    pks = sorted(pks)
    for start in range(0, len(pks), MAX_TASK_ROWS):
        tasks.enqueue(tasks.sync_index, alias, pks[start : start + MAX_TASK_ROWS])


def register_index(model, index: SearchIndex) -> None:
    """Sync `model` rows into `index` after each commit, when Elasticsearch is configured.

    Every save registers an on-commit hand-over; the first to run takes all rows changed so
    far, the others find nothing left. A rolled-back save leaves its key for the next
    hand-over, which is harmless: the task indexes what the database holds.
    """
    register_rebuild(index.document, index.model_queryset, model=model)
    alias = index.document._index._name
    changed_rows = _ChangedRows()

    def hand_over():
        pks = changed_rows.take()
        if pks:
            queue_sync(alias, pks)

    def changed(sender, instance, **kwargs):
        if settings.ELASTICSEARCH_URL:
            changed_rows.pks.add(instance.pk)
            transaction.on_commit(hand_over, robust=True)

    uid = f"es-sync-{index.name}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def sync_rows(index: SearchIndex, pks) -> int:
    """Index the rows `pks` that `index` searches and drop the others from it, now."""
    return sync_indexed_rows(IndexedRows(index.document, index.model_queryset), pks)


def register_app_indexes() -> None:
    """Register the `SEARCH_INDEXES` — [(Model, SearchIndex), …] — that an app's
    `documents.py` declares, for every installed app that has one.

    Found by name, as Django's admin finds `admin.py`, so `portal` imports no service app and a
    new app needs nothing but its `documents.py`. Apps that register from their
    `integration.py` (legal base, navigator, practices) declare no `SEARCH_INDEXES`.
    """
    for config in apps.get_app_configs():
        name = f"{config.name}.documents"
        if find_spec(config.name) is None or find_spec(name) is None:
            continue
        for model, index in getattr(import_module(name), "SEARCH_INDEXES", ()):
            register_index(model, index)
