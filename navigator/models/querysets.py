"""How the navigator asks for measures: published, open, closing soon, applicable to a place."""

from datetime import timedelta

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from navigator.models.choices import CLOSING_SOON_DAYS, MeasureStatus
from navigator.models.organisations import Programme
from navigator.models.scoring import annotate_match


def status_q(status, today):
    """The condition under which a measure has `status` on `today` (see SupportMeasure.status)."""
    opened = Q(opens_on__isnull=True) | Q(opens_on__lte=today)
    if status == MeasureStatus.UPCOMING:
        return Q(opens_on__gt=today)
    if status == MeasureStatus.CLOSED:
        return opened & Q(closes_on__lt=today)
    return opened & (Q(closes_on__isnull=True) | Q(closes_on__gte=today))


# Columns lists never show; the search vector alone is bigger than the rest of the row.
LONG_TEXT_FIELDS = [
    "search_vector",
    "description",
    "other_conditions",
    "funded_items",
    "required_documents",
    "how_to_apply",
    "legal_basis_note",
    "contacts",
]


class SupportMeasureQuerySet(models.QuerySet):
    def without_long_texts(self):
        return self.defer(*LONG_TEXT_FIELDS)

    def published(self):
        return self.filter(live=True)

    def with_status(self, *statuses, today=None):
        today = today or timezone.localdate()
        condition = Q(pk__in=[])
        for status in statuses:
            condition |= status_q(status, today)
        return self.filter(condition)

    def open(self, today=None):
        """Measures accepting applications today."""
        return self.with_status(MeasureStatus.OPEN, today=today)

    def upcoming(self, today=None):
        return self.with_status(MeasureStatus.UPCOMING, today=today)

    def not_closed(self, today=None):
        return self.with_status(MeasureStatus.OPEN, MeasureStatus.UPCOMING, today=today)

    def closing_within(self, days, today=None):
        """Open measures whose application window ends within `days` days (today included)."""
        today = today or timezone.localdate()
        return self.open(today=today).filter(closes_on__lte=today + timedelta(days=days))

    def closing_soon(self, today=None):
        return self.closing_within(CLOSING_SOON_DAYS, today=today)

    def annotate_status(self, today=None):
        today = today or timezone.localdate()
        whens = [
            When(status_q(status, today), then=Value(status.value))
            for status in (MeasureStatus.UPCOMING, MeasureStatus.CLOSED)
        ]
        return self.annotate(
            current_status=Case(
                *whens, default=Value(MeasureStatus.OPEN.value), output_field=models.CharField()
            )
        )

    def by_deadline(self, today=None):
        """Nearest deadlines first; permanent measures next; closed ones last, latest first."""
        today = today or timezone.localdate()
        closed = Case(
            When(closes_on__lt=today, then=Value(1)),
            default=Value(0),
            output_field=models.IntegerField(),
        )
        return self.alias(closed=closed).order_by(
            "closed",
            models.Case(When(closes_on__lt=today, then=None), default="closes_on").asc(
                nulls_last=True
            ),
            models.F("closes_on").desc(nulls_last=True),
            "pk",
        )

    def changed_since(self, moment):
        """Published measures first published or re-published after `moment`."""
        return self.published().filter(
            Q(first_published_at__gte=moment) | Q(last_published_at__gte=moment)
        )

    def duplicates_of(self, *, title, organiser_id, source_id="", source_url="", exclude_pk=None):
        """Measures that look like the same one: same title and organiser, or same source."""
        condition = Q(title__iexact=title.strip(), organiser_id=organiser_id)
        if source_id:
            condition |= Q(source_id=source_id)
        if source_url:
            condition |= Q(source_url=source_url)
        return self.filter(condition).exclude(pk=exclude_pk)

    def in_programmes(self, programmes):
        """Measures of `programmes` or of the projects inside them."""
        return self.filter(programme__in=Programme.objects.within(programmes))

    # --- eligibility ---------------------------------------------------------------------

    def for_region(self, region):
        """Measures that apply somewhere in `region`: not limited to regions or listing it, and
        not limited to municipalities or listing one of its municipalities (a measure for one
        town is not a measure for every region)."""
        region_id = getattr(region, "pk", region)
        regions = self.model.regions.through.objects.filter(supportmeasure_id=OuterRef("pk"))
        places = self.model.municipalities.through.objects.filter(supportmeasure_id=OuterRef("pk"))
        return self.filter(
            ~Exists(regions) | Exists(regions.filter(region_id=region_id)),
            ~Exists(places) | Exists(places.filter(municipality__region_id=region_id)),
        )

    def for_territory(self, municipality):
        """Measures not limited to particular municipalities, or limited to this one or its
        district: a district's programme reaches its settlements through `lineage`."""
        through = self.model.municipalities.through
        limited = Exists(through.objects.filter(supportmeasure_id=OuterRef("pk")))
        listed = Exists(
            through.objects.filter(
                supportmeasure_id=OuterRef("pk"), municipality_id__in=municipality.ancestor_ids()
            )
        )
        return self.filter(~limited | listed)

    def for_municipality_types(self, kinds):
        return self.filter(Q(municipality_types=[]) | Q(municipality_types__overlap=list(kinds)))

    def for_population(self, population):
        return self.filter(
            Q(population_min__isnull=True) | Q(population_min__lte=population),
            Q(population_max__isnull=True) | Q(population_max__gte=population),
        )

    def for_municipality(self, municipality):
        """Measures `municipality` may apply for: territory, region, type and population."""
        return (
            self.for_region(municipality.region_id)
            .for_territory(municipality)
            .for_municipality_types([municipality.kind])
            .for_population(municipality.population)
        )

    def conditions_failed_by(self, municipality):
        """Why the measures here are not for `municipality`, in words for its employees (empty
        when it may apply). Meant for one measure: one query, a flag per condition."""
        checks = [
            (
                self.for_region(municipality.region_id),
                f"она не действует в регионе «{municipality.region}»",
            ),
            (self.for_territory(municipality), "она адресована другим муниципальным образованиям"),
            (
                self.for_municipality_types([municipality.kind]),
                f"она не для типа «{municipality.get_kind_display()}»",
            ),
            (self.for_population(municipality.population), "не подходит численность населения"),
        ]
        flags = {
            f"fits_{index}": Exists(queryset.filter(pk=OuterRef("pk")))
            for index, (queryset, _reason) in enumerate(checks)
        }
        rows = list(self.annotate(**flags).values(*flags))
        return [
            reason
            for index, (_queryset, reason) in enumerate(checks)
            if not any(row[f"fits_{index}"] for row in rows)
        ]

    def matching(self, profile):
        """Measures `profile`'s municipality may apply for, scored and best first.

        Each row carries `match_score` (0–100) and the facts `explain_match()` turns into words.
        """
        return annotate_match(self.for_municipality(profile.municipality), profile)

    def similar_to(self, measure):
        """Published measures sharing a sphere with `measure`, same kind first; the same measure
        announced for other regions (same title) is not «similar», it is a copy."""
        through = self.model.spheres.through
        # The ids of the spheres' measures are read first (an index read of a few hundred rows):
        # as a subquery the planner checked every published measure against the spheres
        # instead, 100+ ms at 10,000 measures.
        shared = list(
            through.objects.filter(
                sphere_id__in=[sphere.pk for sphere in measure.spheres.all()]
            ).values_list("supportmeasure_id", flat=True)
        )
        same_kind = Case(When(kind=measure.kind, then=Value(1)), default=Value(0))
        return (
            self.published()
            .exclude(title=measure.title)
            .filter(pk__in=shared)
            .annotate(same_kind=same_kind)
            .order_by("-same_kind", models.F("closes_on").desc(nulls_last=True), "pk")
        )
