"""A user's own navigator: bookmarked measures with their application, followed spheres, the
calendar feed token, and corrections users suggest to editors."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import MD5
from django.urls import reverse
from django.utils import timezone

from navigator.models.choices import CLOSING_SOON_DAYS, ApplicationStatus
from navigator.models.querysets import LONG_TEXT_FIELDS

# Bookmarks in these states still have a deadline ahead of them.
ACTIVE_APPLICATION_STATUSES = [ApplicationStatus.PLANNED, ApplicationStatus.PREPARING]


class ReminderLeadTime(models.IntegerChoices):
    """How many days before the application closes the user wants to be reminded."""

    ONE_DAY = 1, "за 1 день"
    THREE_DAYS = 3, "за 3 дня"
    WEEK = 7, "за неделю"
    TWO_WEEKS = 14, "за 2 недели"


class BookmarkQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def awaiting_application(self):
        return self.filter(status__in=ACTIVE_APPLICATION_STATUSES)

    def closing_within(self, days, today=None):
        """Bookmarks still being prepared whose measure closes within `days` days."""
        today = today or timezone.localdate()
        return self.awaiting_application().filter(
            measure__live=True,
            measure__closes_on__gte=today,
            measure__closes_on__lte=today + timedelta(days=days),
        )

    def closing_soon(self, today=None):
        return self.closing_within(CLOSING_SOON_DAYS, today=today)

    def due_for_reminder(self, today=None):
        """Bookmarks still being prepared whose measure closes within the user's lead time."""
        today = today or timezone.localdate()
        within_lead_time = models.Q()
        for days in ReminderLeadTime.values:
            within_lead_time |= models.Q(
                remind_days_before=days, measure__closes_on__lte=today + timedelta(days=days)
            )
        return self.awaiting_application().filter(
            within_lead_time, measure__live=True, measure__closes_on__gte=today
        )

    def summaries(self):
        """Just what a short list of bookmarks shows: the measure's title, link (if it is still
        published) and deadline."""
        return self.select_related("measure").only(
            "status",
            "measure_id",
            "measure__title",
            "measure__slug",
            "measure__closes_on",
            "measure__live",
        )

    def with_measure(self):
        return self.select_related("measure", "measure__organiser").defer(
            *(f"measure__{field}" for field in LONG_TEXT_FIELDS)
        )


class Bookmark(models.Model):
    """A measure a user keeps an eye on, and where their application stands."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="measure_bookmarks",
    )
    measure = models.ForeignKey(
        "navigator.SupportMeasure",
        verbose_name="мера поддержки",
        on_delete=models.CASCADE,
        related_name="bookmarks",
    )
    status = models.CharField(
        "заявка",
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PLANNED,
    )
    applied_on = models.DateField("заявка подана", null=True, blank=True)
    decided_on = models.DateField("решение получено", null=True, blank=True)
    note = models.TextField("заметка", max_length=2000, blank=True)
    remind_days_before = models.PositiveSmallIntegerField(
        "напомнить о сроке подачи",
        choices=ReminderLeadTime.choices,
        default=ReminderLeadTime.WEEK,
    )
    created_at = models.DateTimeField("добавлена", default=timezone.now)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    objects = BookmarkQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = "закладка на меру"
        verbose_name_plural = "закладки на меры"
        constraints = [
            models.UniqueConstraint(fields=["user", "measure"], name="nav_bookmark_user_measure")
        ]
        indexes = [models.Index(fields=["user", "status"], name="nav_bookmark_user_status")]

    def __str__(self):
        return f"{self.user_id}: {self.measure_id}"

    @classmethod
    def add(cls, user, measure):
        """Bookmark `measure`; a second click returns the existing bookmark."""
        bookmark, _ = cls.objects.get_or_create(user=user, measure=measure)
        return bookmark


class CalendarFeed(models.Model):
    """The secret address of a user's personal .ics feed of bookmarked deadlines.

    Calendar programs cannot sign in, so the token in the URL is the credential; the user can
    replace it, which cuts off every calendar subscribed with the old one.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="measure_calendar"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "календарь дедлайнов"
        verbose_name_plural = "календари дедлайнов"

    def __str__(self):
        return f"{self.user_id}"

    def get_absolute_url(self):
        return reverse("navigator:calendar_feed", args=[self.token])

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)

    def renew(self):
        self.token = self.new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])


class CorrectionStatus(models.TextChoices):
    NEW = "new", "новое"
    ACCEPTED = "accepted", "учтено"
    REJECTED = "rejected", "отклонено"


class CorrectionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=CorrectionStatus.NEW)


class Correction(models.Model):
    """«Предложить исправление»: a user's note that something on a measure is wrong."""

    measure = models.ForeignKey(
        "navigator.SupportMeasure",
        verbose_name="мера поддержки",
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        on_delete=models.SET_NULL,
        related_name="measure_corrections",
    )
    text = models.TextField("что исправить", max_length=3000)
    status = models.CharField(
        "статус", max_length=10, choices=CorrectionStatus.choices, default=CorrectionStatus.NEW
    )
    editor_note = models.TextField("ответ редакции", blank=True)
    created_at = models.DateTimeField("получено", default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "предложенное исправление"
        verbose_name_plural = "предложенные исправления"
        constraints = [
            # A double submit of the same text must not queue it twice; hashed, because a
            # long text does not fit into a b-tree index row.
            models.UniqueConstraint("measure", "user", MD5("text"), name="nav_correction_unique")
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="nav_correction_queue")]

    def __str__(self):
        return f"{self.measure}: {self.text[:60]}"
