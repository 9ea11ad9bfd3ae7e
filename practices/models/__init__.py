from practices.models.choices import PracticeStatus
from practices.models.practices import Practice
from practices.models.querysets import RELATED_LIMIT

__all__ = ["RELATED_LIMIT", "Practice", "PracticeStatus"]
