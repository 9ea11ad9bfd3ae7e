"""A precomputed index of the navigator's facets: one bit set per facet option.

The list page used to count every facet with its own query over all matching measures (nine
queries a request, each scanning the whole table for a broad filter). Here every published
measure gets a bit position, every facet option a Python integer whose set bits are the measures
the option selects, built once per process from four queries and rebuilt when the list version
(`navigator.listcache`) changes, the day changes (statuses follow the calendar) or after
`MAX_AGE_SECONDS` (labels of spheres and regions). A filter is an AND of ORs of these sets, a
facet count the bit count of an AND: a whole page of facets costs microseconds, however broad
the filter.

Bit positions follow the list's default order (`by_deadline()`), so the page of a filter sorted
by deadline is read straight from its set. The filters the index does not know (the text, the
population, the amounts, the closing date) are asked from the database as a set of ids, once.
The semantics of every facet are those of `MeasureFilter`; `tests/navigator/test_facet_index.py`
compares the two on generated measures.
"""

import time
from dataclasses import dataclass

from django.utils import timezone

from navigator.models import MeasureStatus, SupportMeasure
from portal.municipalities.models import MunicipalityType

# Filters answered from the index; any other cleaned filter goes to the database.
INDEXED = (
    "sphere",
    "kind",
    "level",
    "status",
    "competitive",
    "organiser",
    "programme",
    "region",
    "municipality_type",
)
MAX_AGE_SECONDS = 5 * 60


@dataclass(frozen=True)
class Option:
    pk: int
    slug: str
    label: str
    parent_id: int | None = None


def _deadline_key(row, today):
    """The order of `SupportMeasureQuerySet.by_deadline()` as a Python sort key."""
    pk, closes_on = row["pk"], row["closes_on"]
    closed = closes_on is not None and closes_on < today
    ascending = (0, closes_on.toordinal()) if closes_on and not closed else (1, 0)
    descending = (0, -closes_on.toordinal()) if closes_on else (1, 0)
    return (closed, ascending, descending, pk)


def _status(row, today):
    opens_on, closes_on = row["opens_on"], row["closes_on"]
    if opens_on and opens_on > today:
        return MeasureStatus.UPCOMING.value
    if closes_on and closes_on < today:
        return MeasureStatus.CLOSED.value
    return MeasureStatus.OPEN.value


class MeasureIndex:
    """Bit sets of published measures per facet option, built from the database."""

    def __init__(self, today, choices):
        self.today = today
        self.built_at = time.monotonic()
        self.spheres, self.organisers, self.programmes, self.regions = choices
        self.pks = []
        self.position = {}
        self.everything = 0
        self.amount_order = []
        self.newest_order = []
        self.masks = {name: {} for name in INDEXED}
        # Spheres: measures listing the sphere itself; a direction's own set adds its children.
        self.direction = {}

    # --- building ------------------------------------------------------------------------------

    @classmethod
    def build(cls, filterset_class, today=None):
        today = today or timezone.localdate()
        index = cls(today, _choices(filterset_class))
        index._load(today)
        return index

    def _add(self, facet, value, bit):
        masks = self.masks[facet]
        masks[value] = masks.get(value, 0) | bit

    def _load(self, today):
        measures = SupportMeasure.objects.published().order_by()
        rows = list(
            measures.values(
                "pk",
                "kind",
                "level",
                "is_competitive",
                "organiser_id",
                "programme_id",
                "programme__parent_id",
                "programme__parent__parent_id",
                "municipality_types",
                "opens_on",
                "closes_on",
                "amount_max",
                "first_published_at",
            )
        )
        rows.sort(key=lambda row: _deadline_key(row, today))
        self.pks = [row["pk"] for row in rows]
        self.position = {pk: number for number, pk in enumerate(self.pks)}
        self.everything = (1 << len(rows)) - 1
        any_type = 0
        for number, row in enumerate(rows):
            bit = 1 << number
            self._add("kind", row["kind"], bit)
            self._add("level", row["level"], bit)
            self._add("status", _status(row, today), bit)
            self._add("competitive", "yes" if row["is_competitive"] else "no", bit)
            if row["organiser_id"]:
                self._add("organiser", row["organiser_id"], bit)
            lineage = ("programme_id", "programme__parent_id", "programme__parent__parent_id")
            for programme_id in filter(None, (row[name] for name in lineage)):
                self._add("programme", programme_id, bit)
            if not row["municipality_types"]:
                any_type |= bit
            for kind in row["municipality_types"] or ():
                self._add("municipality_type", kind, bit)
        # A measure open to any type counts under every type, as for_municipality_types() finds.
        self.masks["municipality_type"] = {
            kind: self.masks["municipality_type"].get(kind, 0) | any_type
            for kind in {*self.masks["municipality_type"], *_municipality_types()}
        }
        self._load_spheres()
        self._load_regions()
        self.amount_order = self._order(
            rows, lambda row: (row["amount_max"] is None, -(row["amount_max"] or 0), row["pk"])
        )
        self.newest_order = self._order(rows, _newest_key)

    def _order(self, rows, key):
        return [self.position[row["pk"]] for row in sorted(rows, key=key)]

    def _through(self, relation, *columns):
        through = relation.through.objects.filter(supportmeasure__live=True)
        return through.values_list("supportmeasure_id", *columns)

    def _load_spheres(self):
        parents = {sphere.pk: sphere.parent_id for sphere in self.spheres}
        for measure_id, sphere_id in self._through(SupportMeasure.spheres, "sphere_id"):
            if measure_id not in self.position:
                continue  # published after the measures were read
            bit = 1 << self.position[measure_id]
            self._add("sphere", sphere_id, bit)
            direction = parents.get(sphere_id) or sphere_id
            self.direction[direction] = self.direction.get(direction, 0) | bit

    def _load_regions(self):
        """Regions under the rule of `for_region()`: a measure listing regions applies in those,
        one listing municipalities in their regions, one listing both where they meet, and one
        listing neither everywhere."""
        listed, places = {}, {}
        for measure_id, region_id in self._through(SupportMeasure.regions, "region_id"):
            listed.setdefault(measure_id, set()).add(region_id)
        rows = self._through(SupportMeasure.municipalities, "municipality__region_id")
        for measure_id, region_id in rows:
            places.setdefault(measure_id, set()).add(region_id)
        everywhere = self.everything
        by_region = {}
        for measure_id in listed.keys() | places.keys():
            if measure_id not in self.position:
                continue  # published after the measures were read
            bit = 1 << self.position[measure_id]
            everywhere &= ~bit
            regions = listed.get(measure_id)
            in_places = places.get(measure_id)
            if regions is None:
                regions = in_places
            elif in_places is not None:
                regions = regions & in_places
            for region_id in regions:
                by_region[region_id] = by_region.get(region_id, 0) | bit
        self.masks["region"] = {
            region.pk: everywhere | by_region.get(region.pk, 0) for region in self.regions
        }

    # --- asking --------------------------------------------------------------------------------

    def mask_of_ids(self, pks):
        """The bit set of measures given by id (unknown or unpublished ids are left out)."""
        mask = 0
        position = self.position
        for pk in pks:
            number = position.get(pk)
            if number is not None:
                mask |= 1 << number
        return mask

    def facet_mask(self, name, value):
        """The measures a cleaned filter value selects; None when the value selects all."""
        masks = self.masks[name]
        if name == "region":
            return None if value is None else masks.get(value.pk, 0)
        if name == "competitive":
            values = set(value or ())
            return None if len(values) != 1 else masks.get(values.pop(), 0)
        if not value:
            return None
        if name == "sphere":
            chosen = {sphere.pk for sphere in value}
            mask = 0
            for sphere in self.spheres:
                if sphere.pk in chosen or sphere.parent_id in chosen:
                    mask |= masks.get(sphere.pk, 0)
            return mask
        if name in ("organiser", "programme"):
            value = [item.pk for item in value]
        mask = 0
        for item in value:
            mask |= masks.get(item, 0)
        return mask

    def positions(self, mask):
        """Bit positions set in `mask`, lowest first: the measures in deadline order."""
        bits = bin(mask)[:1:-1]
        found = []
        start = bits.find("1")
        while start != -1:
            found.append(start)
            start = bits.find("1", start + 1)
        return found

    def ordered(self, mask, order):
        """Positions of `mask` in `order` (a list of positions): amount or newest first."""
        if mask == self.everything:
            return order
        return [number for number in order if mask >> number & 1]


def _newest_key(row):
    published = row["first_published_at"]
    return (published is None, -published.timestamp() if published else 0, -row["pk"])


def _municipality_types():

    return MunicipalityType.values


def _choices(filterset_class):
    """The option rows of the facets with labels, read once with the index."""
    fields = filterset_class().form.fields
    spheres = [
        Option(sphere.pk, sphere.slug, sphere.name, sphere.parent_id)
        for sphere in fields["sphere"].queryset
    ]
    organisers = [Option(o.pk, o.slug, str(o)) for o in fields["organiser"].queryset]
    programmes = [Option(p.pk, p.slug, str(p)) for p in fields["programme"].queryset]
    regions = [Option(r.pk, r.code, r.name) for r in fields["region"].queryset]
    return spheres, organisers, programmes, regions


_built = {}


def current_index(filterset_class, version):
    """This process's index for the list `version` and today, built when missing or old."""
    key = (version, timezone.localdate())
    index = _built.get(key)
    if index is None or time.monotonic() - index.built_at > MAX_AGE_SECONDS:
        index = MeasureIndex.build(filterset_class, today=key[1])
        _built.clear()
        _built[key] = index
    return index
