"""«Внедрили у себя»: a municipality took a practice over (the replication trail)."""

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone


class AdoptionQuerySet(models.QuerySet):
    def of_practice(self, practice):
        return self.filter(practice=practice)

    def in_region(self, region):
        """What municipalities of `region` adopted («что внедрил мой регион»)."""
        return self.filter(municipality__region=region)

    def counts_by_region(self):
        """[(region name, count)], most adoptions first: the practice's map as a list."""
        return list(
            self.values_list("municipality__region__name")
            .annotate(total=Count("pk"))
            .order_by("-total", "municipality__region__name")
        )


class Adoption(models.Model):
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name="практика",
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name="муниципальное образование",
        on_delete=models.PROTECT,
        related_name="adopted_practices",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто отметил",
        null=True,
        on_delete=models.SET_NULL,
        related_name="practice_adoptions",
    )
    adopted_on = models.DateField("когда внедрили", default=timezone.localdate)
    note = models.TextField("как внедряли", max_length=3000, blank=True)
    results = models.TextField("наши результаты", max_length=3000, blank=True)
    created_at = models.DateTimeField("отмечено", default=timezone.now)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = "внедрение практики"
        verbose_name_plural = "внедрения практик"
        ordering = ["-adopted_on", "-pk"]
        # A municipality adopts a practice once, however many of its employees click.
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "municipality"], name="practice_adopted_once_per_municipality"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "-adopted_on"], name="adoption_municipality")
        ]

    def __str__(self):
        return f"{self.municipality} — {self.practice}"
