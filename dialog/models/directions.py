"""How each of the 14 directions (portal spheres) is served: SLA, routing, experts, questions."""

from django.conf import settings
from django.db import models

from dialog.models.choices import Routing

DEFAULT_SLA_DAYS = 30
DEFAULT_SUPPORT_THRESHOLD = 50


class DirectionSettingsQuerySet(models.QuerySet):
    def for_direction(self, direction):
        """The direction's settings, created with the defaults the first time they are asked."""
        found, _ = self.get_or_create(direction=direction)
        return found


class DirectionSettings(models.Model):
    direction = models.OneToOneField(
        "portal.Sphere",
        verbose_name="направление",
        on_delete=models.CASCADE,
        related_name="dialog_settings",
        limit_choices_to={"parent__isnull": True},
    )
    sla_days = models.PositiveSmallIntegerField(
        "срок ответа, дней", default=DEFAULT_SLA_DAYS, help_text="Считается с публикации."
    )
    routing = models.CharField(
        "назначение эксперта", max_length=16, choices=Routing.choices, default=Routing.LEAST_LOADED
    )
    support_threshold = models.PositiveIntegerField(
        "порог поддержки",
        default=DEFAULT_SUPPORT_THRESHOLD,
        help_text="С этого числа поддержавших проблема поднимается в очереди экспертов.",
    )
    # Round-robin position: the expert who got the last problem.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DirectionSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = "настройки направления"
        verbose_name_plural = "настройки направлений"

    def __str__(self):
        return str(self.direction)


class ExpertDirectionQuerySet(models.QuerySet):
    def leads(self):
        return self.filter(is_lead=True)


class ExpertDirection(models.Model):
    """An expert (or the lead expert) of a direction."""

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="эксперт",
        on_delete=models.CASCADE,
        related_name="dialog_directions",
    )
    direction = models.ForeignKey(
        "portal.Sphere",
        verbose_name="направление",
        on_delete=models.CASCADE,
        related_name="dialog_experts",
        limit_choices_to={"parent__isnull": True},
    )
    is_lead = models.BooleanField("ведущий эксперт", default=False)
    is_active = models.BooleanField("принимает проблемы", default=True)

    objects = ExpertDirectionQuerySet.as_manager()

    class Meta:
        verbose_name = "эксперт направления"
        verbose_name_plural = "эксперты направлений"
        constraints = [
            models.UniqueConstraint(fields=["expert", "direction"], name="dialog_expert_direction")
        ]

    def __str__(self):
        return f"{self.expert} — {self.direction}"


class ExtraQuestion(models.Model):
    """A question asked of every problem in a direction, besides the common fields."""

    direction = models.ForeignKey(
        "portal.Sphere",
        verbose_name="направление",
        on_delete=models.CASCADE,
        related_name="dialog_questions",
        limit_choices_to={"parent__isnull": True},
    )
    text = models.CharField("вопрос", max_length=300)
    help_text = models.CharField("подсказка", max_length=300, blank=True)
    is_required = models.BooleanField("обязательный", default=False)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["direction", "order", "pk"]
        verbose_name = "дополнительный вопрос"
        verbose_name_plural = "дополнительные вопросы"

    def __str__(self):
        return self.text

    @property
    def field_name(self):
        return f"extra_{self.pk}"
