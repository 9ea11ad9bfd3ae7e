# ruff: noqa: F811 — the catalogue fixture is imported and used as an argument.
"""The catalogue's column snapshot lists exactly what `PracticeFilter` lists in SQL, in the
same order for every sort, and a page loads only its own cards."""

import random
from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.utils import timezone

from portal.models import Sphere
from practices import catalogue_index
from practices.catalogue_index import CatalogueQuery
from practices.filters import ADOPTED_CHOICES, SORT_CHOICES, PracticeFilter
from practices.list_cards import cards
from practices.models import Adoption, Practice
from tests.factories import MunicipalityFactory, RegionFactory
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_facets import catalogue  # noqa: F401

pytestmark = pytest.mark.django_db


def _random_filters(catalogue, rng):
    facts = catalogue["facts"]
    options = {
        "sphere": [s.slug for s in Sphere.objects.filter(slug__in=["zhkh", "zhkh-1", "roads-1"])],
        "region": sorted({fact["region"] for fact in facts}),
        "kind": sorted({fact["kind"] for fact in facts}),
        "population": sorted({fact["population"] for fact in facts}),
        "year": ["2020", "2021"],
    }
    for _ in range(40):
        data = {
            name: rng.sample(values, rng.randint(1, 2))
            for name, values in options.items()
            if rng.random() < 0.35
        }
        for flag in ("award", "measured"):
            if rng.random() < 0.2:
                data[flag] = "on"
        if rng.random() < 0.3:
            data["adopted"] = rng.choice(ADOPTED_CHOICES)[0]
        if rng.random() < 0.2:
            data["budget_max"] = "2000000"
        if rng.random() < 0.3:
            data["q"] = "очередь"
        data["sort"] = rng.choice(SORT_CHOICES)[0]
        yield data


def test_the_snapshot_lists_what_the_filter_lists(catalogue):
    ranked = Practice.objects.published()[:6]
    for number, practice in enumerate(ranked):  # different «полезно» and adoption counts
        for _ in range(number % 3):
            Adoption.objects.create(practice=practice, municipality=MunicipalityFactory())
    for data in _random_filters(catalogue, random.Random(5)):
        filterset = PracticeFilter.for_query(data)
        query = CatalogueQuery.of(filterset)
        expected = list(filterset.qs.values_list("pk", flat=True))
        assert query.snapshot.ids(query.ordered()) == expected, data


def test_a_page_reads_only_its_cards(catalogue, django_assert_max_num_queries):
    query = CatalogueQuery.of(PracticeFilter.for_query({"sort": "adopted"}))
    paginator = Paginator(query.page_source(cards), 5)
    with django_assert_max_num_queries(2):  # the cards and their spheres
        page = list(paginator.get_page(2).object_list)
    expected = list(PracticeFilter.for_query({"sort": "adopted"}).qs[5:10])
    assert [card.pk for card in page] == [practice.pk for practice in expected]


def test_a_new_practice_is_counted_on_the_next_page(client, catalogue):
    before = client.get("/practices/", {"kind": "rural_settlement"}).context["page_obj"]
    PracticeFactory(municipality=MunicipalityFactory(kind="rural_settlement"))
    after = client.get("/practices/", {"kind": "rural_settlement"}).context["page_obj"]
    assert after.paginator.count == before.paginator.count + 1


def test_an_adoption_changes_the_adopted_facet_at_once(catalogue):
    counts = CatalogueQuery.of(PracticeFilter.for_query({})).facet_counts()["adopted"]
    never = Practice.objects.published().exclude(adoptions__isnull=False).first()
    Adoption.objects.create(practice=never, municipality=MunicipalityFactory())
    again = CatalogueQuery.of(PracticeFilter.for_query({})).facet_counts()["adopted"]
    assert again["1"] == counts["1"] + 1
    assert catalogue_index.current().numbers["adoptions"].max() >= 1


def test_the_snapshot_relates_practices_to_a_measure_as_the_query_does(
    django_assert_max_num_queries,
):
    rng = random.Random(3)
    spheres = list(Sphere.objects.filter(slug__in=["urban-1", "urban-2", "roads-1", "zhkh"]))
    regions = [RegionFactory(code=code) for code in ("61", "62")]
    measures = [
        SupportMeasureFactory(
            spheres=rng.sample(spheres, rng.randint(0, 2)), regions=rng.sample(regions, 1)
        )
        for _ in range(6)
    ]
    for day in range(24):
        PracticeFactory(
            spheres=rng.sample(spheres, rng.randint(1, 2)),
            support_measures=rng.sample(measures, rng.randint(0, 1)),
            municipality=MunicipalityFactory(region=rng.choice(regions)),
            first_published_at=timezone.now() - timedelta(days=day % 7),
        )
    for measure in measures:
        expected = list(Practice.objects.related_to_measure(measure))
        catalogue_index.current()  # built before counting the measure's own queries
        with django_assert_max_num_queries(5):
            assert catalogue_index.related_to_measure(measure) == expected


def test_a_measure_asks_the_query_while_the_snapshot_misses_a_saved_practice(settings):
    yards = Sphere.objects.get(slug="urban-2")
    measure = SupportMeasureFactory(spheres=[yards])
    catalogue_index.current()
    settings.COLUMN_INDEX_MIN_AGE = 600  # the old snapshot stays in use
    new = PracticeFactory(spheres=[yards])
    assert catalogue_index.related_to_measure(measure) == [new]
