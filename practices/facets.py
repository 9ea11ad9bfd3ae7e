"""The catalogue's facets as the page shows them: each value with the number of practices it
would give under the other chosen filters (`PracticeFilter.facet_counts()`).

Values without practices are left out (a dead end is not worth a line), except a chosen one,
which stays so it can be unchecked. Long lists show their first values and fold the rest behind
«Ещё N» (a `<details>`, so it opens without JavaScript); a list folding a chosen value opens.
"""

from dataclasses import dataclass, field

from portal.municipalities.bands import POPULATION_BANDS
from portal.municipalities.models import MunicipalityType
from practices.filters import ADOPTED_CHOICES

SHOWN = 8


@dataclass
class FacetValue:
    value: str
    label: str
    count: int | None
    selected: bool
    depth: int = 0

    @property
    def offered(self):
        return bool(self.count) or self.selected


@dataclass
class FacetGroup:
    name: str
    legend: str
    values: list[FacetValue]
    more: list[FacetValue] = field(default_factory=list)
    input_type: str = "checkbox"

    @property
    def more_open(self):
        return any(value.selected for value in self.more)

    @property
    def empty(self):
        return not any(value.count is not None for value in self.values + self.more)


def _folded(name, legend, values, **kwargs):
    offered = [value for value in values if value.offered]
    return FacetGroup(name, legend, offered[:SHOWN], offered[SHOWN:], **kwargs)


def _sphere_group(counts, chosen, spheres):
    """Directions, each followed by its sub-spheres; a direction is never split by the fold.
    `spheres` are (pk, slug, name, parent pk) in the spheres' order."""
    children = {}
    for sphere in spheres:
        children.setdefault(sphere[3], []).append(sphere)
    blocks = []
    for pk, slug, name, _ in children.get(None, []):
        block = [
            FacetValue(slug, name, counts["direction"].get(str(pk), 0), slug in chosen),
            *(
                FacetValue(
                    child_slug,
                    child_name,
                    counts["sphere"].get(str(child_pk), 0),
                    child_slug in chosen,
                    depth=1,
                )
                for child_pk, child_slug, child_name, _ in children.get(pk, [])
            ),
        ]
        block = [value for value in block if value.offered]
        if block:
            blocks.append(block)
    shown, more = [], []
    for block in blocks:
        (shown if not shown or len(shown) + len(block) <= SHOWN * 2 else more).extend(block)
    return FacetGroup("sphere", "Направление", shown, more)


def _region_group(counts, chosen, regions):
    """Chosen regions first, then the others by the number of practices. `regions` are
    (pk, code, name)."""
    values = [
        FacetValue(code, name, counts.get(str(pk), 0), code in chosen)
        for pk, code, name in regions
        if str(pk) in counts or code in chosen
    ]
    values.sort(key=lambda value: (not value.selected, -value.count, value.label))
    return _folded("region", "Регион", values)


def _ordered_group(name, legend, choices, counts, chosen, **kwargs):
    values = [
        FacetValue(value, label, counts.get(value, 0), value in chosen) for value, label in choices
    ]
    return _folded(name, legend, values, **kwargs)


def facet_groups(filterset, counts, choices):
    """The facets of the catalogue page in the order shown, with `counts` from
    `CatalogueQuery.facet_counts()` and the labels of the snapshot's `choices`: no query."""
    chosen = {name: filterset.chosen(name) for name in ("sphere", "region", "kind")}
    years = sorted({int(year) for year in counts["year"]} | set(filterset._cleaned("year") or []))
    adopted = filterset.chosen("adopted")
    return [
        _sphere_group(counts, chosen["sphere"], choices["sphere"]),
        _region_group(counts["region"], chosen["region"], choices["region"]),
        _ordered_group(
            "kind", "Тип муниципалитета", MunicipalityType.choices, counts["kind"], chosen["kind"]
        ),
        _ordered_group(
            "population",
            "Численность населения",
            [(band.slug, band.label) for band in POPULATION_BANDS],
            counts["population"],
            filterset.chosen("population"),
        ),
        _ordered_group(
            "year",
            "Год начала",
            [(str(year), str(year)) for year in reversed(years)],
            counts["year"],
            filterset.chosen("year"),
        ),
        _ordered_group(
            "award",
            "Конкурс",
            [("on", "Победители конкурса")],
            {"on": counts["award"].get("1", 0)},
            {"on"} if filterset.chosen("award") else set(),
        ),
        _ordered_group(
            "measured",
            "Результаты",
            [("on", "С измеримыми показателями")],
            {"on": counts["measured"].get("1", 0)},
            {"on"} if filterset.chosen("measured") else set(),
        ),
        _adopted_group(counts["adopted"], adopted),
    ]


def _adopted_group(counts, chosen):
    """Radio buttons: «не важно» or at least N adoptions."""
    group = _ordered_group(
        "adopted", "Внедрили", ADOPTED_CHOICES, counts, chosen, input_type="radio"
    )
    anything = FacetValue("", "не важно", None, not chosen)
    group.values.insert(0, anything)
    return group
