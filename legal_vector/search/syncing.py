"""Queueing the legal base's search indexing when documents change (see `indexing.py`).

The importer calls `after_import`; `register` connects the admin's edits and the rebuild.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_save

from legal_vector.bot.meaning import store_meanings
from legal_vector.documents import UnitDocument
from legal_vector.models import Document
from legal_vector.search import indexing
from legal_vector.search.indexes import UNIT_INDEX
from legal_vector.search.vocabulary import add_edition_words
from portal.outbox import enqueue_on_commit
from portal.search import postings
from portal.search.elastic import register_rebuild
from portal.search.tasks import queue_postings


def after_import(edition) -> None:
    """Add the edition's words to the search vocabulary, store its units' meanings (after
    the words: they weigh them) and queue its indexing for when the import commits."""
    if edition.is_current:
        add_edition_words(edition)
        store_meanings(edition.units.all())
    queue_postings(UNIT_INDEX)
    if settings.ELASTICSEARCH_URL:
        # Through the outbox: a broker that is down delays the indexing, never the import;
        # `search_index --rebuild` catches up with an indexing that failed.
        enqueue_on_commit("legal_vector.tasks.index_edition", edition.pk)


def _queue_document(document_id) -> None:
    queue_postings(UNIT_INDEX)
    if settings.ELASTICSEARCH_URL:
        enqueue_on_commit("legal_vector.tasks.index_document", document_id)


def _document_saved(sender, instance, created, **kwargs):
    # A new document has no units yet: its import indexes them.
    if not created:
        _queue_document(instance.pk)


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        for document_id in (pk_set or []) if reverse else [instance.pk]:
            _queue_document(document_id)


def register() -> None:
    postings.register(UNIT_INDEX)
    register_rebuild(UnitDocument, indexing.searchable_units)
    post_save.connect(_document_saved, sender=Document, dispatch_uid="legal-es-document")
    m2m_changed.connect(
        _topics_changed, sender=Document.topics.through, dispatch_uid="legal-es-topics"
    )
