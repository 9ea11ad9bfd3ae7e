"""The parts of a practice's page that every reader sees, rendered once and stored.

A part is HTML: the story (title to legal acts), the contacts (detail.html shows them to
verified employees only), the adoptions and the history. They are stored under the practice's
`updated_at` (any save: an edit, a new revision) and its page version, which a new or removed
adoption or award replaces (`forget_page`, connected in `integration`). What each reader sees
of their own (contacts or not, «Внедрили у себя», the edit link, the discussion) is added by
the view. The time limit covers what nothing announces: a renamed municipality or sphere.
"""

from collections import Counter

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string

from legal_vector.models import Document
from navigator.models import SupportMeasure
from portal import caching
from portal.models import Sphere
from practices.models import Adoption, Entry

PARTS_SECONDS = 300
ADOPTERS_SHOWN = 50
PREFETCHED = (
    Prefetch("spheres", queryset=Sphere.objects.only("pk", "name", "slug")),
    Prefetch(
        "support_measures",
        queryset=SupportMeasure.objects.published().only("pk", "title", "slug"),
    ),
    Prefetch(
        "legal_documents",
        queryset=Document.objects.only("pk", "title", "kind", "number", "adopted_on"),
    ),
    "indicators",
    "budget_lines",
    "attachments",
)


def page_version_name(practice_id):
    return f"practices:page:{practice_id}"


def forget_page(practice_id):
    caching.bump(page_version_name(practice_id))


def _adoptions(practice):
    """The adopters shown and the counts by region. While every adopter is shown (nearly every
    practice), one read gives both, and every adopting municipality (`adopted_in`), so that
    no reader's visit asks whether theirs is one; beyond that the counts are a query of
    their own and `adopted_in` is None."""
    adoptions = Adoption.objects.of_practice(practice)
    adopters = list(adoptions.select_related("municipality__region")[: ADOPTERS_SHOWN + 1])
    if len(adopters) <= ADOPTERS_SHOWN:
        totals = Counter(adoption.municipality.region.name for adoption in adopters)
        # As `counts_by_region`: most adoptions first, then by name.
        regions = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        adopted_in = [adoption.municipality_id for adoption in adopters]
    else:
        regions = adoptions.counts_by_region()
        adopters = adopters[:ADOPTERS_SHOWN]
        adopted_in = None
    return {
        "adoption_regions": regions,
        "adoption_total": sum(total for _, total in regions),
        "adopters": adopters,
        "adopted_in": adopted_in,
    }


def render_parts(practice):
    """The parts of the page of a stored `practice` (the caller prefetches its rows)."""
    context = {"practice": practice, "preview": False}
    context["awards"] = Entry.objects.filter(
        practice=practice,
        place__isnull=False,
        nomination__contest__results_published_at__isnull=False,
    ).select_related("nomination__contest")
    context["history"] = practice.revisions.order_by("-created_at").values_list(
        "created_at", flat=True
    )[:10]
    context.update(_adoptions(practice))
    parts = {
        name: render_to_string(f"practices/includes/detail_{name}.html", context)
        for name in ("story", "contacts", "adoptions", "history")
    }
    parts["adopted_in"] = context["adopted_in"]
    return parts


def adopted_in(parts, practice, municipality_id):
    """Whether the municipality `municipality_id` adopted the practice: from the stored parts
    while they list every adopter, else one query."""
    if parts.get("adopted_in") is not None:
        return municipality_id in parts["adopted_in"]
    return Adoption.objects.of_practice(practice).filter(municipality_id=municipality_id).exists()


def shared_parts(practice):
    """The parts of a published practice's page, from the cache when possible."""
    key = caching.versioned_key(
        page_version_name(practice.pk), "parts", practice.updated_at.timestamp()
    )
    parts = cache.get(key)
    if parts is None:
        prefetch_related_objects([practice], *PREFETCHED)
        parts = render_parts(practice)
        cache.set(key, parts, PARTS_SECONDS)
    return parts
