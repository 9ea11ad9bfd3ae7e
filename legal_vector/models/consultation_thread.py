"""The thread of a consultation: follow-up questions of its author, later answers of the lawyer,
and the files the author attaches. Private like the consultation: files are served only by
`consultation_file`, which checks who asks."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def attachment_path(instance, filename):
    # An unguessable name without the user's file name: the original name is kept in the row.
    return f"legal/consultations/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class ConsultationMessage(models.Model):
    """One turn of the thread after the first question: the author's follow-up or a lawyer's
    further answer."""

    consultation = models.ForeignKey(
        "legal_vector.Consultation", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        on_delete=models.CASCADE,
        related_name="legal_consultation_messages",
    )
    from_lawyer = models.BooleanField("от юриста", default=False)
    text = models.TextField("текст", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "сообщение консультации"
        verbose_name_plural = "сообщения консультаций"
        indexes = [
            models.Index(fields=["consultation", "created_at"], name="legal_consult_message_thread")
        ]

    def __str__(self):
        return f"{self.consultation}: {'юрист' if self.from_lawyer else 'автор'}"


class ConsultationAttachment(models.Model):
    """A file the author attached to a follow-up; its type was checked by content, not name."""

    message = models.ForeignKey(
        ConsultationMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("файл", upload_to=attachment_path)
    name = models.CharField("имя файла", max_length=200)
    kind = models.CharField("тип", max_length=16)
    size = models.PositiveIntegerField("размер, байт")

    class Meta:
        ordering = ["message", "pk"]
        verbose_name = "вложение консультации"
        verbose_name_plural = "вложения консультаций"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "legal_vector:consultation_file", args=[self.message.consultation_id, self.pk]
        )
