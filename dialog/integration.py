"""How the dialog plugs into the portal: called from DialogConfig.ready()."""

from contextlib import suppress
from datetime import timedelta

from django.conf import settings

from dialog.personal_data import PERSONAL_DATA
from portal.notifications.kinds import register_kind
from portal.registry import (
    CabinetSection,
    HomeBlock,
    SearchProvider,
    Service,
    register_cabinet_section,
    register_home_block,
    register_personal_data,
    register_search_provider,
    register_service,
)

CABINET_SHOWN = 5
HOME_SHOWN = 5
BEAT_SCHEDULE = {
    "dialog-escalate-overdue": {
        "task": "dialog.escalate_overdue",
        "schedule": timedelta(minutes=15),
    }
}


def cabinet_context(request):
    from dialog.models import Problem

    problems = Problem.objects.filter(author=request.user).select_related("direction")
    return {
        "dialog_problems": list(
            problems.only("pk", "title", "status", "direction__name", "created_at").order_by(
                "-created_at", "-pk"
            )[:CABINET_SHOWN]
        )
    }


def home_context():
    from dialog.models import Problem

    return {
        "dialog_supported": list(
            Problem.objects.public()
            .select_related("direction")
            .only("pk", "title", "supports_count", "status", "direction__name")
            .order_by("-supports_count", "-pk")[:HOME_SHOWN]
        )
    }


def site_search(query, user, limit):
    """The dialog group on /search/: the field's own full-text filter."""
    from django.http import QueryDict

    from dialog.filters import ProblemFilter

    data = QueryDict(mutable=True)
    data["q"] = query
    problems = ProblemFilter(data).qs.for_lists()
    page = list(problems[:limit])
    items = [
        {
            "title": p.title,
            "url": p.get_absolute_url(),
            "snippet": f"{p.direction.name} · поддержали {p.supports_count}",
            "kind": f"проблема · {p.get_status_display()}",
        }
        for p in page
    ]
    return items, len(items) if len(items) < limit else problems.count()


def follower_ids(problem):
    """Users following the problem (portal.community follows), for answer notifications."""
    from portal.community.models.social import Follow

    return Follow.objects.for_item(problem).values_list("user_id", flat=True)


def carry_over(duplicate, target):
    """Comments and followers of a merged duplicate move to the problem it joined; the
    target's timeline says how many came from which problem (their provenance)."""
    from dialog.models import TransitionLog
    from portal.community.models.comments import Comment
    from portal.community.models.social import Follow

    moved_to = Comment.target_fields(target)
    comments = Comment.objects.for_item(duplicate).update(**moved_to)
    already = Follow.objects.for_item(target).values("user_id")
    followers = Follow.objects.for_item(duplicate).exclude(user_id__in=already).update(**moved_to)
    Follow.objects.for_item(duplicate).delete()
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


def connect_community():
    """Problems take comments, follows and reports from the shared community engine."""
    from dialog.models import Problem
    from portal.community import registry as community

    community.register(
        Problem,
        label="проблема",
        features=frozenset({community.COMMENTS, community.FOLLOWS, community.REPORTS}),
        author_of=lambda problem: problem.author,
        is_public=lambda problem: problem.is_public,
        topics_of=lambda problem: [problem.author, problem.municipality, problem.direction],
        on_review=reviewed_in_queue,
    )


def queue_for_moderation(problem):
    """A submitted problem also waits in the shared moderation queue (/community/moderation/)."""
    from portal.community.moderation import submit_for_review

    submit_for_review(problem)


def reviewed_in_queue(problem, approved, reason):
    """A moderator decided the problem's case in the shared queue: publish or reject it through
    the lifecycle. If it was already decided on the problem page, that history stands."""
    from django.core.exceptions import PermissionDenied

    from dialog import workflow
    from dialog.models import ProblemStatus
    from portal.community.models.moderation import ModerationCase

    case = (
        ModerationCase.objects.for_item(problem)
        .filter(decided_by__isnull=False)
        .order_by("-decided_at", "-pk")
        .first()
    )
    action = "publish" if approved else "reject"
    comment = reason or ("" if approved else "Отклонена в очереди модерации")
    with suppress(workflow.StaleTransition, PermissionDenied):
        workflow.perform(
            problem.pk, action, case.decided_by if case else None, ProblemStatus.MODERATION, comment
        )


def close_queue_case(problem, moderator, approved):
    """The problem was decided on its own page: its open case in the shared queue is closed."""
    from django.utils import timezone

    from portal.community.models.moderation import CaseKind, CaseState, ModerationCase

    ModerationCase.objects.for_item(problem).filter(kind=CaseKind.NEW, state=CaseState.OPEN).update(
        state=CaseState.APPROVED if approved else CaseState.REJECTED,
        decided_at=timezone.now(),
        decided_by=moderator,
    )


def register():
    register_service(
        Service(
            key="dialog",
            url_name="dialog:index",
            title="Муниципальный диалог",
            description="Проблемы и предложения",
            order=50,
        )
    )
    register_kind(
        "dialog.status", "Статус моих проблем в «Муниципальном диалоге»", email_by_default=True
    )
    register_kind(
        "dialog.answer",
        "Ответы экспертов на проблемы, которые я поддержал или подал",
        email_by_default=True,
    )
    register_kind(
        "dialog.assigned", "Назначенные мне проблемы (для экспертов)", email_by_default=True
    )
    register_kind(
        "dialog.escalation",
        "Просроченные проблемы (для ведущих экспертов и модераторов)",
        email_by_default=True,
    )
    register_kind("dialog.coauthor", "Приглашения стать соавтором проблемы", email_by_default=True)
    register_search_provider(
        SearchProvider(key="dialog", title="Муниципальный диалог", search=site_search, order=50)
    )
    register_cabinet_section(
        CabinetSection(
            key="dialog-mine",
            title="Мои обращения",
            template="dialog/cabinet_mine.html",
            get_context=cabinet_context,
            order=50,
            url_name="dialog:mine",
        )
    )
    register_home_block(
        HomeBlock(
            key="dialog-supported",
            title="Проблемы, которые поддерживают коллеги",
            template="dialog/home_supported.html",
            get_context=home_context,
            order=50,
        )
    )
    register_personal_data(PERSONAL_DATA)
    settings.CELERY_BEAT_SCHEDULE.update(BEAT_SCHEDULE)
    connect_community()
