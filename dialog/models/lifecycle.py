"""The problem's states and transitions, declared in one place (django-fsm-2).

Each transition names who may take it (`permission`); the methods only change fields. Running
one — locking the row, refusing a stale request, logging it, notifying — is
`dialog.workflow.perform()`.
"""

import datetime

from django.db import models
from django.utils import timezone
from django_fsm import transition

from dialog import access
from dialog.models.choices import ProblemStatus as S


def _author(problem, user):
    return user.is_authenticated and user.pk == problem.author_id and user.can_publish


def _moderator(problem, user):
    return access.is_moderator(user)


def _expert(problem, user):
    return access.can_answer(user, problem)


def _lead_or_moderator(problem, user):
    return access.is_lead_of(user, problem) or access.is_moderator(user)


def _system_or_staff(problem, user):
    # Automatic assignment runs without a user.
    return user is None or _lead_or_moderator(problem, user)


def _review_asker(problem, user):
    return _author(problem, user) and not problem.review_requested


class ProblemLifecycle(models.Model):
    class Meta:
        abstract = True

    @transition(
        field="status", source=[S.DRAFT, S.RETURNED], target=S.MODERATION, permission=_author
    )
    def submit(self, user=None, comment=""):
        self.submitted_at = timezone.now()

    @transition(field="status", source=S.MODERATION, target=S.PUBLISHED, permission=_moderator)
    def publish(self, user=None, comment=""):
        now = timezone.now()
        if self.published_at is None:
            self.published_at = now
        self._resume_clock(now)

    @transition(
        field="status",
        source=[S.MODERATION, S.REVIEW],
        target=S.RETURNED,
        permission=lambda problem, user: (
            _moderator(problem, user) or (problem.status == S.REVIEW and _expert(problem, user))
        ),
    )
    def return_to_author(self, user=None, comment=""):
        if self.due_at is not None:
            self.sla_paused_at = timezone.now()

    @transition(field="status", source=S.MODERATION, target=S.REJECTED, permission=_moderator)
    def reject(self, user=None, comment=""):
        self.closed_at = timezone.now()

    @transition(field="status", source=S.PUBLISHED, target=S.REVIEW, permission=_system_or_staff)
    def assign(self, user=None, comment="", expert=None, sla_days=30):
        self.assignee = expert
        if self.due_at is None:
            self.due_at = (self.published_at or timezone.now()) + datetime.timedelta(days=sla_days)

    @transition(field="status", source=S.REVIEW, target=S.ANSWERED, permission=_expert)
    def answer(self, user=None, comment=""):
        self.answered_at = timezone.now()

    @transition(field="status", source=S.ANSWERED, target=S.IN_PROGRESS, permission=_expert)
    def start_work(self, user=None, comment=""):
        pass

    @transition(
        field="status", source=[S.ANSWERED, S.IN_PROGRESS], target=S.SOLVED, permission=_expert
    )
    def resolve(self, user=None, comment=""):
        self.closed_at = timezone.now()

    @transition(
        field="status", source=[S.ANSWERED, S.IN_PROGRESS], target=S.UNSOLVABLE, permission=_expert
    )
    def declare_unsolvable(self, user=None, comment=""):
        self.closed_at = timezone.now()

    @transition(
        field="status",
        source=[S.ANSWERED, S.IN_PROGRESS, S.SOLVED, S.UNSOLVABLE],
        target=S.REVIEW,
        permission=_review_asker,
    )
    def request_review(self, user=None, comment="", lead=None):
        """Once per problem: the author contests the answer and the lead expert takes it."""
        self.review_requested = True
        self.closed_at = None
        if lead is not None:
            self.assignee = lead

    @transition(
        field="status",
        source=[S.MODERATION, S.PUBLISHED, S.REVIEW],
        target=S.MERGED,
        permission=_moderator,
    )
    def merge(self, user=None, comment="", into=None):
        self.merged_into = into
        self.closed_at = timezone.now()

    def _resume_clock(self, now):
        """Back from the author: the time they held it is added to the due date."""
        if self.sla_paused_at is not None and self.due_at is not None:
            self.due_at += now - self.sla_paused_at
        self.sla_paused_at = None


# The transitions people trigger from the problem page, with their button labels. `assign`
# is automatic (or a reassignment), `merge` has its own form.
ACTIONS = {
    "submit": "Отправить на модерацию",
    "publish": "Опубликовать",
    "return_to_author": "Вернуть на доработку",
    "reject": "Отклонить",
    "start_work": "Взять в работу",
    "resolve": "Проблема решена",
    "declare_unsolvable": "Не может быть решена",
}
