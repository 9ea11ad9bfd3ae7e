"""The official answer of an expert, its rating, and the milestones of the work that follows."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Answer(models.Model):
    problem = models.ForeignKey("dialog.Problem", on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="эксперт",
        null=True,
        on_delete=models.SET_NULL,
        related_name="dialog_answers",
    )
    author_role = models.CharField("роль", max_length=60)
    text = models.TextField("ответ")
    published_at = models.DateTimeField("опубликован", default=timezone.now)
    rating = models.PositiveSmallIntegerField("оценка автора", null=True, blank=True)
    review_reason = models.TextField("почему нужен пересмотр", blank=True)

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = "ответ эксперта"
        verbose_name_plural = "ответы экспертов"

    def __str__(self):
        return f"Ответ на «{self.problem}»"


class Milestone(models.Model):
    """A step of implementation of a problem «в работе»."""

    problem = models.ForeignKey(
        "dialog.Problem", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField("этап", max_length=200)
    due_on = models.DateField("срок")
    progress = models.PositiveSmallIntegerField("готовность, %", default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "этап реализации"
        verbose_name_plural = "этапы реализации"

    def __str__(self):
        return self.title
