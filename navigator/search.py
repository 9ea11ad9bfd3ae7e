"""What the navigator exposes to `portal.search`: published support measures.

The list's text filter (`MeasureFilter.filter_text`) goes through `text_filter(MEASURE_INDEX,
…)`, so with Elasticsearch configured it answers the text part of the list, the alerts, the
export and the API alike.
"""

from navigator.documents import MeasureDocument
from navigator.models import SupportMeasure
from portal.search import SearchIndex, register_index


def _published():
    return (
        SupportMeasure.objects.published().select_related("organiser").prefetch_related("spheres")
    )


MEASURE_INDEX = SearchIndex(
    name="navigator-measures",
    model_queryset=_published,
    vector_field="search_vector",
    headline_field="summary",
    date_field="first_published_at",
    text_fields=("title^3", "summary^2", "conditions", "description", "organiser", "spheres"),
    document=MeasureDocument,
)


def register():
    """Published measures enter the index after commit; unpublished or deleted ones leave it."""
    register_index(SupportMeasure, MEASURE_INDEX)
