"""What the dialog holds about a person (152-ФЗ): export and erasure on account deletion."""

from dialog.models import (
    Answer,
    Coauthor,
    ExpertDirection,
    InternalNote,
    Problem,
    ProblemStatus,
    Support,
    TransitionLog,
)
from dialog.supporting import withdraw
from portal.registry import PersonalData


def export(user):
    return {
        "problems": [
            {
                "id": p.pk,
                "title": p.title,
                "description": p.description,
                "status": p.get_status_display(),
                "created_at": p.created_at,
            }
            for p in Problem.objects.filter(author=user).order_by("pk")
        ],
        "coauthored": list(
            Coauthor.objects.filter(user=user).order_by("pk").values("problem_id", "confirmed_at")
        ),
        "supports": list(
            Support.objects.filter(user=user).order_by("pk").values("problem_id", "created_at")
        ),
        "answers": list(
            Answer.objects.filter(author=user)
            .order_by("pk")
            .values("problem_id", "text", "published_at")
        ),
    }


def erase(user):
    """Drafts and supports go; published problems, answers and the history stay without a name."""
    Problem.objects.filter(author=user, status=ProblemStatus.DRAFT).delete()
    for problem_id in Support.objects.filter(user=user).values_list("problem_id", flat=True):
        withdraw(problem_id, user)
    Coauthor.objects.filter(user=user, confirmed_at__isnull=True).delete()
    ExpertDirection.objects.filter(expert=user).delete()
    Problem.objects.filter(assignee=user).update(assignee=None)
    Answer.objects.filter(author=user).update(author=None)
    InternalNote.objects.filter(author=user).update(author=None)
    TransitionLog.objects.filter(actor=user).update(actor=None)


PERSONAL_DATA = PersonalData(
    key="dialog",
    models=(
        "dialog.Problem",
        "dialog.Coauthor",
        "dialog.Support",
        "dialog.Answer",
        "dialog.InternalNote",
        "dialog.TransitionLog",
        "dialog.DirectionSettings",
        "dialog.ExpertDirection",
    ),
    export=export,
    erase=erase,
    kept_because=(
        "опубликованные проблемы и совместные подачи остаются на площадке, их поддержали коллеги; "
        "ответы экспертов и история рассмотрения — официальные записи; "
        "они больше не связаны с учётной записью"
    ),
)
