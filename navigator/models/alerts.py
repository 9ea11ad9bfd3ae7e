"""Saved filters that e-mail a digest of new or changed measures, and deadline reminders.

The portal's delivery log (`portal.notifications.models.Delivery`) guarantees that a measure
reaches a subscription, and a reminder its bookmark, at most once, whatever the number of workers
or retries.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

UNSUBSCRIBE_SALT = "navigator.alert.unsubscribe"


class Frequency(models.TextChoices):
    DAILY = "daily", "ежедневно"
    WEEKLY = "weekly", "еженедельно"


FREQUENCY_PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
# Beat runs at a fixed hour; the slack keeps yesterday's 09:00:02 run from blocking today's 09:00.
SCHEDULE_SLACK = timedelta(hours=1)
# The title goes into the digest's Subject header, where a line break is refused by Django.
no_control_characters = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message="Название должно быть одной строкой, без переводов строки и управляющих символов.",
)


class MeasureAlertQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def active(self):
        return self.filter(is_active=True)

    def due(self, frequency, now=None):
        """Active subscriptions of `frequency` whose previous digest is at least a period old."""
        now = now or timezone.now()
        threshold = now - FREQUENCY_PERIODS[frequency] + SCHEDULE_SLACK
        return self.active().filter(
            models.Q(last_sent_at__isnull=True) | models.Q(last_sent_at__lte=threshold),
            frequency=frequency,
        )


class MeasureAlert(models.Model):
    """A user's saved filter of the navigator, mailed as a digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="measure_alerts",
    )
    title = models.CharField("название", max_length=200, validators=[no_control_characters])
    # The canonical query string of the list page's filter (see MeasureFilter.canonical_query).
    query = models.CharField("параметры фильтра", max_length=2000, blank=True)
    frequency = models.CharField(
        "как часто", max_length=16, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    is_active = models.BooleanField("действует", default=True)
    created_at = models.DateTimeField("создана", default=timezone.now)
    last_sent_at = models.DateTimeField("последняя рассылка", null=True, blank=True)

    objects = MeasureAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "подписка на меры поддержки"
        verbose_name_plural = "подписки на меры поддержки"
        constraints = [
            # A double submit of «сохранить как подписку» must not create a second alert.
            models.UniqueConstraint(fields=["user", "query"], name="nav_alert_user_query_unique")
        ]
        indexes = [models.Index(fields=["frequency", "is_active"], name="nav_alert_freq_active")]

    def __str__(self):
        return self.title

    def get_list_url(self):
        base = reverse("navigator:index")
        return f"{base}?{self.query}" if self.query else base

    def unsubscribe_token(self):
        return signing.dumps(self.pk, salt=UNSUBSCRIBE_SALT)

    def get_unsubscribe_url(self):
        return reverse("navigator:alert_unsubscribe", args=[self.unsubscribe_token()])

    @classmethod
    def from_unsubscribe_token(cls, token):
        """The alert a signed token names, or None when the token is forged or the alert gone."""
        try:
            pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        except signing.BadSignature:
            return None
        return cls.objects.filter(pk=pk).first()

    @property
    def delivery_channel(self):
        """The delivery log's channel of this subscription: its subjects are measures."""
        return f"navigator.alert:{self.pk}"

    def unsubscribe(self):
        if self.is_active:
            self.is_active = False
            self.save(update_fields=["is_active"])
