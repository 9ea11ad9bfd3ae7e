"""Running an uploaded act's import job (`ImportJob`), called by its Celery task."""

from legal_vector.importing.files import UnreadableFile, text_from_bytes
from legal_vector.importing.importer import MalformedAct, import_text
from legal_vector.importing.manifest import options_from
from legal_vector.models import ImportJob, ImportJobStatus


def run_job(job: ImportJob) -> None:
    """Import the stored file; every outcome ends in a status and a report in Russian."""
    if not job.start():
        return
    suffix = "." + job.file_name.rsplit(".", 1)[-1] if "." in job.file_name else ""
    try:
        text = text_from_bytes(bytes(job.content), suffix)
        result = import_text(text, options_from(job.options), source_name=job.file_name)
    except (MalformedAct, UnreadableFile) as error:
        job.finish(ImportJobStatus.FAILED, f"{error} Ничего не импортировано.")
        return
    job.finish(ImportJobStatus.DONE, result.summary, result.document, result.warnings)
