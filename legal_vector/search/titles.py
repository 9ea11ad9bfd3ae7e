"""Documents found by their own requisites: title, number and issuing body.

Units carry only their own text, so «жилищный кодекс» or the title of 131-ФЗ must be looked up
in `Document.search_vector` (weight B, its own GIN index over tens of thousands of rows, not a
million units). The search page lists these documents above the units.
"""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Case, IntegerField, Value, When

from legal_vector.models import Document, DocumentStatus
from portal.search import QueryPlan, normalize_query, plan_query, plan_words, rank

DOCUMENT_LIMIT = 5


def _in_force_first():
    return Case(
        When(status=DocumentStatus.IN_FORCE, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def titled(text: str | QueryPlan, limit: int = DOCUMENT_LIMIT) -> list:
    """Documents whose requisites contain every word of `text` (or of its plan: any form,
    any synonym wording, filler left out): in force first, then the best matching (short
    titles that are mostly the query win), then the newest."""
    plan = text if isinstance(text, QueryPlan) else plan_words(normalize_query(text))
    query = plan_query(plan)
    if query is None:
        return []
    documents = (
        Document.objects.filter(search_vector=query)
        .annotate(_in_force=_in_force_first(), _rank=rank("search_vector", query))
        .select_related("region")
        .order_by("-_in_force", "-_rank", "-adopted_on", "pk")
    )
    return list(documents[:limit])


def similar_titles(text: str, limit: int = DOCUMENT_LIMIT) -> list:
    """Documents whose title contains a word like one of `text` (a mistyped title)."""
    documents = (
        Document.objects.filter(title__trigram_word_similar=text)
        .annotate(_similarity=TrigramWordSimilarity(text, "title"))
        .select_related("region")
        .order_by("-_similarity", "-adopted_on", "pk")
    )
    return list(documents[:limit])
