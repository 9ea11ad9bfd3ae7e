"""Running the lifecycle: one locked, logged, stale-safe path for every transition.

`perform()` locks the problem's row, refuses the request when the state is no longer the one
the user saw (someone else acted first), checks the role through the transition's permission,
changes the state, logs who/when/from/to/why and notifies after commit.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_fsm import ConcurrentTransition, TransitionNotAllowed, has_transition_perm

from dialog import access
from dialog.community import close_queue_case
from dialog.models import (
    DirectionSettings,
    ExpertDirection,
    Problem,
    ProblemStatus,
    Routing,
    TransitionLog,
)
from dialog.models.choices import AWAITING_ANSWER
from dialog.notifying import KIND_ASSIGNED, KIND_ESCALATION, KIND_STATUS, tell
from portal.accounts import roles
from portal.accounts.models import User

# Transitions a page may request through perform(); assignment, answers, reviews and merges
# have their own functions because they carry more than a comment.
PAGE_ACTIONS = {
    "submit",
    "publish",
    "return_to_author",
    "reject",
    "start_work",
    "resolve",
    "declare_unsolvable",
}


class StaleTransition(Exception):
    """The problem changed since the user saw it; the message says what it is now."""


def role_label(user, problem):
    if user is None:
        return "система"
    if access.is_lead_of(user, problem) and not user.is_superuser:
        return "ведущий эксперт"
    if access.is_expert_of(user, problem) and not user.is_superuser:
        return "эксперт"
    if access.is_moderator(user):
        return "модератор"
    if user.pk == problem.author_id:
        return "автор"
    return "участник"


def lock(pk):
    return Problem.objects.select_for_update(of=("self",)).get(pk=pk)


def _log(problem, user, action, source, comment=""):
    return TransitionLog.objects.create(
        problem=problem,
        actor=user,
        actor_role=role_label(user, problem),
        action=action,
        source=source,
        target=problem.status,
        comment=comment,
    )


def apply(problem, action, user, comment="", **kwargs):
    """Take `action` on a locked `problem`, log it, save. The caller holds the transaction."""
    method = getattr(problem, action)
    if user is not None and not has_transition_perm(method, user):
        raise PermissionDenied("Это действие вам недоступно.")
    source = problem.status
    try:
        method(user=user, comment=comment, **kwargs)
        problem.save()
    except (TransitionNotAllowed, ConcurrentTransition) as error:
        raise StaleTransition(_stale_message(problem.pk)) from error
    return _log(problem, user, action, source, comment)


def _stale_message(pk):
    current = Problem.objects.filter(pk=pk).values_list("status", flat=True).first()
    label = ProblemStatus(current).label if current else "удалена"
    return f"Действие не выполнено: проблема уже в статусе «{label}». Обновите страницу."


@transaction.atomic
def perform(problem_id, action, user, expected_status, comment="", **kwargs):
    """Run one transition requested from a page that showed `expected_status`."""
    problem = lock(problem_id)
    if problem.status != expected_status:
        raise StaleTransition(_stale_message(problem_id))
    if action not in PAGE_ACTIONS:
        raise PermissionDenied("Неизвестное действие.")
    apply(problem, action, user, comment, **kwargs)
    if expected_status == ProblemStatus.MODERATION:
        close_queue_case(problem, user, problem.status == ProblemStatus.PUBLISHED)
    if problem.status == ProblemStatus.PUBLISHED:
        assign_automatically(problem)
    _after(problem, action, comment)
    return problem


def _after(problem, action, comment):
    """Tell the authors what happened to their problem."""
    texts = {
        "submit": "Проблема «{t}» отправлена на модерацию.",
        "publish": "Проблема «{t}» опубликована.",
        "return_to_author": "Проблема «{t}» возвращена на доработку: {c}",
        "reject": "Проблема «{t}» отклонена: {c}",
        "start_work": "По проблеме «{t}» начата работа.",
        "resolve": "Проблема «{t}» решена.",
        "declare_unsolvable": "Эксперт сообщил, что проблема «{t}» не может быть решена: {c}",
        "merge": "Проблема «{t}» объединена с похожей.",
    }
    if action in texts:
        text = texts[action].format(t=problem.title, c=comment or "без комментария")
        for user in authors_of(problem):
            tell(user, KIND_STATUS, text, problem.get_absolute_url())


def authors_of(problem):
    users = [problem.author] if problem.author_id else []
    users += [c.user for c in problem.coauthors.filter(confirmed_at__isnull=False)]
    return users


def choose_expert(problem, settings_):
    """An active expert of the direction by its routing rule, or None when it has none."""
    experts = ExpertDirection.objects.filter(
        direction_id=problem.direction_id, is_active=True, is_lead=False, expert__is_active=True
    ).order_by("expert_id")
    ids = list(experts.values_list("expert_id", flat=True))
    if not ids:
        ids = list(
            ExpertDirection.objects.filter(direction_id=problem.direction_id, is_active=True)
            .order_by("expert_id")
            .values_list("expert_id", flat=True)
        )
    if not ids:
        return None
    if settings_.routing == Routing.ROUND_ROBIN:
        after = [pk for pk in ids if settings_.last_assigned_id and pk > settings_.last_assigned_id]
        return (after or ids)[0]
    load = dict(
        Problem.objects.filter(assignee_id__in=ids, status__in=AWAITING_ANSWER)
        .values_list("assignee_id")
        .annotate(n=Count("pk"))
    )
    return min(ids, key=lambda pk: (load.get(pk, 0), pk))


def assign_automatically(problem):
    """A published problem goes to an expert of its direction, or waits for a manual one."""
    settings_ = DirectionSettings.objects.select_for_update().get(
        pk=DirectionSettings.objects.for_direction(problem.direction).pk
    )
    expert_id = problem.assignee_id or choose_expert(problem, settings_)
    if expert_id is None:
        return
    expert = User.objects.get(pk=expert_id)
    apply(
        problem,
        "assign",
        None,
        "Назначена автоматически",
        expert=expert,
        sla_days=settings_.sla_days,
    )
    settings_.last_assigned = expert
    settings_.save(update_fields=["last_assigned"])
    tell(
        expert,
        KIND_ASSIGNED,
        f"Вам назначена проблема «{problem.title}», "
        f"ответ до {timezone.localtime(problem.due_at):%d.%m.%Y}.",
        problem.get_absolute_url(),
    )


@transaction.atomic
def reassign(problem_id, user, expert, expected_status, comment=""):
    """Manual assignment by a moderator or the lead expert; logged on the timeline."""
    problem = lock(problem_id)
    if problem.status != expected_status:
        raise StaleTransition(_stale_message(problem_id))
    if not (access.is_moderator(user) or access.is_lead_of(user, problem)):
        raise PermissionDenied("Назначать экспертов могут модераторы и ведущий эксперт.")
    if not ExpertDirection.objects.filter(
        direction_id=problem.direction_id, expert=expert
    ).exists():
        raise StaleTransition("Этот эксперт не работает по направлению проблемы.")
    if problem.status == ProblemStatus.PUBLISHED:
        sla = DirectionSettings.objects.for_direction(problem.direction).sla_days
        apply(problem, "assign", user, comment, expert=expert, sla_days=sla)
    elif problem.status == ProblemStatus.REVIEW:
        problem.assignee = expert
        problem.save(update_fields=["assignee"])
        _log(problem, user, "reassign", problem.status, comment or f"Назначен эксперт {expert}")
    else:
        raise StaleTransition(_stale_message(problem_id))
    text = f"Вам назначена проблема «{problem.title}»."
    tell(expert, KIND_ASSIGNED, text, problem.get_absolute_url())
    return problem


def escalate_overdue(now=None):
    """Escalate every overdue problem exactly once; returns how many were escalated.

    The row is locked and re-checked, so two beat runs never escalate one problem twice.
    """
    now = now or timezone.now()
    count = 0
    for pk in Problem.objects.due_for_escalation(now).values_list("pk", flat=True)[:500]:
        with transaction.atomic():
            problem = lock(pk)
            if not problem.is_overdue_at(now) or problem.escalated_at is not None:
                continue
            Problem.objects.filter(pk=pk).update(escalated_at=now)
            TransitionLog.objects.create(
                problem=problem,
                actor_role="система",
                action="escalate",
                source=problem.status,
                target=problem.status,
                comment="Срок ответа истёк, проблема передана ведущему эксперту.",
                at=now,
            )
            for user in escalation_recipients(problem):
                tell(
                    user,
                    KIND_ESCALATION,
                    f"Просрочен ответ по проблеме «{problem.title}».",
                    problem.get_absolute_url(),
                )
            count += 1
    return count


def escalation_recipients(problem):
    leads = User.objects.filter(
        is_active=True,
        dialog_directions__direction_id=problem.direction_id,
        dialog_directions__is_lead=True,
    )
    moderator = User.objects.in_role(roles.MODERATOR).filter(is_active=True).order_by("pk")[:1]
    return list(
        User.objects.filter(Q(pk__in=leads.values("pk")) | Q(pk__in=moderator.values("pk")))
    )
