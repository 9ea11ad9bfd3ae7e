"""How the dialog plugs into the portal: called from DialogConfig.ready()."""

from datetime import timedelta

from django.conf import settings

from portal.notifications.kinds import register_kind
from portal.registry import (
    CabinetSection,
    HomeBlock,
    SearchProvider,
    Service,
    register_cabinet_section,
    register_home_block,
    register_personal_data_exporter,
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


def personal_data(user):
    """Personal data export (152-ФЗ): problems written, supports, answers given."""
    from dialog.models import Answer, Problem, Support

    return {
        "problems": [
            {
                "id": p.pk,
                "title": p.title,
                "description": p.description,
                "status": p.get_status_display(),
                "created_at": p.created_at.isoformat(),
            }
            for p in Problem.objects.filter(author=user).order_by("pk")
        ],
        "supports": [
            {"problem": s.problem_id, "at": s.created_at.isoformat()}
            for s in Support.objects.filter(user=user).order_by("pk")
        ],
        "answers": [
            {"problem": a.problem_id, "text": a.text, "at": a.published_at.isoformat()}
            for a in Answer.objects.filter(author=user).order_by("pk")
        ],
    }


def follower_ids(problem):
    """Users following the problem (portal.community follows), for answer notifications."""
    return []


def carry_over(duplicate, target):
    """Followers and comments of a merged duplicate move to the problem it joined."""


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
    register_personal_data_exporter("dialog", personal_data)
    settings.CELERY_BEAT_SCHEDULE.update(BEAT_SCHEDULE)
