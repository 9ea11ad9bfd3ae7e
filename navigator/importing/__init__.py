"""Import of support measures from CSV, XLSX or JSON files (see docs/navigator-import.md)."""

from navigator.importing.errors import ImportRejected
from navigator.importing.importer import CHANGED, NEW, UNCHANGED, ImportReport, import_measures
from navigator.importing.readers import FORMATS, MAX_FILE_BYTES

__all__ = [
    "CHANGED",
    "FORMATS",
    "MAX_FILE_BYTES",
    "NEW",
    "UNCHANGED",
    "ImportRejected",
    "ImportReport",
    "import_measures",
]
