"""Territory filters other apps use: «this municipality, its district, its region».

An item (a support measure, a practice, a document) is attached either to a municipality, to a
region, or to nothing (the whole country). These helpers build the Q objects that match such
items from both directions without knowing the other app's models.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Territory:
    """Where a municipality sits: its region and the ids from its district down to itself."""

    region_id: int
    municipality_ids: tuple[int, ...]

    def covering_q(self, municipality_field="municipality", region_field="region", nationwide=True):
        """Items that apply here: attached to this municipality, its district or its region.

        With `nationwide`, items attached to neither a municipality nor a region match too.
        Pass `region_field=None` for models that only link municipalities.
        """
        condition = Q(**{f"{municipality_field}__in": self.municipality_ids})
        if region_field is None:
            return condition
        no_municipality = Q(**{f"{municipality_field}__isnull": True})
        condition |= no_municipality & Q(**{region_field: self.region_id})
        if nationwide:
            condition |= no_municipality & Q(**{f"{region_field}__isnull": True})
        return condition


def inside_q(municipality, municipality_field="municipality"):
    """Items attached to `municipality` or to anything inside it (a district's settlements).

    One lookup on the GIN-indexed `lineage` array, however deep the tree.
    """
    return Q(**{f"{municipality_field}__lineage__contains": [municipality.pk]})


def in_region_q(region, municipality_field="municipality", region_field="region"):
    """Items attached to `region` itself or to any municipality in it."""
    condition = Q(**{f"{municipality_field}__region": region})
    if region_field is not None:
        condition |= Q(**{region_field: region})
    return condition
