"""Community notifications: instant, or collected into a daily or weekly digest per kind.

Every notification is stored through `portal.notifications` and shows in the cabinet at once.
Only the e-mail differs: kinds the user chose to get as a digest are not mailed one by one but
gathered by `send_digests()` (portal/community/digests.py).
"""

from portal.community.models import DigestChoice, Frequency
from portal.notifications.kinds import register_kind
from portal.notifications.models import Notification, forget_unread_count
from portal.notifications.services import notify

# Kinds whose e-mail a user may turn into a digest: the engine's and those apps register here.
DIGEST_KINDS: dict[str, str] = {}


def register_community_kind(kind, label, *, email_by_default=True):
    register_kind(kind, label, email_by_default=email_by_default)
    DIGEST_KINDS[kind] = label


register_community_kind("community.comment", "Комментарии к моим материалам")
register_community_kind("community.reply", "Ответы на мои комментарии")
register_community_kind("community.reaction", "Отметки «полезно» моих материалов")
register_community_kind("community.moderation", "Решения модераторов по моим материалам")
register_community_kind("community.followed", "Новое в моих подписках")
register_community_kind("community.question", "Вопросы и ответы в личных сообщениях")
register_community_kind(
    "community.queue", "Новые дела в очереди модерации (для модераторов)", email_by_default=False
)


def tell(user, kind, text, link="", *, actor=None):
    """Notify `user` unless they caused it; the e-mail waits for the digest if they chose one."""

    if user is None or not user.is_active or (actor is not None and actor.pk == user.pk):
        return None
    if DigestChoice.objects.frequency(user, kind) == Frequency.INSTANT:
        return notify(user, kind, text, link)
    notification = Notification.objects.create(user=user, kind=kind, text=text, link=link)
    forget_unread_count([user.pk])
    return notification
