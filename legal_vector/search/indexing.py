"""Keeping Elasticsearch (only with ELASTICSEARCH_URL) and the typo vocabulary
(`vocabulary.py`, always) in step with the legal base.

The index holds the units of current editions (`UnitDocument`). The importer saves units with
`bulk_create`, which sends no signals, so after an import commits it queues
`tasks.index_edition`: the new current edition's units go in with bulk requests and the units
of the edition it replaced come out. A document edited in admin (status, kind, title, topics
live in each of its unit documents) re-indexes its current units with `tasks.index_document`.
`manage.py search_index --rebuild` refills the whole index (`register`).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save

from legal_vector.documents import UnitDocument
from legal_vector.models import Document, StructuralUnit
from legal_vector.search.vocabulary import add_edition_words
from portal.search.elastic import bulk_update, register_rebuild


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


def after_import(edition) -> None:
    """Add the edition's words to the search vocabulary and queue its indexing for when the
    import commits."""
    if edition.is_current:
        add_edition_words(edition)
    if settings.ELASTICSEARCH_URL:
        from legal_vector.tasks import index_edition as task

        # robust: the import has committed; an unreachable search server must not undo the
        # command's report. The failure is logged and `search_index --rebuild` catches up.
        transaction.on_commit(lambda: task.delay(edition.pk), robust=True)


def _queue_document(document_id) -> None:
    if settings.ELASTICSEARCH_URL:
        from legal_vector.tasks import index_document as task

        transaction.on_commit(lambda: task.delay(document_id), robust=True)


def _document_saved(sender, instance, created, **kwargs):
    # A new document has no units yet: its import indexes them.
    if not created:
        _queue_document(instance.pk)


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        for document_id in (pk_set or []) if reverse else [instance.pk]:
            _queue_document(document_id)


def register() -> None:
    register_rebuild(UnitDocument, searchable_units)
    post_save.connect(_document_saved, sender=Document, dispatch_uid="legal-es-document")
    m2m_changed.connect(
        _topics_changed, sender=Document.topics.through, dispatch_uid="legal-es-topics"
    )
