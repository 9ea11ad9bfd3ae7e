"""Elasticsearch document of the dialog field (used only when ELASTICSEARCH_URL is set).

`PROBLEM_INDEX` declares what the field's text filter searches, for both backends;
`SEARCH_INDEXES` lets `portal.search` keep the index in step with published problems.
"""

from elasticsearch_dsl import Date, Document, Keyword

from dialog.models import Problem, ProblemSearchVector
from portal.search import SearchIndex
from portal.search.elastic import INDEX_SETTINGS, index_name, russian_text


class ProblemDocument(Document):
    """A public problem: its texts and the field's facets. The author is never indexed."""

    title = russian_text()
    description = russian_text()
    # What the PostgreSQL vector weighs as C: consequences and the proposed solution.
    details = russian_text()
    direction_name = russian_text()
    municipality = russian_text()
    direction = Keyword()
    region = Keyword()
    kind = Keyword()
    status = Keyword()
    level = Keyword()
    date = Date()  # published: «по дате» sorts by it

    class Index:
        name = index_name("dialog-problems")
        settings = INDEX_SETTINGS

    @classmethod
    def from_instance(cls, problem):
        direction, region = problem.direction, problem.region
        return cls(
            meta={"id": problem.pk},
            title=problem.title,
            description=problem.description,
            details="\n".join(filter(None, [problem.consequences, problem.proposed_solution])),
            direction_name=direction.name if direction else "",
            municipality=str(problem.municipality) if problem.municipality_id else "",
            direction=direction.slug if direction else None,
            region=region.code if region else None,
            kind=problem.municipality_kind or None,
            status=problem.status,
            level=problem.level,
            date=problem.published_at,
        )


def _public():
    return Problem.objects.public().select_related("direction", "region", "municipality")


PROBLEM_INDEX = SearchIndex(
    name="dialog-problems",
    model_queryset=_public,
    vector_field="search_vector",
    headline_field="description",
    date_field="published_at",
    facets={
        "direction": "direction__slug",
        "region": "region__code",
        "kind": "municipality_kind",
        "status": "status",
        "level": "level",
    },
    text_fields=("title^3", "description^2", "details", "direction_name", "municipality"),
    document=ProblemDocument,
    id_vectors=ProblemSearchVector.objects.all,
    id_field="problem_id",
)
SEARCH_INDEXES = [(Problem, PROBLEM_INDEX)]
