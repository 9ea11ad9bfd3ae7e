"""Celery tasks of «Правовой вектор»: thin wrappers around model methods."""

from celery import shared_task


@shared_task
def notify_new_edition(edition_id):
    """Tell the subscribers of a document that a new edition has come into force."""
    from legal_vector.models import Edition

    edition = Edition.objects.select_related("document").filter(pk=edition_id).first()
    if edition is not None:
        edition.notify_subscribers()


@shared_task
def index_edition(edition_id):
    """Put an imported edition's units into the search index (bulk_create sends no signals)."""
    from legal_vector.models import Edition
    from legal_vector.search.indexing import index_edition as index

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        index(edition)


@shared_task
def index_document(document_id):
    """Re-index a document's current units after an editor changed the document."""
    from legal_vector.models import Document
    from legal_vector.search.indexing import index_document as index

    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        index(document)
