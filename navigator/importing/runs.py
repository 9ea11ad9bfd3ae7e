"""Running an upload stored in Wagtail admin (`MeasureImport`), from the Celery task."""

import logging

from django.db import transaction
from django.utils import timezone

from navigator.importing.errors import ImportRejected
from navigator.importing.importer import CHANGED, NEW, UNCHANGED, import_measures
from navigator.models.imports import UNEXPECTED_ERROR, ImportStatus

logger = logging.getLogger(__name__)


def run_import(record):
    """Import the stored file, keep the report and notify the uploader.

    The measures and the «done» status commit together, so a crash in between cannot
    leave a finished import marked as running. A rerun after a lost worker (the task is
    acknowledged late) starts over, which is safe: nothing of a failed run was written.
    """
    if record.is_finished:
        return
    record.save_progress(status=ImportStatus.RUNNING, started_at=timezone.now())
    try:
        with transaction.atomic():
            data = record.read_file()
            report = import_measures(
                record.file_name, data, user=record.user, dry_run=record.dry_run
            )
            record.save_progress(
                status=ImportStatus.DONE,
                new_count=report.count(NEW),
                changed_count=report.count(CHANGED),
                unchanged_count=report.count(UNCHANGED),
                rows=report.row_records(),
                errors=[],
            )
    except ImportRejected as rejected:
        record.save_progress(status=ImportStatus.FAILED, errors=rejected.errors)
    except Exception:
        # Any other failure is a bug or a lost file: the editor still gets an answer
        # instead of a record stuck in «выполняется», and the error reaches the logs.
        logger.exception("Import of measures %s failed", record.pk)
        record.save_progress(status=ImportStatus.FAILED, errors=[UNEXPECTED_ERROR])
    record.notify_uploader()
