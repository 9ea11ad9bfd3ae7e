"""What practices show on the pages of lower apps (`portal.registry.RelatedContent`).

The measure page, the ready solution and the legal document cache these blocks for every
visitor; `announce_change` tells them when a practice is saved or deleted.
"""

from portal.registry import RelatedContent, related_content_changed
from practices import catalogue_index
from practices.models import Practice

TEMPLATE = "practices/includes/related_practices.html"
ON_SOLUTION = 4


def for_solution(solution, limit=ON_SOLUTION):
    """The practices the editors chose for a ready solution, topped up with the newest in its
    spheres."""
    ids = [block["value"] for block in solution.practices.raw_data]
    published = Practice.objects.published().for_lists()
    chosen = published.in_bulk(ids)
    practices = [chosen[pk] for pk in ids if pk in chosen]
    spheres = list(solution.spheres.all())
    if spheres and len(practices) < limit:
        others = published.in_sphere(spheres).exclude(pk__in=ids).newest()
        practices += others[: limit - len(practices)]
    return practices


def _on_measure(measure):
    practices = catalogue_index.related_to_measure(measure)
    return {"practices": practices, "heading_id": "measure-practices-title"}


def _on_solution(solution):
    return {
        "practices": for_solution(solution),
        "title": "Практики муниципалитетов",
        "heading_id": "solution-practices",
    }


def _on_document(document):
    return {
        "practices": list(Practice.objects.related_to_document(document)),
        "title": "Практики, которые опираются на документ",
        "heading_id": "document-practices-title",
    }


def announce_change(**kwargs):
    related_content_changed.send(sender=Practice)


BLOCKS = [
    RelatedContent("practices-on-measure", "navigator.SupportMeasure", TEMPLATE, _on_measure),
    RelatedContent("practices-on-solution", "navigator.ReadySolutionPage", TEMPLATE, _on_solution),
    RelatedContent("practices-on-document", "legal_vector.Document", TEMPLATE, _on_document),
]
