"""What people search for, which measures they apply to, which links are broken.

The raw material of the admin reports.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone

from portal.models import SearchLog, ServiceSearchLogManager


class ZeroResultSearch(SearchLog):
    """Admin report: searches of the measure list that found nothing, i.e. measures people miss.

    The navigator's share of the portal's search log (`portal.models.SearchLog`)."""

    objects = ServiceSearchLogManager("navigator")

    class Meta:
        proxy = True
        verbose_name = "поиск без результатов"
        verbose_name_plural = "отчёт: поиски без результатов"


class ApplyClickQuerySet(models.QuerySet):
    def since(self, days):
        return self.filter(created_at__gte=timezone.now() - timezone.timedelta(days=days))

    def popular_measures(self):
        """Measures by the number of clicks on «подать заявку», most popular first."""
        return (
            self.values("measure_id", "measure__title")
            .annotate(clicks=Count("pk"), last_clicked=Max("created_at"))
            .order_by("-clicks", "measure__title")
        )


class ApplyClick(models.Model):
    """A click on «подать заявку»: the user left for the organiser's application site."""

    measure = models.ForeignKey(
        "navigator.SupportMeasure",
        verbose_name="мера поддержки",
        on_delete=models.CASCADE,
        related_name="apply_clicks",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("когда", default=timezone.now)

    objects = ApplyClickQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "переход к подаче заявки"
        verbose_name_plural = "переходы к подаче заявки"
        indexes = [models.Index(fields=["measure", "created_at"], name="nav_applyclick_measure")]

    def __str__(self):
        return f"{self.measure_id} — {self.created_at:%d.%m.%Y %H:%M}"


class PopularMeasure(ApplyClick):
    """Admin report: measures people apply to most often."""

    class Meta:
        proxy = True
        verbose_name = "популярная мера"
        verbose_name_plural = "отчёт: популярные меры"


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(is_broken=True)


class LinkCheck(models.Model):
    """The latest result of checking one link of a measure (application link, source…)."""

    measure = models.ForeignKey(
        "navigator.SupportMeasure",
        verbose_name="мера поддержки",
        on_delete=models.CASCADE,
        related_name="link_checks",
    )
    url = models.URLField("ссылка", max_length=1000)
    status_code = models.PositiveSmallIntegerField("код ответа", null=True, blank=True)
    error = models.CharField("ошибка", max_length=300, blank=True)
    is_broken = models.BooleanField("не работает", default=False)
    checked_at = models.DateTimeField("проверено", default=timezone.now)

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-is_broken", "-checked_at"]
        verbose_name = "проверка ссылки"
        verbose_name_plural = "проверки ссылок"
        constraints = [
            models.UniqueConstraint(fields=["measure", "url"], name="nav_linkcheck_measure_url")
        ]
        indexes = [
            models.Index(
                fields=["checked_at"],
                name="nav_linkcheck_broken",
                condition=models.Q(is_broken=True),
            )
        ]

    def __str__(self):
        return self.url

    @classmethod
    def record(cls, measure, url, status_code=None, error=""):
        """Store the outcome of a check; a link is broken when it errs or answers 4xx/5xx.

        405 means the server refuses HEAD but the page may well exist, so it is not reported.
        """
        failed = status_code is None or (status_code >= 400 and status_code != 405)
        is_broken = bool(error) or failed
        check, _ = cls.objects.update_or_create(
            measure=measure,
            url=url,
            defaults={
                "status_code": status_code,
                "error": error[:300],
                "is_broken": is_broken,
                "checked_at": timezone.now(),
            },
        )
        return check
