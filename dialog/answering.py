"""The expert's official answer, the author's rating and review request, milestones."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dialog import access
from dialog.community import follower_ids
from dialog.models import Answer, Citation, ExpertDirection, Milestone, ProblemStatus, Support
from dialog.notifying import KIND_ANSWER, tell
from dialog.workflow import (
    StaleTransition,
    _log,
    _stale_message,
    apply,
    authors_of,
    lock,
    role_label,
)
from portal.accounts.models import User


def add_citations(problem, units, answer=None):
    Citation.objects.bulk_create(
        [
            Citation(
                problem=problem,
                answer=answer,
                document_id=unit.document_id,
                stable_key=unit.stable_key,
                label=unit.citation()[:300],
                position=position,
            )
            for position, unit in enumerate(units)
        ]
    )


@transaction.atomic
def give_answer(problem_id, user, text, units=(), expected_status=ProblemStatus.REVIEW):
    """Publish the official answer; author, co-authors, supporters and followers are told."""
    problem = lock(problem_id)
    if problem.status != expected_status:
        raise StaleTransition(_stale_message(problem_id))
    answer = Answer.objects.create(
        problem=problem, author=user, author_role=role_label(user, problem), text=text
    )
    add_citations(problem, units, answer)
    apply(problem, "answer", user, "Опубликован официальный ответ")
    for recipient in answer_recipients(problem):
        tell(
            recipient,
            KIND_ANSWER,
            f"Эксперт ответил на проблему «{problem.title}».",
            problem.get_absolute_url(),
        )
    return answer


def answer_recipients(problem):
    ids = {user.pk for user in authors_of(problem)}
    ids |= set(Support.objects.filter(problem=problem).values_list("user_id", flat=True))
    ids |= set(follower_ids(problem))
    return User.objects.filter(pk__in=ids, is_active=True)


@transaction.atomic
def rate(problem_id, user, rating):
    problem = lock(problem_id)
    if user.pk != problem.author_id:
        raise PermissionDenied("Оценить ответ может только автор проблемы.")
    answer = problem.answers.order_by("-published_at", "-pk").first()
    if answer is None:
        raise ValidationError("Ответа ещё нет.")
    answer.rating = rating
    answer.save(update_fields=["rating"])
    return answer


@transaction.atomic
def request_review(problem_id, user, reason, expected_status):
    """Once per problem: the author contests the answer; it returns to the lead expert."""
    problem = lock(problem_id)
    if problem.status != expected_status:
        raise StaleTransition(_stale_message(problem_id))
    if problem.review_requested:
        raise StaleTransition("Пересмотр по этой проблеме уже запрашивали: повторно нельзя.")
    answer = problem.answers.order_by("-published_at", "-pk").first()
    if answer is None:
        raise StaleTransition("Ответа ещё нет.")
    lead = (
        ExpertDirection.objects.filter(direction_id=problem.direction_id, is_lead=True)
        .select_related("expert")
        .order_by("pk")
        .first()
    )
    answer.review_reason = reason
    answer.save(update_fields=["review_reason"])
    apply(problem, "request_review", user, reason, lead=lead.expert if lead else None)
    if lead is not None:
        tell(
            lead.expert,
            KIND_ANSWER,
            f"Автор просит пересмотреть ответ по проблеме «{problem.title}».",
            problem.get_absolute_url(),
        )
    return problem


@transaction.atomic
def add_milestone(problem_id, user, title, due_on, progress):
    problem = lock(problem_id)
    if problem.status != ProblemStatus.IN_PROGRESS:
        raise StaleTransition("Этапы добавляются к проблеме «в работе».")
    if not access.can_answer(user, problem):
        raise PermissionDenied("Этапы ведёт эксперт проблемы.")
    milestone = Milestone.objects.create(
        problem=problem, title=title, due_on=due_on, progress=progress
    )
    _log(
        problem,
        user,
        "milestone",
        problem.status,
        f"Этап «{title}» до {due_on:%d.%m.%Y}, {progress}%",
    )
    return milestone
