"""Facet counts of the navigator list: how many measures each choice of the filter would show.

Each facet is counted under the *other* facets' filters, so the user can widen a choice they
have made. The counts come from the precomputed bit sets of `navigator.facet_index`: no query
scans the matching measures, however broad the filter; only the filters the index does not know
(text, population, amounts, closing date) cost one query for the ids they select.

What is shown: options with no matching measure are left out (unless chosen), and long facets
show their most frequent options, the rest waiting behind «ещё» (a <details> element, so it
works without JavaScript).
"""

from dataclasses import dataclass, field

from django_filters.constants import EMPTY_VALUES

from navigator import listcache
from navigator.facet_index import INDEXED, current_index
from navigator.filters import MeasureFilter


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    children: tuple = ()


# Organisers, programmes and sub-spheres may run into dozens: the most frequent ones are shown.
TOP_OPTIONS = 8


@dataclass
class TopOptions:
    shown: list
    more: list = field(default_factory=list)


def _top(options):
    """The most frequent options and every selected one; the others go under «ещё»."""
    ranked = sorted(options, key=lambda option: (-option.count, option.label))
    shown = ranked[:TOP_OPTIONS] + [o for o in ranked[TOP_OPTIONS:] if o.selected]
    return TopOptions(shown, [o for o in ranked[TOP_OPTIONS:] if not o.selected])


class Facets:
    """Facet options of a bound MeasureFilter, and the measures it matches, from the index."""

    def __init__(self, filterset: MeasureFilter, index=None):
        self.filterset = filterset
        self.data = filterset.data
        self.index = index or current_index(type(filterset), listcache.current_version())
        cleaned = self._cleaned()
        self.chosen = {name: self.index.facet_mask(name, cleaned.get(name)) for name in INDEXED}
        self.rest = self._database_mask(cleaned)

    def _cleaned(self):
        if not self.filterset.is_bound:
            return {}
        self.filterset.form.is_valid()  # an invalid field is simply left out
        return self.filterset.form.cleaned_data

    def _database_mask(self, cleaned):
        """The measures selected by the filters the index does not know; None: no such filter."""
        asked = {
            name: value
            for name, value in cleaned.items()
            if name not in INDEXED and name != "sort" and value not in EMPTY_VALUES
        }
        if not asked:
            return None
        queryset = self.filterset.queryset.all()
        for name, value in asked.items():
            queryset = self.filterset.filters[name].filter(queryset, value)
        return self.index.mask_of_ids(queryset.order_by().values_list("pk", flat=True))

    def matching(self, skip=""):
        """The bit set of the measures the filter shows, ignoring the parameter `skip`."""
        mask = self.index.everything if self.rest is None else self.rest
        for name, chosen in self.chosen.items():
            if name != skip and chosen is not None:
                mask &= chosen
        return mask

    def _selected(self, key):
        return set(self.data.getlist(key)) if hasattr(self.data, "getlist") else set()

    def _counts(self, key):
        base = self.matching(skip=key)
        return {value: (base & mask).bit_count() for value, mask in self.index.masks[key].items()}

    def _options(self, key, choices, counts):
        selected = self._selected(key)
        return [
            FacetOption(value, label, counts.get(value, 0), value in selected)
            for value, label in choices
            if counts.get(value, 0) or value in selected
        ]

    def _choice_facet(self, key):
        choices = [(v, label) for v, label in self.filterset.form.fields[key].choices if v]
        return self._options(key, choices, self._counts(key))

    def kind(self):
        return self._choice_facet("kind")

    def level(self):
        return self._choice_facet("level")

    def competitive(self):
        return self._choice_facet("competitive")

    def municipality_type(self):
        return self._choice_facet("municipality_type")

    def status(self):
        return self._choice_facet("status")

    def sphere(self):
        """Directions with their counts (a measure counts once under its direction) and, inside
        each, the sub-spheres that have measures; long lists of sub-spheres collapse."""
        base = self.matching(skip="sphere")
        by_sphere = self.index.masks["sphere"]
        selected = self._selected("sphere")
        children = {}
        for sphere in self.index.spheres:
            if not sphere.parent_id:
                continue
            count = (base & by_sphere.get(sphere.pk, 0)).bit_count()
            if count or sphere.slug in selected:
                option = FacetOption(sphere.slug, sphere.label, count, sphere.slug in selected)
                children.setdefault(sphere.parent_id, []).append(option)
        options = []
        for sphere in self.index.spheres:
            if sphere.parent_id:
                continue
            count = (base & self.index.direction.get(sphere.pk, 0)).bit_count()
            if count or sphere.slug in selected:
                options.append(
                    FacetOption(
                        sphere.slug,
                        sphere.label,
                        count,
                        sphere.slug in selected,
                        tuple(children.get(sphere.pk, ())),
                    )
                )
        return options

    def _published_choices(self, key, rows):
        """Published organisers or programmes with their counts, the rarest under «ещё»."""
        counts = self._counts(key)
        selected = self._selected(key)
        options = [
            FacetOption(row.slug, row.label, counts.get(row.pk, 0), row.slug in selected)
            for row in rows
        ]
        return _top([option for option in options if option.count or option.selected])

    def organiser(self):
        return self._published_choices("organiser", self.index.organisers)

    def programme(self):
        return self._published_choices("programme", self.index.programmes)

    def region(self):
        """Regions with measures under the other filters (a select list: one at a time)."""
        counts = self._counts("region")
        selected = self.data.get("region") if hasattr(self.data, "get") else None
        options = []
        for region in self.index.regions:
            count = counts.get(region.pk, 0)
            if count or region.slug == selected:
                options.append(
                    FacetOption(region.slug, region.label, count, region.slug == selected)
                )
        return options

    def as_dict(self):
        return {
            "sphere": self.sphere(),
            "kind": self.kind(),
            "level": self.level(),
            "status": self.status(),
            "competitive": self.competitive(),
            "organiser": self.organiser(),
            "programme": self.programme(),
            "region": self.region(),
            "municipality_type": self.municipality_type(),
        }
