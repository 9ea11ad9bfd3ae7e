"""How the dialog plugs into the portal: called from DialogConfig.ready()."""

from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete, post_save

from dialog import alerts, field_index, problem_page, site_search, workflow
from dialog.community import queue_decider, set_hidden
from dialog.models import (
    Answer,
    Attachment,
    Citation,
    Coauthor,
    Milestone,
    Problem,
    ProblemStatus,
    TransitionLog,
)
from dialog.notifying import register_kinds
from dialog.personal_data import PERSONAL_DATA
from portal.community import registry as community
from portal.registry import (
    CabinetSection,
    HomeBlock,
    Seeding,
    Service,
    register_cabinet_section,
    register_home_block,
    register_personal_data,
    register_seeding,
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
    problems = Problem.objects.filter(author=request.user).select_related("direction")
    return {
        "dialog_problems": list(
            problems.only("pk", "title", "status", "direction__name", "created_at").order_by(
                "-created_at", "-pk"
            )[:CABINET_SHOWN]
        )
    }


def home_context():
    return {
        "dialog_supported": list(
            Problem.objects.public()
            .select_related("direction")
            .only("pk", "title", "supports_count", "status", "direction__name")
            .order_by("-supports_count", "-pk")[:HOME_SHOWN]
        )
    }


def connect_community():
    """Problems take comments, follows and reports from the shared community engine."""
    community.register(
        Problem,
        label="проблема",
        features=frozenset({community.COMMENTS, community.FOLLOWS, community.REPORTS}),
        author_of=lambda problem: problem.author,
        is_public=lambda problem: problem.is_public,
        set_hidden=set_hidden,
        topics_of=lambda problem: [problem.author, problem.municipality, problem.direction],
        on_review=reviewed_in_queue,
        # The lifecycle tells the author and co-authors (dialog.status): the engine does not.
        on_review_tells_author=True,
    )


def reviewed_in_queue(problem, approved, reason):
    """A moderator decided the problem's case in the shared queue: publish or reject it through
    the lifecycle, which tells the authors. If it was already decided on the problem page, that
    history stands."""
    action = "publish" if approved else "reject"
    comment = reason or ("" if approved else "Отклонена в очереди модерации")
    with suppress(workflow.StaleTransition, PermissionDenied):
        workflow.perform(
            problem.pk, action, queue_decider(problem), ProblemStatus.MODERATION, comment
        )


def _part_changed(sender, instance, **kwargs):
    problem_page.changed(instance.problem_id)


def _problem_changed(sender, instance, **kwargs):
    # The problem's own page follows its `updated_at`; the pages listing it as a merged or
    # split-off part do not.
    problem_page.changed(instance.merged_into_id)
    problem_page.changed(instance.split_from_id)


def connect_problem_page():
    """What a public problem's page shows besides the problem row drops its stored copy."""
    for model in (Answer, Attachment, Citation, Coauthor, Milestone, TransitionLog):
        name = model._meta.model_name
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"dialog-page-{name}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"dialog-page-{name}-del")
    post_save.connect(_problem_changed, sender=Problem, dispatch_uid="dialog-page-parts")
    post_delete.connect(_problem_changed, sender=Problem, dispatch_uid="dialog-page-parts-del")


def register():
    register_seeding(Seeding("dialog", demo="dialog.demo", bench="dialog.bench", order=110))
    register_service(
        Service(
            key="dialog",
            url_name="dialog:index",
            title="Муниципальный диалог",
            description="Проблемы и предложения",
            order=50,
        )
    )
    register_kinds()
    # Any saved or deleted problem may change the field's rows, facets and figures.
    for signal, uid in ((post_save, "dialog-field-saved"), (post_delete, "dialog-field-deleted")):
        signal.connect(
            lambda **_: field_index.changed(), sender=Problem, weak=False, dispatch_uid=uid
        )
    site_search.register()
    alerts.register()
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
    connect_problem_page()
