"""Population bands of municipalities: the facet «Численность населения» of the lists.

A band is a half-open range of `Municipality.population` [low, high); the last one is open
upwards. Slugs are plain text safe in a query string (no «+»).
"""

from dataclasses import dataclass

from django.db.models import CharField, Q, Value
from django.db.models.expressions import Case, When


@dataclass(frozen=True)
class PopulationBand:
    slug: str
    label: str
    low: int
    high: int | None = None

    def q(self, field="population"):
        condition = Q(**{f"{field}__gte": self.low})
        if self.high is not None:
            condition &= Q(**{f"{field}__lt": self.high})
        return condition


POPULATION_BANDS = (
    PopulationBand("0-5", "до 5 тыс.", 0, 5_000),
    PopulationBand("5-20", "5–20 тыс.", 5_000, 20_000),
    PopulationBand("20-100", "20–100 тыс.", 20_000, 100_000),
    PopulationBand("100-500", "100–500 тыс.", 100_000, 500_000),
    PopulationBand("500-", "свыше 500 тыс.", 500_000),
)
BAND_CHOICES = [(band.slug, band.label) for band in POPULATION_BANDS]
_BY_SLUG = {band.slug: band for band in POPULATION_BANDS}


def population_in_bands(slugs, field="population"):
    """A condition: the population lies in any of the bands named by `slugs`."""
    condition = Q()
    for slug in slugs:
        condition |= _BY_SLUG[slug].q(field)
    return condition


def population_band(field="population"):
    """An expression: the slug of the band the population lies in."""
    return Case(
        *(When(band.q(field), then=Value(band.slug)) for band in POPULATION_BANDS),
        output_field=CharField(),
    )
