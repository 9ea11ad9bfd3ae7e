"""The engine's own targets (comments, messages, authors, spheres, municipalities) and tasks."""

from celery.schedules import crontab
from django.conf import settings
from django.db.models.signals import post_delete, post_save

from portal.accounts.models import User
from portal.community import models, personal_data, registry
from portal.community.models import Comment, Message, Reaction
from portal.community.registry import FOLLOWS, REPORTS
from portal.community.views.personal import marked_items
from portal.models import Sphere
from portal.municipalities.models import Municipality
from portal.registry import CabinetSection, register_cabinet_section

CABINET_SHOWN = 5


def _marks_context(model_name):
    def get_context(request):
        return {"marks": marked_items(getattr(models, model_name), request.user, CABINET_SHOWN)}

    return get_context


def _thread_changed(sender, instance, **kwargs):
    instance.forget_target_thread()


def connect_signals():
    """A new or removed comment or «полезно» drops the stored copies of the item's thread
    (edits, deletions and hiding go through `Comment` methods, which drop them too)."""
    for model in (Comment, Reaction):
        name = model._meta.model_name
        post_save.connect(_thread_changed, sender=model, dispatch_uid=f"community-{name}-save")
        post_delete.connect(_thread_changed, sender=model, dispatch_uid=f"community-{name}-del")


def register():
    connect_signals()
    registry.register(
        Comment,
        label="комментарий",
        features=frozenset({REPORTS}),
        is_public=lambda comment: not comment.is_deleted,
        set_hidden=lambda comment, hidden: comment.set_hidden(hidden),
    )
    registry.register(
        Message,
        label="личное сообщение",
        features=frozenset({REPORTS}),
        author_of=lambda message: message.sender,
        set_hidden=lambda message, hidden: message.set_hidden(hidden),
    )
    registry.register(
        User, label="автор", features=frozenset({FOLLOWS}), is_public=lambda u: u.is_active
    )
    registry.register(Sphere, label="сфера", features=frozenset({FOLLOWS}))
    registry.register(
        Municipality, label="муниципальное образование", features=frozenset({FOLLOWS})
    )
    personal_data.register()
    for key, title, model, url_name, order in (
        ("community-bookmarks", "Избранное", "Bookmark", "community:bookmarks", 80),
        ("community-follows", "Подписки", "Follow", "community:follows", 81),
    ):
        register_cabinet_section(
            CabinetSection(
                key=key,
                title=title,
                template="community/cabinet_marks.html",
                get_context=_marks_context(model),
                order=order,
                url_name=url_name,
            )
        )
    settings.CELERY_BEAT_SCHEDULE.update(
        {
            "community-daily-digests": {
                "task": "portal.community.tasks.send_daily_digests",
                "schedule": crontab(hour=6, minute=0),
            },
            "community-weekly-digests": {
                "task": "portal.community.tasks.send_weekly_digests",
                "schedule": crontab(hour=6, minute=30, day_of_week=1),
            },
        }
    )
