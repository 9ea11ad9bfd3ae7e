"""Colleagues' support of a problem, and the topics («проблемные узлы») that group problems."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone


class SupportQuerySet(models.QuerySet):
    def reach(self):
        """{"municipalities": N, "regions": M, "carried": K} of the supporters: K came with a
        merged duplicate."""
        return self.aggregate(
            municipalities=Count("municipality", distinct=True),
            regions=Count("municipality__region", distinct=True),
            carried=Count("pk", filter=Q(carried_from__isnull=False)),
        )


class Support(models.Model):
    """One per employee and problem. `carried_from` shows it came with a merged duplicate."""

    problem = models.ForeignKey("dialog.Problem", on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialog_supports"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    carried_from = models.ForeignKey(
        "dialog.Problem",
        verbose_name="перенесена из",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SupportQuerySet.as_manager()

    class Meta:
        verbose_name = "поддержка"
        verbose_name_plural = "поддержка"
        constraints = [
            models.UniqueConstraint(fields=["problem", "user"], name="dialog_support_once")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="dialog_support_user")]

    def __str__(self):
        return f"{self.user} → {self.problem_id}"


class Cluster(models.Model):
    """A named topic under which moderators group related problems."""

    title = models.CharField("название", max_length=200)
    summary = models.TextField("краткое описание", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        verbose_name = "проблемный узел"
        verbose_name_plural = "проблемные узлы"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dialog:cluster", args=[self.pk])
