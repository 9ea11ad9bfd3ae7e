"""Celery tasks of «Правовой вектор»: thin wrappers around model methods."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from legal_vector.importing.jobs import run_job
from legal_vector.models import Document, Edition, ImportJob, ImportJobStatus
from legal_vector.models.imports import SOFT_TIME_LIMIT, TIME_LIMIT
from legal_vector.search import indexing
from portal.search.tasks import ElasticTask


@shared_task
def notify_new_edition(edition_id):
    """Tell the subscribers of a document that a new edition has come into force."""
    edition = Edition.objects.select_related("document").filter(pk=edition_id).first()
    if edition is not None:
        edition.notify_subscribers()


@shared_task(base=ElasticTask)  # retried with backoff while the cluster is down
def index_edition(edition_id):
    """Put an imported edition's units into the search index (bulk_create sends no signals)."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        indexing.index_edition(edition)


@shared_task(base=ElasticTask)
def index_document(document_id):
    """Re-index a document's current units after an editor changed the document."""
    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        indexing.index_document(document)


@shared_task(soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def run_import_job(job_id):
    """Import an uploaded act (ImportJob); a run over the time limit is reported as failed."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return
    try:
        run_job(job)
    except SoftTimeLimitExceeded:
        job.finish(
            ImportJobStatus.FAILED,
            f"Импорт прерван: превышено время ({SOFT_TIME_LIMIT} с). Ничего не импортировано; "
            "разделите акт на части или обратитесь к администратору.",
        )
