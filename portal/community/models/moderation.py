"""Reports, the moderation queue, its log, templated reasons and blocks of repeat offenders."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.community.models.base import Targeted, TargetQuerySet


class ReportReason(models.TextChoices):
    SPAM = "spam", "Спам или реклама"
    RUDE = "rude", "Оскорбления, грубость"
    FALSE = "false", "Недостоверные сведения"
    PERSONAL = "personal", "Чужие персональные данные"
    OFFTOPIC = "offtopic", "Не по теме"
    OTHER = "other", "Другое"


class CaseKind(models.TextChoices):
    NEW = "new", "новый материал"
    EDIT = "edit", "изменение"
    REPORT = "report", "жалобы"


class CaseState(models.TextChoices):
    OPEN = "open", "ждёт решения"
    APPROVED = "approved", "одобрено / восстановлено"
    REJECTED = "rejected", "отклонено / скрытие подтверждено"


class Report(Targeted):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто пожаловался",
        on_delete=models.CASCADE,
        related_name="community_reports",
    )
    reason = models.CharField("причина", max_length=16, choices=ReportReason.choices)
    text = models.TextField("пояснение", max_length=2000, blank=True)
    created_at = models.DateTimeField("подана", default=timezone.now)
    case = models.ForeignKey(
        "community.ModerationCase",
        verbose_name="дело",
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )

    class Meta:
        verbose_name = "жалоба"
        verbose_name_plural = "жалобы"
        ordering = ["-created_at"]
        # One report per person and item: reporting again changes nothing.
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"], name="community_report_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="community_report_item")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.target}"


class CaseQuerySet(TargetQuerySet):
    def open(self):
        return self.filter(state=CaseState.OPEN)


class ModerationCase(Targeted):
    """Something waiting for a moderator: a new item, an edit, or an item hidden after reports."""

    kind = models.CharField("что проверить", max_length=8, choices=CaseKind.choices)
    state = models.CharField(
        "состояние", max_length=8, choices=CaseState.choices, default=CaseState.OPEN
    )
    title = models.CharField("материал", max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор материала",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden = models.BooleanField("скрыто до решения", default=False)
    opened_at = models.DateTimeField("открыто", default=timezone.now)
    decided_at = models.DateTimeField("решено", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="модератор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField("причина решения", blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "дело модерации"
        verbose_name_plural = "очередь модерации"
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(state="open"),
                name="community_one_open_case",
            )
        ]
        indexes = [models.Index(fields=["state", "kind", "opened_at"], name="community_case_queue")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_open(self):
        return self.state == CaseState.OPEN


class ModerationAction(Targeted):
    """The log: who did what to which item, when and why. Never edited."""

    class Verb(models.TextChoices):
        HIDE = "hide", "скрыто"
        RESTORE = "restore", "восстановлено"
        CONFIRM = "confirm", "скрытие подтверждено"
        APPROVE = "approve", "одобрено"
        REJECT = "reject", "отклонено"
        BLOCK = "block", "автор заблокирован"

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verb = models.CharField("действие", max_length=8, choices=Verb.choices)
    reason = models.TextField("почему", blank=True)
    case = models.ForeignKey(
        ModerationCase, verbose_name="дело", null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("когда", default=timezone.now)

    class Meta:
        verbose_name = "действие модератора"
        verbose_name_plural = "журнал модерации"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_verb_display()} · {self.created_at:%d.%m.%Y %H:%M}"


class ModerationReason(models.Model):
    """A ready wording moderators pick instead of typing the same explanation again."""

    title = models.CharField("название", max_length=100, unique=True)
    text = models.TextField("текст для автора")

    class Meta:
        verbose_name = "шаблон причины"
        verbose_name_plural = "шаблоны причин"
        ordering = ["title"]

    def __str__(self):
        return self.title


class BlockQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(until__gt=now or timezone.now())

    def is_blocked(self, user):
        return user.is_authenticated and self.active().filter(user=user).exists()


class Block(models.Model):
    """A repeat offender may not write in the community until `until`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="community_blocks",
    )
    until = models.DateTimeField("до")
    reason = models.TextField("причина")
    created_at = models.DateTimeField("назначена", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="модератор",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BlockQuerySet.as_manager()

    class Meta:
        verbose_name = "блокировка"
        verbose_name_plural = "блокировки"
        ordering = ["-until"]
        indexes = [models.Index(fields=["user", "until"], name="community_block_user")]

    def __str__(self):
        return f"{self.user} до {self.until:%d.%m.%Y}"
