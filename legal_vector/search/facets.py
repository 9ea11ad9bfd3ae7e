"""Facets: the counted values of the page's filters with their display names."""

from legal_vector.models import Topic
from legal_vector.search.parsing import CHOICES, FACET_TITLES
from portal.municipalities.models import Region


def _facet_labels(facets) -> dict:
    """Display names for facet values: two small queries at most (regions, topics)."""
    regions = [v.value for v in facets.get("region", [])]
    topics = [v.value for v in facets.get("topic", [])]
    labels = {key: dict(choices) for key, choices in CHOICES.items()}
    labels["region"] = dict(Region.objects.filter(pk__in=regions).values_list("pk", "name"))
    labels["topic"] = dict(Topic.objects.filter(slug__in=topics).values_list("slug", "name"))
    return labels


def labelled_facets(facets, chosen) -> list[dict]:
    """Facet groups for the page; `chosen` are the values the user ticked (a ticked topic
    filters by its sub-topics too, but they stay unticked)."""
    labels = _facet_labels(facets)
    groups = []
    for key, title in FACET_TITLES.items():
        values = facets.get(key, [])
        if key == "year":
            values = sorted(values, key=lambda v: -int(v.value))
        options = [
            {
                "value": v.value,
                "count": v.count,
                "selected": str(v.value) in {str(c) for c in chosen.get(key, [])},
                "label": labels.get(key, {}).get(v.value, v.value),
            }
            for v in values
        ]
        if options:
            groups.append({"key": key, "title": title, "options": options})
    return groups
