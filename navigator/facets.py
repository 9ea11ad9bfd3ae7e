"""Facet counts of the navigator list: how many measures each choice of the filter would show.

Each facet is counted under the *other* facets' filters, so the user can widen a choice they
have made. One counting query per facet, however many measures there are; facets whose options
are rows (spheres, organisers, programmes, regions) read those rows with one more query.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from navigator.filters import MeasureFilter
from navigator.models import SupportMeasure


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    children: tuple = ()


# Organisers and programmes may run into hundreds: the most frequent ones are shown, the rest
# wait behind «ещё» (a <details> element, so it works without JavaScript).
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


def _column_counts(queryset, column):
    rows = queryset.order_by().values(column).annotate(n=Count("pk")).values_list(column, "n")
    return dict(rows)


def _sphere_counts(queryset):
    """Counts per sphere and per direction; a measure counts once under its direction."""
    through = SupportMeasure.spheres.through.objects.filter(
        supportmeasure__in=queryset.order_by().values("pk")
    )
    by_sphere = dict(
        through.values("sphere_id")
        .annotate(n=Count("supportmeasure_id", distinct=True))
        .values_list("sphere_id", "n")
    )
    by_direction = dict(
        through.annotate(direction=Coalesce(F("sphere__parent_id"), F("sphere_id")))
        .values("direction")
        .annotate(n=Count("supportmeasure_id", distinct=True))
        .values_list("direction", "n")
    )
    return by_sphere, by_direction


def _region_counts(queryset):
    """Counts per region id under the territory rule of `for_region()`, in one query.

    The measures are grouped by the pair (listed region, region of a listed municipality);
    either is None when the measure lists none. A measure counts in region R through exactly one
    pair: (R, R) when it lists both, (R, None) or (None, R) when it lists one kind, and
    (None, None) — all of Russia — when it lists neither; so the pair counts add up exactly.
    """
    rows = (
        queryset.order_by()
        .values_list("regions", "municipalities__region")
        .annotate(n=Count("pk", distinct=True))
    )
    listed, everywhere = {}, 0
    for region_id, place_region_id, n in rows:
        if region_id is None and place_region_id is None:
            everywhere += n
        elif region_id is None or place_region_id is None or region_id == place_region_id:
            key = region_id or place_region_id
            listed[key] = listed.get(key, 0) + n
    return listed, everywhere


def _programme_counts(queryset):
    """Counts per programme id, a programme counting the measures of the projects inside it as
    `in_programmes()` selects them. A measure has one programme, so the sums never double."""
    rows = (
        queryset.order_by()
        .values_list("programme_id", "programme__parent_id", "programme__parent__parent_id")
        .annotate(n=Count("pk"))
    )
    counts = {}
    for *lineage, n in rows:
        for programme_id in filter(None, lineage):
            counts[programme_id] = counts.get(programme_id, 0) + n
    return counts


def _municipality_type_counts(queryset, kinds):
    """Counts per municipality type in one query: a measure that lists no type accepts any, so
    it counts under every type, as `for_municipality_types()` selects it."""
    counts = queryset.order_by().aggregate(
        any_type=Count("pk", filter=Q(municipality_types=[])),
        **{kind: Count("pk", filter=Q(municipality_types__contains=[kind])) for kind in kinds},
    )
    any_type = counts.pop("any_type")
    return {kind: n + any_type for kind, n in counts.items()}


def _status_counts(queryset):
    return dict(
        queryset.annotate_status()
        .order_by()
        .values("current_status")
        .annotate(n=Count("pk"))
        .values_list("current_status", "n")
    )


class Facets:
    """Facet options of a bound MeasureFilter."""

    def __init__(self, filterset: MeasureFilter):
        self.filterset = filterset
        self.data = filterset.data

    def _without(self, key):
        return self.filterset.unordered(skip=key)

    def _selected(self, key):
        return set(self.data.getlist(key)) if hasattr(self.data, "getlist") else set()

    def _options(self, key, choices, counts):
        selected = self._selected(key)
        return [
            FacetOption(value, label, counts.get(value, 0), value in selected)
            for value, label in choices
            if counts.get(value, 0) or value in selected
        ]

    def kind(self):
        field = self.filterset.form.fields["kind"]
        counts = _column_counts(self._without("kind"), "kind")
        return self._options("kind", field.choices, counts)

    def level(self):
        field = self.filterset.form.fields["level"]
        counts = _column_counts(self._without("level"), "level")
        return self._options("level", field.choices, counts)

    def competitive(self):
        counts = _column_counts(self._without("competitive"), "is_competitive")
        by_value = {"yes": counts.get(True, 0), "no": counts.get(False, 0)}
        choices = [
            (v, label) for v, label in self.filterset.form.fields["competitive"].choices if v
        ]
        return self._options("competitive", choices, by_value)

    def municipality_type(self):
        choices = self.filterset.form.fields["municipality_type"].choices
        counts = _municipality_type_counts(
            self._without("municipality_type"), [value for value, _ in choices]
        )
        return self._options("municipality_type", choices, counts)

    def status(self):
        counts = _status_counts(self._without("status"))
        return self._options("status", self.filterset.form.fields["status"].choices, counts)

    def sphere(self):
        by_sphere, by_direction = _sphere_counts(self._without("sphere"))
        selected = self._selected("sphere")
        spheres = list(self.filterset.form.fields["sphere"].queryset)
        children = {}
        for sphere in spheres:
            if sphere.parent_id and by_sphere.get(sphere.pk):
                children.setdefault(sphere.parent_id, []).append(
                    FacetOption(
                        sphere.slug, sphere.name, by_sphere[sphere.pk], sphere.slug in selected
                    )
                )
        return [
            FacetOption(
                sphere.slug,
                sphere.name,
                by_direction.get(sphere.pk, 0),
                sphere.slug in selected,
                tuple(children.get(sphere.pk, ())),
            )
            for sphere in spheres
            if sphere.parent_id is None and (by_direction.get(sphere.pk) or sphere.slug in selected)
        ]

    def _published_choices(self, key, counts):
        """Published organisers or programmes with their counts. Counted by id and labelled from
        the field's own list: grouping by the joined labels took twice as long."""
        selected = self._selected(key)
        options = [
            FacetOption(item.slug, str(item), counts.get(item.pk, 0), item.slug in selected)
            for item in self.filterset.form.fields[key].queryset
        ]
        return _top([option for option in options if option.count or option.selected])

    def organiser(self):
        counts = _column_counts(self._without("organiser"), "organiser_id")
        return self._published_choices("organiser", counts)

    def programme(self):
        return self._published_choices("programme", _programme_counts(self._without("programme")))

    def region(self):
        """Every region with its count (a select list: one region at a time)."""
        listed, everywhere = _region_counts(self._without("region"))
        selected = self.data.get("region") if hasattr(self.data, "get") else None
        return [
            FacetOption(
                region.code,
                region.name,
                everywhere + listed.get(region.pk, 0),
                region.code == selected,
            )
            for region in self.filterset.form.fields["region"].queryset
        ]

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
