"""The dialog's notification kinds, and how they are sent.

Every kind is a community kind (`portal.community.notifying`), so a user chooses on
/community/digests/ to get it at once or in a daily or weekly digest. Everything the dialog
tells people goes through `tell()` here, which honours that choice.
"""

from portal.community.notifying import register_community_kind, tell

KIND_STATUS = "dialog.status"
KIND_ASSIGNED = "dialog.assigned"
KIND_ESCALATION = "dialog.escalation"
KIND_ANSWER = "dialog.answer"
KIND_COAUTHOR = "dialog.coauthor"

KINDS = {
    KIND_STATUS: "Статус моих проблем в «Муниципальном диалоге»",
    KIND_ANSWER: "Ответы экспертов на проблемы, которые я поддержал или подал",
    KIND_ASSIGNED: "Назначенные мне проблемы (для экспертов)",
    KIND_ESCALATION: "Просроченные проблемы (для ведущих экспертов и модераторов)",
    KIND_COAUTHOR: "Приглашения стать соавтором проблемы",
}


def register_kinds():
    for kind, label in KINDS.items():
        register_community_kind(kind, label, email_by_default=True)


__all__ = [
    "KINDS",
    "KIND_ANSWER",
    "KIND_ASSIGNED",
    "KIND_COAUTHOR",
    "KIND_ESCALATION",
    "KIND_STATUS",
    "register_kinds",
    "tell",
]
