"""Models of «Правовой вектор». Each module owns one part of the domain."""

from legal_vector.models.bookmarks import Bookmark, BookmarkFolder, Subscription
from legal_vector.models.documents import Document, DocumentKind, DocumentLevel, DocumentStatus
from legal_vector.models.editions import Edition
from legal_vector.models.references import Reference
from legal_vector.models.topics import Topic
from legal_vector.models.units import StructuralUnit, UnitKind

__all__ = [
    "Bookmark",
    "BookmarkFolder",
    "Document",
    "DocumentKind",
    "DocumentLevel",
    "DocumentStatus",
    "Edition",
    "Reference",
    "StructuralUnit",
    "Subscription",
    "Topic",
    "UnitKind",
]
