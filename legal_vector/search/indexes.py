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
    trigram_field="document__title",
    date_field="document__adopted_on",
    facets={
        "kind": "document__kind",
        "level": "document__level",
        "region": "document__region_id",
        "topic": "document__topics__slug",
        "status": "document__status",
        "year": "document__adopted_on__year",
    },
    multi_valued=("topic",),
    text_fields=("heading^3", "title^2", "text"),
    document=UnitDocument,
)
