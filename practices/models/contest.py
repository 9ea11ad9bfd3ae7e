"""The contest «Лучшая муниципальная практика»: nominations, entries, jury scores, awards."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Avg, Count
from django.utils import timezone

PRIZE_PLACES = 3
MAX_POINTS = 10


class Contest(models.Model):
    year = models.PositiveSmallIntegerField("год", unique=True)
    title = models.CharField("название", max_length=200, default="Лучшая муниципальная практика")
    entries_until = models.DateField("приём заявок до")
    scoring_until = models.DateField("оценка жюри до")
    jury = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="жюри", blank=True, related_name="judged_contests"
    )
    results_published_at = models.DateTimeField("итоги опубликованы", null=True, blank=True)

    class Meta:
        verbose_name = "конкурс"
        verbose_name_plural = "конкурсы"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.title} — {self.year}"

    @property
    def results_published(self):
        return self.results_published_at is not None

    def is_juror(self, user):
        return user.is_authenticated and self.jury.filter(pk=user.pk).exists()

    def publish_results(self):
        """Places 1–3 in each nomination by the jury's average score; once."""
        with transaction.atomic():
            contest = Contest.objects.select_for_update().get(pk=self.pk)
            if contest.results_published:
                return False
            for nomination in contest.nominations.all():
                ranked = (
                    nomination.entries.annotate(
                        average=Avg("scores__points"), votes=Count("scores")
                    )
                    .filter(votes__gt=0)
                    .order_by("-average", "pk")
                )
                for place, entry in enumerate(ranked[:PRIZE_PLACES], start=1):
                    Entry.objects.filter(pk=entry.pk).update(place=place)
            contest.results_published_at = timezone.now()
            contest.save(update_fields=["results_published_at"])
        self.results_published_at = contest.results_published_at
        return True


class Nomination(models.Model):
    contest = models.ForeignKey(
        Contest, verbose_name="конкурс", on_delete=models.CASCADE, related_name="nominations"
    )
    title = models.CharField("номинация", max_length=200)

    class Meta:
        verbose_name = "номинация"
        verbose_name_plural = "номинации"
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Entry(models.Model):
    nomination = models.ForeignKey(
        Nomination, verbose_name="номинация", on_delete=models.CASCADE, related_name="entries"
    )
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name="практика",
        on_delete=models.CASCADE,
        related_name="contest_entries",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто выдвинул", null=True, on_delete=models.SET_NULL
    )
    place = models.PositiveSmallIntegerField("место", null=True, blank=True)
    created_at = models.DateTimeField("подана", default=timezone.now)

    class Meta:
        verbose_name = "заявка на конкурс"
        verbose_name_plural = "заявки на конкурс"
        ordering = ["nomination", "place", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "practice"], name="contest_entry_once")
        ]
        indexes = [models.Index(fields=["practice", "place"], name="contest_entry_award")]

    def __str__(self):
        return f"{self.practice} ({self.nomination})"

    @property
    def award(self):
        if self.place is None:
            return ""
        contest = self.nomination.contest
        return f"{self.place} место, «{self.nomination}», {contest.title} {contest.year}"


class Score(models.Model):
    entry = models.ForeignKey(
        Entry, verbose_name="заявка", on_delete=models.CASCADE, related_name="scores"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="член жюри", on_delete=models.CASCADE
    )
    points = models.PositiveSmallIntegerField(
        "баллы", validators=[MinValueValidator(0), MaxValueValidator(MAX_POINTS)]
    )
    comment = models.TextField("комментарий", max_length=2000, blank=True)
    scored_at = models.DateTimeField("оценено", default=timezone.now)

    class Meta:
        verbose_name = "оценка жюри"
        verbose_name_plural = "оценки жюри"
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror"], name="contest_score_once"),
            models.CheckConstraint(
                condition=models.Q(points__lte=MAX_POINTS), name="contest_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.juror}: {self.points}"
