"""Writing a problem: drafts saved once per form token, submission with a daily limit."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dialog import problem_page
from dialog.answering import add_citations
from dialog.community import queue_for_moderation
from dialog.models import Attachment, Coauthor, Problem, ProblemStatus
from dialog.notifying import KIND_COAUTHOR, tell
from dialog.workflow import apply, lock

TEXT_FIELDS = ["direction", "title", "description", "consequences", "proposed_solution", "level"]


def daily_limit():
    return getattr(settings, "DIALOG_SUBMISSIONS_PER_DAY", 5)


def submitted_today(user):
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Problem.objects.filter(author=user, submitted_at__gte=start).count()


@transaction.atomic
def save_draft(user, data, token, problem=None):
    """Create the draft once per token (a double submit finds the first) or update `problem`."""
    if not user.can_publish:
        raise PermissionDenied("Подавать проблемы могут только подтверждённые служащие.")
    fields = {name: data[name] for name in TEXT_FIELDS}
    fields["extra_answers"] = data.get("extra_answers", {})
    if problem is None:
        municipality = user.municipality
        problem, created = Problem.objects.get_or_create(
            author=user,
            submission_token=token,
            defaults={
                **fields,
                "municipality": municipality,
                "region_id": municipality.region_id if municipality else None,
                "municipality_kind": municipality.kind if municipality else "",
            },
        )
        if not created:
            return problem, False
    else:
        problem = lock(problem.pk)
        if problem.status not in (ProblemStatus.DRAFT, ProblemStatus.RETURNED):
            raise ValidationError("Изменять можно только черновик или возвращённую проблему.")
        for name, value in fields.items():
            setattr(problem, name, value)
        problem.save()
        problem.citations.filter(answer__isnull=True).delete()
    _attach(problem, data)
    _invite(problem, data.get("coauthors", []))
    return problem, True


def _attach(problem, data):
    add_citations(problem, data.get("citations", []))
    upload, kind = data.get("attachment"), data.get("attachment_kind")
    if upload:
        Attachment.objects.create(
            problem=problem, file=upload, name=upload.name[:200], kind=kind, size=upload.size
        )


def _invite(problem, users):
    for user in users:
        if user.pk == problem.author_id:
            continue
        _, created = Coauthor.objects.get_or_create(
            problem=problem, user=user, defaults={"municipality_id": user.municipality_id}
        )
        if created:
            tell(
                user,
                KIND_COAUTHOR,
                f"Коллега приглашает вас стать соавтором проблемы «{problem.title}».",
                problem.get_absolute_url(),
            )


@transaction.atomic
def submit(problem_id, user):
    """Send a draft (or a returned problem) to moderation, within the daily limit."""
    problem = lock(problem_id)
    if problem.status not in (ProblemStatus.DRAFT, ProblemStatus.RETURNED):
        return problem
    if problem.status == ProblemStatus.DRAFT and submitted_today(user) >= daily_limit():
        raise ValidationError(
            f"За сутки можно отправить не больше {daily_limit()} проблем. Черновик сохранён — "
            "отправьте его завтра."
        )
    apply(problem, "submit", user)
    queue_for_moderation(problem)
    return problem


@transaction.atomic
def confirm_coauthorship(problem_id, user):
    problem = lock(problem_id)
    updated = Coauthor.objects.filter(problem=problem, user=user, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    if not updated:
        raise PermissionDenied("Вас не приглашали соавтором этой проблемы.")
    problem_page.changed(problem.pk)  # the page lists who confirmed
    return problem
