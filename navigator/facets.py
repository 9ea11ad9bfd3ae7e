"""Facet counts of the navigator list: how many measures each choice of the filter would show.

Each facet is counted under the *other* facets' filters, so the user can widen a choice they
have made. One query per facet, however many measures there are.
"""

from dataclasses import dataclass

from django.db.models import Count, F
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

    def as_dict(self):
        return {
            "sphere": self.sphere(),
            "kind": self.kind(),
            "level": self.level(),
            "status": self.status(),
            "competitive": self.competitive(),
        }
