from portal.community.models.comments import Comment
from portal.community.models.digests import DigestChoice, DigestDelivery, Frequency
from portal.community.models.moderation import (
    Block,
    CaseKind,
    CaseState,
    ModerationAction,
    ModerationCase,
    ModerationReason,
    Report,
    ReportReason,
)
from portal.community.models.questions import Message, QuestionThread
from portal.community.models.social import Bookmark, Follow, Reaction

__all__ = [
    "Block",
    "Bookmark",
    "CaseKind",
    "CaseState",
    "Comment",
    "DigestChoice",
    "DigestDelivery",
    "Follow",
    "Frequency",
    "Message",
    "ModerationAction",
    "ModerationCase",
    "ModerationReason",
    "QuestionThread",
    "Reaction",
    "Report",
    "ReportReason",
]
