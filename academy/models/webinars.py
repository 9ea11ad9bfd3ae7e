"""Webinars: registration with a seat limit, reminders, recording, attendance for completion."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

from portal import caching

# The version of the stored list of the next webinars: bumped when any webinar is saved or
# deleted (`academy.integration` connects `bump_webinars`).
WEBINARS_VERSION = "academy:webinars"
SOONEST_SECONDS = 3600


class WebinarError(Exception):
    """Registration is not possible; the message is shown to the user."""


class WebinarQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def starting_within(self, delta, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__gt=now, starts_at__lte=now + delta)


class Webinar(models.Model):
    title = models.CharField("тема", max_length=250)
    course = models.ForeignKey(
        "academy.CoursePage",
        verbose_name="курс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="webinars",
    )
    description = models.TextField("описание", blank=True)
    speaker = models.CharField("ведущий", max_length=200, blank=True)
    starts_at = models.DateTimeField("начало", db_index=True)
    minutes = models.PositiveSmallIntegerField("длительность, минут", default=60)
    platform_url = models.URLField("ссылка на площадку")
    seats = models.PositiveIntegerField("мест", default=100)
    recording_url = models.URLField("запись", blank=True)
    materials = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="материалы",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = WebinarQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = "вебинар"
        verbose_name_plural = "вебинары"

    def __str__(self):
        return self.title

    @classmethod
    def soonest(cls, count=3, now=None):
        """The next `count` webinars (pk, title, starts_at) for the catalogue, the same for
        every visitor: stored until the first of them starts or any webinar is saved or
        deleted (WEBINARS_VERSION), instead of a query on each request."""
        now = now or timezone.now()
        key = caching.versioned_key(WEBINARS_VERSION, "soonest", count)
        webinars = cache.get(key)
        if webinars is None or (webinars and webinars[0]["starts_at"] < now):
            upcoming = cls.objects.upcoming(now).values("pk", "title", "starts_at")
            webinars = list(upcoming[:count])
            cache.set(key, webinars, SOONEST_SECONDS)
        return webinars

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    def register(self, user, now=None):
        """Take a seat; the webinar row is locked so the last seat goes to one person only."""
        now = now or timezone.now()
        if self.starts_at < now:
            raise WebinarError("Вебинар уже прошёл: смотрите запись.")
        with transaction.atomic():
            type(self).objects.select_for_update().get(pk=self.pk)
            existing = self.registrations.filter(user=user).first()
            if existing:
                return existing
            if self.registrations.count() >= self.seats:
                raise WebinarError("Свободных мест нет.")
            return self.registrations.create(user=user)

    def mark_attended(self, users):
        """Record attendance and let it count for the course's completion rule."""
        updated = self.registrations.filter(user__in=users).update(attended=True)
        if self.course_id:
            for enrollment in self.course.enrollments.filter(user__in=users):
                enrollment.refresh_progress()
        return updated


class WebinarRegistration(models.Model):
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField("присутствовал", default=False)
    reminded_day = models.BooleanField(default=False)
    reminded_hour = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webinar", "user"], name="webinar_seat_once")
        ]

    def __str__(self):
        return f"{self.webinar_id}: {self.user_id}"


def bump_webinars(**kwargs):
    caching.bump(WEBINARS_VERSION)
