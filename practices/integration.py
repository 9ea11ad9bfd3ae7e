"""How practices plug into the portal: called from PracticesConfig.ready()."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import task_submitted, workflow_cancelled, workflow_rejected

from portal.pages.cache import bump_home_cache
from portal.registry import (
    HomeBlock,
    PersonalData,
    Seeding,
    Service,
    register_home_block,
    register_personal_data,
    register_related_content,
    register_seeding,
    register_service,
)
from portal.search import register_index
from practices import (
    alerts,
    catalogue_index,
    community,
    detail,
    personal_data,
    related,
    site_search,
    stored_files,
)
from practices.models import Adoption, Contest, Entry, Indicator, Practice
from practices.models.choices import PracticeStatus
from practices.search import PRACTICE_INDEX
from practices.views.catalogue import forget_guest_list

HOME_SHOWN = 5


def newest_practices_context():

    return {"practices": list(Practice.objects.published().for_lists().newest()[:HOME_SHOWN])}


def authored_practices(user):
    """Personal data export (152-ФЗ): the practices the user wrote."""

    rows = Practice.objects.filter(author=user).order_by("created_at")
    return [
        {"title": p.title, "status": p.get_status_display(), "created_at": p.created_at.isoformat()}
        for p in rows.only("title", "status", "created_at")
    ]


def _home_changed(**kwargs):

    bump_home_cache()


def _review_status(status):
    """A Wagtail workflow event recorded as the practice's status (see PracticeStatus)."""

    def receiver(sender, instance, **kwargs):

        # Task signals carry a TaskState, workflow signals a WorkflowState.
        workflow_state = getattr(instance, "workflow_state", instance)
        practice = workflow_state.content_object
        if isinstance(practice, Practice):
            practice.mark_reviewed(status)

    return receiver


_on_submitted = _review_status(PracticeStatus.ON_REVIEW)
_on_rejected = _review_status(PracticeStatus.REJECTED)
_on_cancelled = _review_status(PracticeStatus.DRAFT)


def _practice_page_changed(sender, instance, **kwargs):
    detail.forget_page(instance.practice_id)


def _contest_changed(sender, instance, **kwargs):
    # Published results put award badges on the entries' practice pages.
    for practice_id in Entry.objects.filter(nomination__contest=instance).values_list(
        "practice_id", flat=True
    ):
        detail.forget_page(practice_id)


def connect_signals():

    # The home page shows the newest practices and is cached for guests.
    post_save.connect(_home_changed, sender=Practice, dispatch_uid="practices-home-save")
    post_delete.connect(_home_changed, sender=Practice, dispatch_uid="practices-home-delete")
    # So is the unfiltered catalogue.
    post_save.connect(forget_guest_list, sender=Practice, dispatch_uid="practices-list-save")
    post_delete.connect(forget_guest_list, sender=Practice, dispatch_uid="practices-list-delete")
    # A practice's page, stored for guests, shows its adoptions and awards.
    for model in (Adoption, Entry):
        name = model._meta.model_name
        post_save.connect(_practice_page_changed, sender=model, dispatch_uid=f"practices-{name}")
        post_delete.connect(
            _practice_page_changed, sender=model, dispatch_uid=f"practices-{name}-delete"
        )
    post_save.connect(_contest_changed, sender=Contest, dispatch_uid="practices-contest-page")
    # The catalogue's facets and sorts read practices, adoptions, indicators and awards.
    for model in (Practice, Adoption, Indicator, Entry, Contest):
        name = model._meta.model_name
        for signal, event in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                catalogue_index.changed,
                sender=model,
                dispatch_uid=f"practices-index-{name}-{event}",
            )
    # Measure, solution and document pages cache the practices they show.
    post_save.connect(related.announce_change, sender=Practice, dispatch_uid="practices-related")
    post_delete.connect(
        related.announce_change, sender=Practice, dispatch_uid="practices-related-delete"
    )
    # A task starts on the first submission and again when a rejected practice is resubmitted.
    task_submitted.connect(_on_submitted, dispatch_uid="practices-task-submitted")
    workflow_rejected.connect(_on_rejected, dispatch_uid="practices-workflow-rejected")
    workflow_cancelled.connect(_on_cancelled, dispatch_uid="practices-workflow-cancelled")
    # Files nothing uses any more leave storage after commit.
    stored_files.connect()


def register():
    register_seeding(Seeding("practices", demo="practices.demo", bench="practices.bench", order=90))
    register_service(
        Service(
            key="practices",
            url_name="practices:index",
            title="Муниципальные практики",
            description="Лучшие решения коллег",
            order=30,
        )
    )
    site_search.register()
    alerts.register()
    register_home_block(
        HomeBlock(
            key="practices-newest",
            title="Новые практики",
            template="practices/home_newest.html",
            get_context=newest_practices_context,
            order=30,
        )
    )
    register_personal_data(
        PersonalData(
            key="practices",
            models=("practices.Practice",),
            export=authored_practices,
            kept_because="опубликованные практики остаются на портале без имени автора",
        )
    )
    register_personal_data(personal_data.PERSONAL_DATA)
    for block in related.BLOCKS:
        register_related_content(block)
    connect_signals()
    connect_search_index()
    community.register()


def connect_search_index():
    """Published practices enter the Elasticsearch index after commit; others leave it."""

    register_index(Practice, PRACTICE_INDEX)
