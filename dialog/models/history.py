"""What happened to a problem: the public timeline and the staff's internal notes."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from dialog.models.choices import ProblemStatus


class TransitionLog(models.Model):
    """One transition: who, when, from which state to which, and why. Never edited."""

    problem = models.ForeignKey("dialog.Problem", on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's role at the time, shown on the timeline instead of a private name.
    actor_role = models.CharField("роль", max_length=60, blank=True)
    action = models.CharField("действие", max_length=40)
    source = models.CharField("из", max_length=16, choices=ProblemStatus.choices)
    target = models.CharField("в", max_length=16, choices=ProblemStatus.choices)
    comment = models.TextField("комментарий", blank=True)
    at = models.DateTimeField("когда", default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "переход"
        verbose_name_plural = "история переходов"
        indexes = [models.Index(fields=["problem", "at"], name="dialog_history_problem")]

    def __str__(self):
        return f"{self.get_source_display()} → {self.get_target_display()}"

    @property
    def event_label(self):
        """What happened when the state stayed the same (escalation, milestone, …)."""
        return EVENT_LABELS.get(self.action, "изменение")


EVENT_LABELS = {
    "escalate": "эскалация",
    "milestone": "этап реализации",
    "carry_over": "перенос из объединённой проблемы",
    "reassign": "назначение эксперта",
    "hide": "скрыта по жалобам",
    "hide_confirmed": "скрытие подтверждено",
    "restore": "восстановлена после жалоб",
    "split": "выделена отдельная проблема",
    "split_from": "выделена из другой проблемы",
    "cluster": "проблемный узел",
}


class InternalNote(models.Model):
    """A note for moderators and experts only; never shown to the author or the public."""

    problem = models.ForeignKey(
        "dialog.Problem", on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("заметка")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "служебная заметка"
        verbose_name_plural = "служебные заметки"

    def __str__(self):
        return self.text[:60]
