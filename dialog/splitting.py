"""Splitting a problem: a moderator makes a separate problem of one part of it (two issues
written in one text). Both timelines say where the part went and where it came from."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from dialog import access
from dialog.community import queue_for_moderation
from dialog.models import Coauthor, Problem, ProblemStatus
from dialog.notifying import KIND_STATUS, tell
from dialog.workflow import (
    StaleTransition,
    _log,
    _stale_message,
    apply,
    assign_automatically,
    authors_of,
    lock,
)

# A part keeps the source's stage: on moderation it waits there too; a published one is
# published at once by the moderator who split it.
SPLITTABLE = (ProblemStatus.MODERATION, ProblemStatus.PUBLISHED, ProblemStatus.REVIEW)


@transaction.atomic
def split(problem_id, user, expected_status, part, remaining_description="", comment="", seen=None):
    """Create the part as a new problem of the same authors; returns it.

    `part` holds direction, title, description, consequences and proposed_solution;
    `remaining_description`, when given, replaces the source's description (the part moved out).
    `seen` is the source's `updated_at` the page showed: a split (or any change) made since by
    another moderator refuses this one, so two moderators never split the same text twice.
    """
    if not access.is_moderator(user):
        raise PermissionDenied("Разделять проблемы могут модераторы.")
    source = lock(problem_id)
    if source.status != expected_status:
        raise StaleTransition(_stale_message(problem_id))
    if seen is not None and seen != source.updated_at.isoformat():
        raise StaleTransition(
            "Действие не выполнено: проблему уже изменил другой модератор. Обновите страницу."
        )
    if source.status not in SPLITTABLE:
        raise StaleTransition(
            "Разделить можно проблему на модерации, опубликованную или на рассмотрении у эксперта."
        )
    now = timezone.now()
    new = Problem.objects.create(
        author_id=source.author_id,
        municipality_id=source.municipality_id,
        region_id=source.region_id,
        municipality_kind=source.municipality_kind,
        level=source.level,
        status=ProblemStatus.MODERATION,
        submitted_at=source.submitted_at or now,
        created_at=now,
        split_from=source,
        **part,
    )
    Coauthor.objects.bulk_create(
        [
            Coauthor(
                problem=new,
                user_id=c.user_id,
                municipality_id=c.municipality_id,
                confirmed_at=c.confirmed_at,
            )
            for c in source.coauthors.filter(confirmed_at__isnull=False)
        ]
    )
    changed = {"updated_at": now}
    if remaining_description:
        changed["description"] = remaining_description
    Problem.objects.filter(pk=source.pk).update(**changed)
    why = f": {comment}" if comment else ""
    _log(
        new,
        user,
        "split_from",
        ProblemStatus.MODERATION,
        f"Выделена из проблемы № {source.pk}{why}",
    )
    _log(
        source,
        user,
        "split",
        source.status,
        f"Часть выделена в отдельную проблему № {new.pk} «{new.title}»{why}",
    )
    if source.is_public:
        apply(new, "publish", user, "Опубликована при выделении")
        assign_automatically(new)
    else:
        queue_for_moderation(new)
    for author in authors_of(source):
        tell(
            author,
            KIND_STATUS,
            f"Модератор выделил из проблемы «{source.title}» отдельную проблему «{new.title}».",
            new.get_absolute_url(),
        )
    return new
