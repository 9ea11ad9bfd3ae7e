from navigator.models.alerts import (
    Frequency,
    MeasureAlert,
)
from navigator.models.bookmarks import (
    Bookmark,
    CalendarFeed,
    Correction,
    CorrectionStatus,
)
from navigator.models.choices import (
    ApplicationStatus,
    MeasureKind,
    MeasureLevel,
    MeasureStatus,
    ProgrammeKind,
    Recurrence,
)
from navigator.models.imports import ImportStatus, MeasureImport
from navigator.models.logs import (
    ApplyClick,
    LinkCheck,
    PopularMeasure,
    ZeroResultSearch,
)
from navigator.models.measures import SupportMeasure
from navigator.models.organisations import Organisation, Programme
from navigator.models.solutions import ReadySolutionIndexPage, ReadySolutionPage

__all__ = [
    "ApplicationStatus",
    "ApplyClick",
    "Bookmark",
    "CalendarFeed",
    "Correction",
    "CorrectionStatus",
    "Frequency",
    "ImportStatus",
    "LinkCheck",
    "MeasureAlert",
    "MeasureImport",
    "MeasureKind",
    "MeasureLevel",
    "MeasureStatus",
    "Organisation",
    "PopularMeasure",
    "Programme",
    "ReadySolutionIndexPage",
    "ReadySolutionPage",
    "ProgrammeKind",
    "Recurrence",
    "SupportMeasure",
    "ZeroResultSearch",
]
