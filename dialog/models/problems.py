"""A problem or proposal raised by municipal employees, and the QuerySets that reach it."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField

from dialog.models.choices import (
    ANSWERED_STATUSES,
    AWAITING_ANSWER,
    PUBLIC_STATUSES,
    ProblemLevel,
    ProblemStatus,
)
from dialog.models.lifecycle import ProblemLifecycle
from legal_vector.models.units import unit_url
from portal.search.vectors import weighted_search_vector

TITLE_MAX = 200


class ProblemQuerySet(models.QuerySet):
    def public(self):
        """On the field: published in any later state, and not hidden after reports."""
        return self.filter(status__in=PUBLIC_STATUSES, is_hidden=False)

    def awaiting_answer(self):
        return self.filter(status__in=AWAITING_ANSWER)

    def answered(self):
        return self.filter(status__in=ANSWERED_STATUSES)

    def overdue(self, now=None):
        return self.awaiting_answer().filter(
            due_at__lt=now or timezone.now(), sla_paused_at__isnull=True
        )

    def due_for_escalation(self, now=None):
        return self.overdue(now).filter(escalated_at__isnull=True)

    def in_directions(self, direction_ids):
        return self.filter(direction_id__in=direction_ids)

    def visible_to(self, user):
        """Public problems plus the user's own (authored or co-authored) in any state."""
        if not user.is_authenticated:
            return self.public()
        own = Q(author=user) | Q(coauthors__user=user)
        mine = self.model.objects.filter(own).values("pk")
        return self.filter(Q(status__in=PUBLIC_STATUSES, is_hidden=False) | Q(pk__in=mine))

    def written_by(self, user):
        """Problems `user` authored or co-authored, in any state.

        The ids come from two indexed reads: one OR across the co-author join would make
        PostgreSQL read every problem (0.5 s at 200,000 problems)."""
        ids = list(self.model.objects.filter(author=user).values_list("pk", flat=True))
        ids += Coauthor.objects.filter(user=user).values_list("problem_id", flat=True)
        return self.filter(pk__in=ids)

    def for_lists(self):
        return self.select_related("direction", "municipality", "region").defer(
            "description", "consequences", "proposed_solution", "extra_answers", "search_vector"
        )

    def expert_queue(self):
        """Experts work by due date; problems past the support threshold come first."""
        return self.order_by("-is_prioritized", models.F("due_at").asc(nulls_last=True), "pk")


class Problem(ProblemLifecycle, ConcurrentTransitionMixin, models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        on_delete=models.SET_NULL,
        related_name="dialog_problems",
    )
    # Copied from the author at submission: filters and facets read them without joins, and
    # they stay what they were when the author later moves.
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name="муниципальное образование",
        null=True,
        on_delete=models.SET_NULL,
        related_name="dialog_problems",
    )
    region = models.ForeignKey(
        "municipalities.Region",
        verbose_name="регион",
        null=True,
        on_delete=models.SET_NULL,
        related_name="dialog_problems",
    )
    municipality_kind = models.CharField("тип МО", max_length=32, blank=True)
    direction = models.ForeignKey(
        "portal.Sphere",
        verbose_name="направление",
        on_delete=models.PROTECT,
        related_name="dialog_problems",
        limit_choices_to={"parent__isnull": True},
    )
    title = models.CharField("суть проблемы", max_length=TITLE_MAX)
    description = models.TextField("описание")
    consequences = models.TextField("к чему это приводит", blank=True)
    proposed_solution = models.TextField("предлагаемое решение", blank=True)
    level = models.CharField(
        "уровень решения", max_length=16, choices=ProblemLevel.choices, default=ProblemLevel.FEDERAL
    )
    # Answers to the direction's extra questions: {"<question id>": "text"}.
    extra_answers = models.JSONField("ответы на вопросы направления", default=dict, blank=True)

    status = FSMField(
        "статус", max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.DRAFT
    )
    submission_token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField("создана", default=timezone.now)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    submitted_at = models.DateTimeField("отправлена на модерацию", null=True, blank=True)
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    answered_at = models.DateTimeField("дан ответ", null=True, blank=True)
    closed_at = models.DateTimeField("закрыта", null=True, blank=True)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="эксперт",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialog_assigned",
    )
    due_at = models.DateTimeField("ответ до", null=True, blank=True)
    sla_paused_at = models.DateTimeField("срок приостановлен", null=True, blank=True)
    escalated_at = models.DateTimeField("эскалирована", null=True, blank=True)

    supports_count = models.PositiveIntegerField("поддержали", default=0)
    is_prioritized = models.BooleanField("приоритетная", default=False)
    review_requested = models.BooleanField("запрошен пересмотр", default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="объединена с",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_problems",
    )
    split_from = models.ForeignKey(
        "self",
        verbose_name="выделена из",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="split_problems",
    )
    # Set by portal.community after reports (or one moderator's report) until a moderator
    # decides; a hidden problem and its discussion leave the field and its page.
    is_hidden = models.BooleanField("скрыта по жалобам", default=False, editable=False)
    cluster = models.ForeignKey(
        "dialog.Cluster",
        verbose_name="проблемный узел",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    search_vector = weighted_search_vector(
        [(("title",), "A"), (("description",), "B"), (("consequences", "proposed_solution"), "C")],
        fold_yo=True,
    )

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = "проблема"
        verbose_name_plural = "проблемы"
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="dialog_problem_submitted_once"
            )
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="dialog_problem_search"),
            GinIndex(
                fields=["title"], opclasses=["gin_trgm_ops"], name="dialog_problem_title_trgm"
            ),
            models.Index(fields=["status", "-published_at"], name="dialog_problem_newest"),
            models.Index(fields=["status", "-supports_count"], name="dialog_problem_supported"),
            models.Index(fields=["direction", "status"], name="dialog_problem_direction"),
            models.Index(fields=["region", "status"], name="dialog_problem_region"),
            models.Index(fields=["assignee", "status", "due_at"], name="dialog_problem_queue"),
            models.Index(fields=["status", "due_at"], name="dialog_problem_due"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dialog:problem", args=[self.pk])

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES and not self.is_hidden

    @property
    def is_overdue(self):
        return self.is_overdue_at(timezone.now())

    def is_overdue_at(self, now):
        """The answer is awaited, the clock runs and the due date has passed by `now`."""
        return (
            self.status in AWAITING_ANSWER
            and self.due_at is not None
            and self.sla_paused_at is None
            and self.due_at < now
        )

    @property
    def time_left(self):
        """What is left of the SLA (negative when overdue); None when the clock does not run."""
        if self.due_at is None or self.status not in AWAITING_ANSWER:
            return None
        return self.due_at - (self.sla_paused_at or timezone.now())

    def set_hidden(self, hidden):
        """Hidden after reports until a moderator decides (portal.community calls it)."""
        Problem.objects.filter(pk=self.pk).update(is_hidden=hidden)
        self.is_hidden = hidden

    def is_authored_by(self, user):
        """The author or a confirmed co-author."""
        if not user.is_authenticated:
            return False
        if user.pk == self.author_id:
            return True
        return self.coauthors.filter(user=user, confirmed_at__isnull=False).exists()


class Coauthor(models.Model):
    """A colleague from another municipality who joins the submission once they confirm."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="coauthors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dialog_coauthored"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField("подтвердил участие", null=True, blank=True)

    class Meta:
        verbose_name = "соавтор"
        verbose_name_plural = "соавторы"
        constraints = [
            models.UniqueConstraint(fields=["problem", "user"], name="dialog_coauthor_once")
        ]

    def __str__(self):
        return str(self.user)


def attachment_path(instance, filename):
    return f"dialog/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{filename[-8:].lower()}"


class Attachment(models.Model):
    """A file added to a problem or an answer; its type was checked by content, not by name."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="attachments")
    answer = models.ForeignKey(
        "dialog.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("файл", upload_to=attachment_path)
    name = models.CharField("имя файла", max_length=200)
    kind = models.CharField("тип", max_length=16)
    size = models.PositiveIntegerField("размер, байт")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "вложение"
        verbose_name_plural = "вложения"

    def __str__(self):
        return self.name


class Citation(models.Model):
    """A unit of the legal base cited by the problem's author or by an expert's answer."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="citations")
    answer = models.ForeignKey(
        "dialog.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    document = models.ForeignKey(
        "legal_vector.Document", on_delete=models.CASCADE, related_name="dialog_citations"
    )
    stable_key = models.CharField(max_length=200, blank=True)
    label = models.CharField("ссылка", max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "ссылка на норму"
        verbose_name_plural = "ссылки на нормы"

    def __str__(self):
        return self.label

    @property
    def url(self):
        return unit_url(self.document_id, self.stable_key)
