"""An upload of measures in Wagtail admin: who, which file, how it went, row by row.

The upload is stored and queued; `navigator.importing.runs.run_import()` (called by a Celery
task) imports it and keeps the report here, so the editor can come back to it and is notified
when it is done.
"""

from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.notifications.services import notify

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

    def notify_uploader(self):
        if self.user is not None:
            text = f"Импорт мер из файла «{self.file_name}»: {self.summary}"
            notify(self.user, NOTIFICATION_KIND, text, link=self.get_absolute_url())

    def read_file(self):
        with self.file.open("rb") as stored:
            return stored.read()

    def save_progress(self, **fields):
        """Set and save `fields`; a finished status also stamps `finished_at`."""
        if fields.get("status") in (ImportStatus.DONE, ImportStatus.FAILED):
            fields["finished_at"] = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=list(fields))
