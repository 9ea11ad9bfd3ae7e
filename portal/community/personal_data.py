"""What the community holds about a person (152-ФЗ): exported on request, erased on deletion."""

from portal.community.models import (
    Bookmark,
    Comment,
    DigestChoice,
    DigestDelivery,
    Follow,
    Message,
    QuestionThread,
    Reaction,
    Report,
)
from portal.registry import PersonalData, register_personal_data

MODELS = (
    "community.Comment",
    "community.Reaction",
    "community.Bookmark",
    "community.Follow",
    "community.Report",
    "community.ModerationCase",
    "community.ModerationAction",
    "community.Block",
    "community.QuestionThread",
    "community.Message",
    "community.DigestChoice",
    "community.DigestDelivery",
)


def _marks(model, user):
    rows = model.objects.filter(user=user).select_related("content_type").order_by("created_at")
    return [
        {"type": row.content_type.name, "id": row.object_id, "at": row.created_at.isoformat()}
        for row in rows
    ]


def export(user):
    comments = Comment.objects.filter(author=user, deleted_at__isnull=True).order_by("created_at")
    messages = Message.objects.filter(sender=user).select_related("thread").order_by("created_at")
    return {
        "comments": [
            {"text": c.text, "at": c.created_at.isoformat(), "url": c.get_absolute_url()}
            for c in comments
        ],
        "useful": _marks(Reaction, user),
        "bookmarks": _marks(Bookmark, user),
        "follows": _marks(Follow, user),
        "reports": list(
            Report.objects.filter(reporter=user).values("reason", "text", "created_at")
        ),
        "messages": [
            {"thread": m.thread.subject, "text": m.text, "at": m.created_at.isoformat()}
            for m in messages
        ],
        "digest_choices": dict(
            DigestChoice.objects.filter(user=user).values_list("kind", "frequency")
        ),
    }


def erase(user):
    """Private traces go; comments keep the thread readable as deleted placeholders."""
    for comment in Comment.objects.filter(author=user, deleted_at__isnull=True):
        comment.delete_by_author()
    for model in (Reaction, Bookmark, Follow, DigestChoice, DigestDelivery):
        model.objects.filter(user=user).delete()
    Message.objects.filter(sender=user).update(text="Сообщение удалено вместе с учётной записью.")
    QuestionThread.objects.filter(asker=user).update(subject="Вопрос удалённого пользователя")
    Report.objects.filter(reporter=user).update(text="")


def register():
    register_personal_data(
        PersonalData(
            key="community",
            models=MODELS,
            export=export,
            erase=erase,
            kept_because=(
                "решения модераторов, блокировки и жалобы (без пояснений) хранятся как записи "
                "о модерации; ветки вопросов остаются у собеседника без вашего текста"
            ),
        )
    )
