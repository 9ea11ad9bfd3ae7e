"""An upload of measures in Wagtail admin: who, which file, how it went, row by row.

The upload is stored and queued; `MeasureImport.run()` (called by a Celery task) imports it
with `navigator.importing.import_measures` and keeps the report, so the editor can come back
to it and is notified when it is done.
"""

import logging
from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

NOTIFICATION_KIND = "navigator.import"
UNEXPECTED_ERROR = "Внутренняя ошибка при импорте; ничего не изменено. Сообщите администратору."


def summary_text(new, changed, unchanged, *, dry_run):
    """The outcome of an import (or of its dry run) in one sentence."""
    verb = "будет" if dry_run else "отправлено"
    return (
        f"Новых мер: {new}, изменённых: {changed}, без изменений: {unchanged}; "
        f"на проверку {verb}: {new + changed}."
    )


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "в очереди"
    RUNNING = "running", "выполняется"
    DONE = "done", "готово"
    FAILED = "failed", "ошибка"


def _stored_name(instance, filename):
    # A random name: nobody can guess a stored upload from the name of the original file.
    return f"navigator/imports/{uuid4().hex}{PurePath(filename).suffix.lower()}"


class MeasureImport(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто загрузил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField("файл", upload_to=_stored_name, max_length=200)
    file_name = models.CharField("имя файла", max_length=255)
    dry_run = models.BooleanField("только показать, что изменится", default=True)
    status = models.CharField(
        "состояние", max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    new_count = models.PositiveIntegerField("новых мер", default=0)
    changed_count = models.PositiveIntegerField("изменённых", default=0)
    unchanged_count = models.PositiveIntegerField("без изменений", default=0)
    # One entry per row of the file: line, source_id, title, action, changed_fields.
    rows = models.JSONField("строки", default=list, blank=True)
    errors = models.JSONField("ошибки", default=list, blank=True)
    created_at = models.DateTimeField("загружен", default=timezone.now)
    started_at = models.DateTimeField("начат", null=True, blank=True)
    finished_at = models.DateTimeField("закончен", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "импорт мер"
        verbose_name_plural = "импорт мер"

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("navigator_import_detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def summary(self):
        if self.status == ImportStatus.FAILED:
            return f"Файл не импортирован, ничего не изменено. Ошибок: {len(self.errors)}."
        if self.status != ImportStatus.DONE:
            return "Импорт ещё не закончен."
        counts = (self.new_count, self.changed_count, self.unchanged_count)
        return summary_text(*counts, dry_run=self.dry_run)

    def run(self):
        """Import the stored file, keep the report and notify the uploader.

        The measures and the «done» status commit together, so a crash in between cannot
        leave a finished import marked as running. A rerun after a lost worker (the task is
        acknowledged late) starts over, which is safe: nothing of a failed run was written.
        """
        from navigator.importing import ImportRejected, import_measures  # imports the models

        if self.is_finished:
            return
        self._save(status=ImportStatus.RUNNING, started_at=timezone.now())
        try:
            with transaction.atomic():
                data = self._read_file()
                report = import_measures(self.file_name, data, user=self.user, dry_run=self.dry_run)
                self._save_report(report)
        except ImportRejected as rejected:
            self._save(status=ImportStatus.FAILED, errors=rejected.errors)
        except Exception:
            # Any other failure is a bug or a lost file: the editor still gets an answer
            # instead of a record stuck in «выполняется», and the error reaches the logs.
            logger.exception("Import of measures %s failed", self.pk)
            self._save(status=ImportStatus.FAILED, errors=[UNEXPECTED_ERROR])
        self.notify_uploader()

    def notify_uploader(self):
        from portal.notifications.services import notify

        if self.user is not None:
            text = f"Импорт мер из файла «{self.file_name}»: {self.summary}"
            notify(self.user, NOTIFICATION_KIND, text, link=self.get_absolute_url())

    def _read_file(self):
        with self.file.open("rb") as stored:
            return stored.read()

    def _save_report(self, report):
        from navigator.importing import CHANGED, NEW, UNCHANGED  # imports the models

        self._save(
            status=ImportStatus.DONE,
            new_count=report.count(NEW),
            changed_count=report.count(CHANGED),
            unchanged_count=report.count(UNCHANGED),
            rows=report.row_records(),
            errors=[],
        )

    def _save(self, **fields):
        if fields.get("status") in (ImportStatus.DONE, ImportStatus.FAILED):
            fields["finished_at"] = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=list(fields))
