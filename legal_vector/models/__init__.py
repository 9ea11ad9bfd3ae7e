"""Models of «Правовой вектор». Each module owns one part of the domain."""

from legal_vector.models.bookmarks import Bookmark, BookmarkFolder, Subscription
from legal_vector.models.consultation_thread import ConsultationAttachment, ConsultationMessage
from legal_vector.models.consultations import (
    Consultation,
    ConsultationCitation,
    ConsultationStatus,
)
from legal_vector.models.documents import Document, DocumentKind, DocumentLevel, DocumentStatus
from legal_vector.models.editions import Edition
from legal_vector.models.imports import ImportJob, ImportJobStatus
from legal_vector.models.qa import QACitation, QAItem
from legal_vector.models.references import Reference
from legal_vector.models.search_log import LegalSearchQuery, ZeroResultQuery
from legal_vector.models.search_words import SearchWord
from legal_vector.models.topics import Topic
from legal_vector.models.units import StructuralUnit, UnitKind

__all__ = [
    "Bookmark",
    "BookmarkFolder",
    "Consultation",
    "ConsultationAttachment",
    "ConsultationCitation",
    "ConsultationMessage",
    "ConsultationStatus",
    "Document",
    "DocumentKind",
    "DocumentLevel",
    "DocumentStatus",
    "Edition",
    "ImportJob",
    "ImportJobStatus",
    "QACitation",
    "QAItem",
    "Reference",
    "LegalSearchQuery",
    "SearchWord",
    "StructuralUnit",
    "Subscription",
    "Topic",
    "UnitKind",
    "ZeroResultQuery",
]
