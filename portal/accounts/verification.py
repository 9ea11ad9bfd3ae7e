"""Verification requests: how a person without an allowed e-mail domain becomes a verified
employee. The request names the municipality and position; a moderator approves or rejects it
(on the site at /cabinet/verification/queue/ or in Django admin) and the person is notified."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from portal.notifications.services import notify

QUEUE_LINK = "/cabinet/verification/queue/"
CABINET_LINK = "/cabinet/verification/"


class VerificationRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=VerificationRequest.Status.PENDING)

    def queue(self):
        """Pending requests, oldest first, with what the moderator's list shows."""
        return (
            self.pending()
            .select_related("user", "municipality__region")
            .order_by("submitted_at", "pk")
        )


class VerificationRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "на рассмотрении"
        APPROVED = "approved", "подтверждена"
        REJECTED = "rejected", "отклонена"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verification_requests",
        verbose_name="пользователь",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="муниципальное образование",
    )
    position = models.CharField("должность", max_length=200)
    comment = models.TextField("комментарий для модератора", max_length=2000, blank=True)
    status = models.CharField(
        "состояние", max_length=16, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField("подана", default=timezone.now)
    decided_at = models.DateTimeField("рассмотрена", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="модератор",
    )
    decision_note = models.TextField("причина отказа", max_length=2000, blank=True)

    objects = VerificationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "заявка на подтверждение"
        verbose_name_plural = "заявки на подтверждение"
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_verification_per_user",
            )
        ]
        indexes = [models.Index(fields=["status", "submitted_at"], name="verification_queue")]

    def __str__(self):
        return f"{self.user} — {self.get_status_display()}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @classmethod
    def submit(cls, user, municipality, position, comment=""):
        """The user's pending request, created (and announced to moderators) unless one is
        already pending; returns `(request, created)`, so a resubmit creates nothing twice."""
        with transaction.atomic():
            request, created = cls.objects.get_or_create(
                user=user,
                status=cls.Status.PENDING,
                defaults={"municipality": municipality, "position": position, "comment": comment},
            )
            if created:
                moderators = get_user_model().objects.account_moderators().exclude(pk=user.pk)
                for moderator in moderators:
                    notify(
                        moderator,
                        "account.verification_requested",
                        f"Новая заявка на подтверждение: {user.get_full_name() or user.email}, "
                        f"{position}, {municipality.name}.",
                        link=QUEUE_LINK,
                    )
        return request, created

    @transaction.atomic
    def approve(self, moderator):
        """Verify the user for the municipality and position they asked for."""
        if not self._decide(moderator, self.Status.APPROVED):
            return False
        user = self.user
        user.municipality = self.municipality
        user.position = self.position
        user.save(update_fields=["municipality", "position"])
        user.verify(by=moderator)
        return True

    @transaction.atomic
    def reject(self, moderator, note):
        """Refuse, telling the user why; they may correct the data and ask again."""
        if not self._decide(moderator, self.Status.REJECTED, note):
            return False
        notify(
            self.user,
            "account.verification_rejected",
            f"Заявка на подтверждение отклонена: {note} Вы можете уточнить данные "
            "и подать заявку снова.",
            link=CABINET_LINK,
        )
        return True

    def _decide(self, moderator, status, note=""):
        # One decision per request, even when two moderators click at the same moment.
        decided = VerificationRequest.objects.filter(pk=self.pk, status=self.Status.PENDING).update(
            status=status, decided_by=moderator, decided_at=timezone.now(), decision_note=note
        )
        if decided:
            self.refresh_from_db()
        return bool(decided)
