"""Private questions to an author: a thread between exactly two people, e-mails never shown."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from portal.community.models.base import Targeted, TargetQuerySet


class ThreadQuerySet(TargetQuerySet):
    def of_user(self, user):
        return self.filter(Q(asker=user) | Q(recipient=user))


class QuestionThread(Targeted):
    """Started by `asker` about an item; `recipient` is the item's author."""

    subject = models.CharField("тема", max_length=200)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто спросил",
        on_delete=models.CASCADE,
        related_name="questions_asked",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кому",
        on_delete=models.CASCADE,
        related_name="questions_received",
    )
    created_at = models.DateTimeField("начат", default=timezone.now)
    last_message_at = models.DateTimeField("последнее сообщение", default=timezone.now)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = "вопрос автору"
        verbose_name_plural = "вопросы авторам"
        ordering = ["-last_message_at", "-pk"]
        indexes = [
            models.Index(fields=["asker", "-last_message_at"], name="community_thread_asker"),
            models.Index(
                fields=["recipient", "-last_message_at"], name="community_thread_recipient"
            ),
        ]

    def __str__(self):
        return self.subject

    def has_participant(self, user):
        return user.is_authenticated and user.pk in (self.asker_id, self.recipient_id)

    def other_participant(self, user):
        return self.recipient if user.pk == self.asker_id else self.asker


class Message(models.Model):
    thread = models.ForeignKey(
        QuestionThread, verbose_name="вопрос", on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="отправитель", on_delete=models.CASCADE
    )
    text = models.TextField("текст", max_length=5000)
    created_at = models.DateTimeField("отправлено", default=timezone.now)
    hidden_at = models.DateTimeField("скрыто", null=True, blank=True)

    class Meta:
        verbose_name = "сообщение"
        verbose_name_plural = "сообщения"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("community:thread", args=[self.thread_id]) + f"#message-{self.pk}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def author(self):
        return self.sender

    def set_hidden(self, hidden):
        Message.objects.filter(pk=self.pk).update(hidden_at=timezone.now() if hidden else None)
