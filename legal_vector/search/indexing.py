"""Keeping Elasticsearch (only with ELASTICSEARCH_URL) and the typo vocabulary
(`vocabulary.py`, always) in step with the legal base.

The index holds the units of current editions (`UnitDocument`). The importer saves units with
`bulk_create`, which sends no signals, so after an import commits it queues
`tasks.index_edition`: the new current edition's units go in with bulk requests and the units
of the edition it replaced come out. A document edited in admin (status, kind, title, topics
live in each of its unit documents) re-indexes its current units with `tasks.index_document`.
`manage.py search_index --rebuild` refills the whole index (`register`). Queueing the tasks
after a commit is `syncing.py`'s job, so the tasks can import this module without a loop.
"""

from django.conf import settings

from legal_vector.documents import UnitDocument
from legal_vector.models import StructuralUnit
from portal.search.elastic import bulk_update


def searchable_units(queryset=None):
    """Units of current editions with what their index documents read."""
    units = StructuralUnit.objects.current() if queryset is None else queryset
    return units.select_related("document").prefetch_related("document__topics")


def index_edition(edition) -> tuple[int, int]:
    """Index the units of `edition` if it is current and remove those of the edition it
    replaced; (indexed, removed). An older edition imported late changes nothing."""
    if not settings.ELASTICSEARCH_URL or not edition.is_current:
        return 0, 0
    indexed = bulk_update(UnitDocument, rows=searchable_units(edition.units.all()))
    previous = edition.previous()
    stale = previous.units.values_list("pk", flat=True) if previous is not None else []
    return indexed, bulk_update(UnitDocument, removed=stale)


def index_document(document) -> int:
    """Re-index the current units of `document` after its own fields changed."""
    if not settings.ELASTICSEARCH_URL:
        return 0
    return bulk_update(UnitDocument, rows=searchable_units().filter(document=document))
