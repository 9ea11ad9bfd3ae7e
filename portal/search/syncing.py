"""Keep an Elasticsearch index in step with the rows its `SearchIndex` declares searchable.

`register_document()` indexes every saved row as it is in memory. Rows that enter and leave
the searchable set with a state (published measures) register with `register_index()`: the
rows saved or deleted in a transaction are read back through `SearchIndex.model_queryset`
after it commits; those found are indexed as they now stand in the database, the others
(unpublished, deleted, drafts never published) leave the index. Reading back also keeps a
draft revision saved onto a live row out of the index. Bulk requests per commit (see
`elastic.bulk_update`), so an import of thousands of rows is not thousands of requests.
"""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from portal.search.elastic import bulk_update, register_rebuild
from portal.search.types import SearchIndex


def sync_rows(index: SearchIndex, pks) -> None:
    """Index the rows `pks` that `index` searches and drop the others from it."""
    pks = set(pks)
    rows = list(index.model_queryset().filter(pk__in=pks))
    bulk_update(index.document, rows=rows, removed=pks - {row.pk for row in rows})


class _ChangedRows(threading.local):
    """Primary keys saved or deleted in this thread since the last sync."""

    def __init__(self):
        self.pks = set()

    def take(self) -> set:
        pks, self.pks = self.pks, set()
        return pks


def register_index(model, index: SearchIndex) -> None:
    """Sync `model` rows into `index` after each commit, when Elasticsearch is configured.

    Every save queues a sync; the first to run after the commit takes all rows changed so
    far, the others find nothing left. `robust`: an unreachable Elasticsearch must not turn a
    saved edit into an error page; the failure is logged and a reindex catches up.
    """
    register_rebuild(index.document, index.model_queryset)
    changed_rows = _ChangedRows()

    def changed(sender, instance, **kwargs):
        if settings.ELASTICSEARCH_URL:
            changed_rows.pks.add(instance.pk)
            transaction.on_commit(lambda: sync_rows(index, changed_rows.take()), robust=True)

    uid = f"es-sync-{index.name}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
