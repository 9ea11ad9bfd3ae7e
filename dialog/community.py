"""The dialog's side of the shared community engine (`portal.community`): the moderation
queue case of a submitted problem, followers, and what a merge carries over.

It sits right above the models, so the workflow, supports and answers use it without going
through `integration` (which registers the problem with the engine and lies above them all).
"""

from django.utils import timezone

from dialog import field_index, problem_page
from dialog.models import TransitionLog
from portal.community.models.base import forget_thread
from portal.community.models.comments import Comment
from portal.community.models.moderation import CaseKind, CaseState, ModerationCase
from portal.community.models.social import Follow
from portal.community.moderation import submit_for_review


def follower_ids(problem):
    """Users following the problem, for answer notifications."""
    return Follow.objects.for_item(problem).values_list("user_id", flat=True)


def queue_for_moderation(problem):
    """A submitted problem also waits in the shared moderation queue (/community/moderation/)."""
    submit_for_review(problem)


def close_queue_case(problem, moderator, approved):
    """The problem was decided outside the shared queue: its open case there is closed."""
    ModerationCase.objects.for_item(problem).filter(kind=CaseKind.NEW, state=CaseState.OPEN).update(
        state=CaseState.APPROVED if approved else CaseState.REJECTED,
        decided_at=timezone.now(),
        decided_by=moderator,
    )


def queue_decider(problem):
    """The moderator who decided the problem's latest case in the shared queue, if any."""
    case = (
        ModerationCase.objects.for_item(problem)
        .filter(decided_by__isnull=False)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
        .first()
    )
    return case.decided_by if case else None


def carry_over(duplicate, target):
    """Comments and followers of a merged duplicate move to the problem it joined; the
    target's timeline says how many came from which problem (their provenance)."""
    moved_to = Comment.target_fields(target)
    comments = Comment.objects.for_item(duplicate).update(**moved_to)
    already = Follow.objects.for_item(target).values("user_id")
    followers = Follow.objects.for_item(duplicate).exclude(user_id__in=already).update(**moved_to)
    Follow.objects.for_item(duplicate).delete()
    forget_thread(duplicate)
    forget_thread(target)
    if comments or followers:
        TransitionLog.objects.create(
            problem=target,
            actor_role="модератор",
            action="carry_over",
            source=target.status,
            target=target.status,
            comment=(
                f"Из объединённой проблемы № {duplicate.pk} перенесены комментарии: {comments}, "
                f"подписчики: {followers}."
            ),
        )


HIDING_EVENTS = {
    (False, True): ("hide", "Скрыта до решения модератора: на неё пожаловались."),
    (True, True): ("hide_confirmed", "Модератор подтвердил жалобы: проблема остаётся скрытой."),
    (True, False): ("restore", "Жалобы не подтвердились: проблема снова видна всем."),
}


def set_hidden(problem, hidden):
    """Hide the problem (its page and discussion) after reports, or show it again; the change
    is written to its timeline, which only its authors and staff see while it is hidden."""
    was_hidden = problem.is_hidden
    problem.set_hidden(hidden)
    field_index.changed()
    # The problem it was split off lists it to readers who may see it (`problem_page`).
    problem_page.changed(problem.split_from_id)
    event = HIDING_EVENTS.get((was_hidden, hidden))
    if event is not None:
        TransitionLog.objects.create(
            problem=problem,
            actor_role="модерация",
            action=event[0],
            source=problem.status,
            target=problem.status,
            comment=event[1],
        )
