"""Celery tasks of «Правовой вектор»: thin wrappers around model methods."""

from celery import shared_task


@shared_task
def notify_new_edition(edition_id):
    """Tell the subscribers of a document that a new edition has come into force."""
    from legal_vector.models import Edition

    edition = Edition.objects.select_related("document").filter(pk=edition_id).first()
    if edition is not None:
        edition.notify_subscribers()
