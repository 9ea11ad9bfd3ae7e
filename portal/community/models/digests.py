"""How often each kind of community notification is e-mailed, and the log of sent digests."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class Frequency(models.TextChoices):
    INSTANT = "instant", "сразу"
    DAILY = "daily", "раз в день"
    WEEKLY = "weekly", "раз в неделю"


class DigestChoiceQuerySet(models.QuerySet):
    def frequency(self, user, kind):
        chosen = self.filter(user=user, kind=kind).values_list("frequency", flat=True).first()
        return chosen or Frequency.INSTANT

    def choices_for(self, user, kinds):
        chosen = dict(self.filter(user=user).values_list("kind", "frequency"))
        return {kind: chosen.get(kind, Frequency.INSTANT) for kind in kinds}

    def save_choices(self, user, choices):
        for kind, frequency in choices.items():
            self.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


class DigestChoice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_choices"
    )
    kind = models.CharField("вид уведомлений", max_length=64)
    frequency = models.CharField(
        "как присылать", max_length=8, choices=Frequency.choices, default=Frequency.INSTANT
    )

    objects = DigestChoiceQuerySet.as_manager()

    class Meta:
        verbose_name = "периодичность уведомлений"
        verbose_name_plural = "периодичность уведомлений"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="community_digest_choice_once")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} — {self.get_frequency_display()}"


def period_of(frequency, moment):
    """The [start, end) of the day or ISO week that contains `moment`, in local time."""
    day = timezone.localtime(moment).date()
    if frequency == Frequency.WEEKLY:
        day -= datetime.timedelta(days=day.weekday())
        length = datetime.timedelta(days=7)
    else:
        length = datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + length


class DigestDelivery(models.Model):
    """One digest per user, frequency and period: the unique constraint makes it exactly once,
    however often or concurrently the periodic task runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    frequency = models.CharField("периодичность", max_length=8, choices=Frequency.choices)
    period_start = models.DateTimeField("период с")
    period_end = models.DateTimeField("период по")
    count = models.PositiveIntegerField("уведомлений")
    body = models.TextField("текст")
    created_at = models.DateTimeField("составлена", default=timezone.now)
    emailed_at = models.DateTimeField("отправлена", null=True, blank=True)

    class Meta:
        verbose_name = "сводка уведомлений"
        verbose_name_plural = "сводки уведомлений"
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"], name="community_digest_once"
            )
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} · {self.period_start:%d.%m.%Y}"
