from practices.models.adoptions import Adoption
from practices.models.attachments import MAX_ATTACHMENTS, PracticeAttachment
from practices.models.choices import PracticeStatus
from practices.models.contest import Contest, Entry, Nomination, Score
from practices.models.practices import Practice
from practices.models.querysets import RELATED_LIMIT
from practices.models.results import BudgetLine, FundingSource, Indicator

__all__ = [
    "Adoption",
    "MAX_ATTACHMENTS",
    "PracticeAttachment",
    "BudgetLine",
    "FundingSource",
    "Indicator",
    "Contest",
    "Entry",
    "Nomination",
    "Score",
    "RELATED_LIMIT",
    "Practice",
    "PracticeStatus",
]
