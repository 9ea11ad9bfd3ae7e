"""Documents and photos of a practice.

A child of the practice cluster (ParentalKey, like the indicators), so a Wagtail revision
carries its files: an author's new photo on a published practice waits for the moderator with
the rest of the edit. Files are served by `practices:file`, which checks who may see the
practice (docs/practices.md, «Файлы практики»).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from portal.uploads import IMAGE_KINDS
from practices.models.choices import PracticeStatus

MAX_ATTACHMENTS = 10
EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "jpeg": "jpg",
    "png": "png",
    "webp": "webp",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
# The stored name is a random token: it says nothing of the author's file name or folder.
STORED_NAME = r"[0-9a-f]{32}\.(?:pdf|docx|xlsx|jpg|png|webp)"


def stored_path(kind):
    """Where a checked file of `kind` is stored: a random name, the extension of its type."""
    extension = EXTENSIONS.get(kind, "bin")
    return f"practices/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def attachment_path(instance, filename):
    return stored_path(instance.kind)


class AttachmentQuerySet(models.QuerySet):
    def public(self):
        """Files of practices anybody may read: published and not hidden after reports."""
        return self.filter(practice__status=PracticeStatus.PUBLISHED, practice__is_hidden=False)

    def stored_as(self, stored_name):
        return self.filter(file__endswith=f"/{stored_name}")


class PracticeAttachment(Orderable):
    """A document (PDF, DOCX, XLSX) or a photo (JPEG, PNG, WebP) of a practice.

    The type is the one found in the content by `portal.uploads.check_attachment`; a photo was
    re-encoded by `clean_image` (resized, without EXIF), so its width and height are known.
    """

    practice = ParentalKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("файл", upload_to=attachment_path, max_length=200)
    name = models.CharField("имя файла", max_length=200, editable=False)
    kind = models.CharField("тип", max_length=8, editable=False)
    size = models.PositiveIntegerField("размер, байт", default=0, editable=False)
    width = models.PositiveIntegerField("ширина, точек", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("высота, точек", null=True, blank=True, editable=False)
    caption = models.CharField(
        "описание",
        max_length=250,
        blank=True,
        help_text="Для фотографии обязательно: что на ней изображено (его прочтут незрячим "
        "читателям). Для документа — необязательно.",
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "файл практики"
        verbose_name_plural = "документы и фотографии"

    def __str__(self):
        return self.caption or self.name

    @property
    def is_photo(self):
        return self.kind in IMAGE_KINDS

    @property
    def stored_name(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.kind, "application/octet-stream")

    @property
    def kind_shown(self):
        return {"jpeg": "JPEG", "webp": "WebP"}.get(self.kind, self.kind.upper())

    def get_absolute_url(self):
        return reverse("practices:file", args=[self.practice_id, self.stored_name])

    def clean(self):
        super().clean()
        if self.is_photo and not self.caption.strip():
            raise ValidationError(
                {"caption": "Опишите, что на фотографии: описание прочтут незрячим читателям."}
            )


def split_attachments(attachments):
    """(photos, documents) of already loaded rows: one query for both lists."""
    rows = list(attachments)
    return [a for a in rows if a.is_photo], [a for a in rows if not a.is_photo]
