"""The «Подобрано для вас» score of a support measure, computed in SQL.

`SupportMeasureQuerySet.matching(profile)` adds it, so that a page of the best matches is one
query however many measures there are; `navigator.matching` explains the same facts in words.
"""

from django.db.models import BooleanField, Case, Exists, F, IntegerField, OuterRef, Q, Value, When

# Points per dimension; they add up to 100 for a measure that fits in every respect.
WEIGHTS = {
    "territory": 25,  # aimed at this region or municipality rather than the whole country
    "type": 15,  # lists this municipality type rather than «any»
    "population": 10,  # states a population range that includes this municipality
    "spheres": 35,  # belongs to a sphere the user follows
    "cofinancing": 15,  # asks little or no co-financing from the local budget
}
# Measures open to everyone still fit: they get part of the points of a targeted measure.
UNTARGETED_SHARE = 0.4
LOW_COFINANCING_PERCENT = 10
LOW, HIGH, UNKNOWN = "low", "high", "unknown"


def _points(dimension, share=1.0):
    return Value(round(WEIGHTS[dimension] * share))


def cofinancing_demand(low, high):
    """What a measure's co-financing bounds tell about the local budget's share.

    LOW: it may be small (either bound within LOW_COFINANCING_PERCENT); HIGH: at least a known
    minimum above it; UNKNOWN: nothing given, or only a maximum above it (the share may be
    anything up to it). `_cofinancing_points()` is the same rule in SQL.
    """
    if any(bound is not None and bound <= LOW_COFINANCING_PERCENT for bound in (low, high)):
        return LOW
    return HIGH if low is not None else UNKNOWN


def _cofinancing_points(output_field):
    may_be_low = Q(cofinancing_min__lte=LOW_COFINANCING_PERCENT) | Q(
        cofinancing_max__lte=LOW_COFINANCING_PERCENT
    )
    return Case(
        When(may_be_low, then=_points("cofinancing")),
        When(cofinancing_min__isnull=False, then=_points("cofinancing", UNTARGETED_SHARE / 2)),
        default=_points("cofinancing", UNTARGETED_SHARE),
        output_field=output_field,
    )


def annotate_match(queryset, profile):
    municipality = profile.municipality
    model = queryset.model
    regions = model.regions.through.objects.filter(supportmeasure_id=OuterRef("pk"))
    places = model.municipalities.through.objects.filter(supportmeasure_id=OuterRef("pk"))
    spheres = model.spheres.through.objects.filter(
        supportmeasure_id=OuterRef("pk"), sphere_id__in=profile.related_sphere_ids()
    )
    queryset = queryset.annotate(
        match_targets_region=Exists(regions.filter(region_id=municipality.region_id)),
        match_targets_place=Exists(places),
        match_follows_sphere=Exists(spheres)
        if profile.sphere_ids
        else Value(False, output_field=BooleanField()),
    )
    int_field = IntegerField()
    score = (
        Case(
            When(
                Q(match_targets_place=True) | Q(match_targets_region=True),
                then=_points("territory"),
            ),
            default=_points("territory", UNTARGETED_SHARE),
            output_field=int_field,
        )
        + Case(
            When(municipality_types=[], then=_points("type", UNTARGETED_SHARE)),
            default=_points("type"),
            output_field=int_field,
        )
        + Case(
            When(
                Q(population_min__isnull=True, population_max__isnull=True),
                then=_points("population", UNTARGETED_SHARE),
            ),
            default=_points("population"),
            output_field=int_field,
        )
        + Case(When(match_follows_sphere=True, then=_points("spheres")), default=Value(0))
        + _cofinancing_points(int_field)
    )
    return queryset.annotate(match_score=score).order_by(
        "-match_score", F("closes_on").asc(nulls_last=True), "pk"
    )
