"""Uploaded acts waiting for, going through or done with their import.

An upload never parses in the request: the admin stores the file in an `ImportJob` and a
Celery task with a time limit imports it (`legal_vector.importing.jobs.run_job`); the job's page
shows its status, the report and a link to the document.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

# Celery limits of the import task, in seconds (legal_vector/tasks.py).
SOFT_TIME_LIMIT = 120
TIME_LIMIT = 150


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", "в очереди"
    RUNNING = "running", "выполняется"
    DONE = "done", "импортирован"
    FAILED = "failed", "не импортирован"


class ImportJob(models.Model):
    file_name = models.CharField("файл", max_length=300)
    # The uploaded bytes, kept until the import ends (at most MAX_FILE_SIZE).
    content = models.BinaryField("содержимое файла", editable=False)
    options = models.JSONField("параметры", default=dict, blank=True)
    status = models.CharField(
        "состояние",
        max_length=16,
        choices=ImportJobStatus.choices,
        default=ImportJobStatus.QUEUED,
        db_index=True,
    )
    report = models.TextField("итог", blank=True)
    warnings = models.JSONField("предупреждения разбора", default=list, blank=True)
    document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="документ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="загрузил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("загружен", auto_now_add=True)
    started_at = models.DateTimeField("начат", null=True, blank=True)
    finished_at = models.DateTimeField("закончен", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "загрузка акта"
        verbose_name_plural = "загрузки актов"

    def __str__(self):
        return f"{self.file_name} — {self.status_label}"

    @property
    def status_label(self):
        """The status; a job running longer than the hard time limit was stopped by Celery."""
        limit = datetime.timedelta(seconds=TIME_LIMIT)
        running = self.status == ImportJobStatus.RUNNING and self.started_at
        if running and timezone.now() - self.started_at > limit:
            return "прерван: превышено время импорта"
        return self.get_status_display()

    def start(self):
        """Take a queued job; False when another run already took it (the task is idempotent)."""
        taken = ImportJob.objects.filter(pk=self.pk, status=ImportJobStatus.QUEUED).update(
            status=ImportJobStatus.RUNNING, started_at=timezone.now()
        )
        return bool(taken)

    def finish(self, status, report, document=None, warnings=()):
        self.status, self.report, self.document = status, report, document
        self.warnings = list(warnings)
        self.finished_at = timezone.now()
        self.content = b""  # the text is in the edition now, or the file was refused
        self.save(
            update_fields=["status", "report", "document", "warnings", "finished_at", "content"]
        )
