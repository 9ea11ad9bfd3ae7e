"""What the legal base exposes to `portal.search`: structural units of current editions."""

from legal_vector.documents import UnitDocument
from legal_vector.models import StructuralUnit
from portal.search import SearchIndex


def _units():
    return StructuralUnit.objects.current()


UNIT_INDEX = SearchIndex(
    name="legal-units",
    model_queryset=_units,
    vector_field="search_vector",
    headline_field="text",
    # No trigram_field: a typo is corrected against the vocabulary and a mistyped title is
    # matched on the documents table (`legal_vector.search.service`), not unit by unit.
    # The document's fields copied onto the unit (see StructuralUnit): no join to filter,
    # count or sort by them, and one index for the text and the filters.
    date_field="document_adopted_on",
    facets={
        "kind": "document_kind",
        "level": "document_level",
        "region": "document_region_id",
        "topic": "document__topics__slug",
        "status": "document_status",
        "year": "document_year",
    },
    multi_valued=("topic",),
    postings=True,
    text_fields=("heading^3", "title^2", "text"),
    document=UnitDocument,
)
