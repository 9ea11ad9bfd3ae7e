"""Support by colleagues and merging of duplicates; both exact under concurrency.

Each function locks the problem's row first, so parallel supports and a merge running next to
them are serialised, and the stored count is recomputed from the rows it counts.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from dialog import access, field_index, problem_page
from dialog.community import carry_over
from dialog.models import DirectionSettings, Problem, Support
from dialog.workflow import StaleTransition, _stale_message, apply, lock


def _recount(problem):
    count = Support.objects.filter(problem=problem).count()
    threshold = DirectionSettings.objects.for_direction(problem.direction).support_threshold
    Problem.objects.filter(pk=problem.pk).update(
        supports_count=count, is_prioritized=count >= threshold
    )
    problem.supports_count = count
    field_index.changed()
    problem_page.changed(problem.pk)
    return count


@transaction.atomic
def support(problem_id, user):
    """Add the user's support once; returns whether it was new."""
    problem = lock(problem_id)
    if not access.can_support(user, problem):
        raise PermissionDenied("Поддержать опубликованную проблему может подтверждённый служащий.")
    _, created = Support.objects.get_or_create(
        problem=problem, user=user, defaults={"municipality_id": user.municipality_id}
    )
    if created:
        _recount(problem)
    return created


@transaction.atomic
def withdraw(problem_id, user):
    problem = lock(problem_id)
    deleted, _ = Support.objects.filter(problem=problem, user=user).delete()
    if deleted:
        _recount(problem)
    return bool(deleted)


@transaction.atomic
def merge(duplicate_id, target_id, user, expected_status, comment=""):
    """Merge a duplicate into `target`: supports (with provenance) and followers move over,
    the duplicate becomes «объединена с другой» and its page redirects to the target.
    Rows are locked in id order so two merges never deadlock."""
    if duplicate_id == target_id:
        raise StaleTransition("Проблему нельзя объединить саму с собой.")
    locked = {pk: lock(pk) for pk in sorted((duplicate_id, target_id))}
    duplicate, target = locked[duplicate_id], locked[target_id]
    if duplicate.status != expected_status:
        raise StaleTransition(_stale_message(duplicate_id))
    if not target.is_public:
        raise StaleTransition("Объединять можно только с опубликованной проблемой.")
    if not access.is_moderator(user):
        raise PermissionDenied("Объединять проблемы могут модераторы.")
    already = Support.objects.filter(problem=target).values("user_id")
    moving = Support.objects.filter(problem=duplicate).exclude(user_id__in=already)
    # The author of the duplicate supports the problem it joined.
    moving.update(problem=target, carried_from=duplicate)
    if duplicate.author_id and duplicate.author_id != target.author_id:
        Support.objects.get_or_create(
            problem=target,
            user_id=duplicate.author_id,
            defaults={"municipality_id": duplicate.municipality_id, "carried_from": duplicate},
        )
    Support.objects.filter(problem=duplicate).delete()
    apply(duplicate, "merge", user, comment or f"Объединена с «{target.title}»", into=target)
    _recount(duplicate)
    _recount(target)
    carry_over(duplicate, target)
    return target
