"""The facet index answers exactly as the database filter would, and costs no more queries as
the measures grow."""

import random
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone

from navigator import facet_index, listcache
from navigator.facets import Facets
from navigator.filters import MeasureFilter
from navigator.models import MeasureKind, MeasureLevel, SupportMeasure
from navigator.views.listing import page_of_measures
from portal.municipalities.models import MunicipalityType
from tests.factories import MunicipalityFactory, RegionFactory
from tests.navigator.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    SphereFactory,
    SupportMeasureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied():
    """Measures spread over every facet, with the edge cases of the territory rule."""
    rng = random.Random(3)
    today = timezone.localdate()
    north, south, east = (RegionFactory() for _ in range(3))
    towns = [MunicipalityFactory(region=north), MunicipalityFactory(region=south)]
    direction = SphereFactory()
    spheres = [direction, SphereFactory(parent=direction), SphereFactory(parent=direction)]
    spheres.append(SphereFactory())
    organisers = OrganisationFactory.create_batch(3)
    national = ProgrammeFactory()
    federal = ProgrammeFactory(parent=national)
    programmes = [None, national, federal, ProgrammeFactory(parent=federal), ProgrammeFactory()]
    for _number in range(40):
        closes_on = today + timedelta(days=rng.randint(-40, 60))
        SupportMeasureFactory(
            kind=rng.choice(MeasureKind.values),
            level=rng.choice(MeasureLevel.values),
            organiser=rng.choice(organisers),
            programme=rng.choice(programmes),
            is_competitive=rng.random() < 0.5,
            opens_on=closes_on - timedelta(days=rng.randint(10, 60)),
            closes_on=rng.choice([closes_on, closes_on, None]),
            amount_max=rng.choice([None, 100_000 * rng.randint(1, 50)]),
            municipality_types=rng.sample(MunicipalityType.values, rng.choice([0, 1, 2])),
            spheres=rng.sample(spheres, rng.randint(0, 2)),
            regions=rng.sample([north, south, east], rng.choice([0, 0, 1, 2])),
            municipalities=rng.sample(towns, rng.choice([0, 0, 0, 1])),
        )
    SupportMeasureFactory(live=False, kind=MeasureKind.GRANT)
    return {
        "regions": [north, south, east],
        "spheres": spheres,
        "organisers": organisers,
        "programmes": [p for p in programmes if p],
    }


def _queries(varied, count=30):
    rng = random.Random(11)
    choices = [
        lambda: f"kind={rng.choice(MeasureKind.values)}",
        lambda: f"level={rng.choice(MeasureLevel.values)}",
        lambda: f"status={rng.choice(['upcoming', 'open', 'closed'])}",
        lambda: f"competitive={rng.choice(['yes', 'no'])}",
        lambda: f"sphere={rng.choice(varied['spheres']).slug}",
        lambda: f"region={rng.choice(varied['regions']).code}",
        lambda: f"organiser={rng.choice(varied['organisers']).slug}",
        lambda: f"programme={rng.choice(varied['programmes']).slug}",
        lambda: f"municipality_type={rng.choice(MunicipalityType.values)}",
        lambda: "amount_min=1000000",
    ]
    queries = ["", "kind=grant&kind=subsidy", "competitive=yes&competitive=no", "kind=bogus"]
    while len(queries) < count:
        queries.append("&".join(make() for make in rng.sample(choices, rng.randint(1, 4))))
    return queries


def _found(query):
    return list(MeasureFilter.for_query(QueryDict(query)).qs.values_list("pk", flat=True))


def _with_option(query, key, value):
    data = QueryDict(query, mutable=True)
    data.setlist(key, [value])
    return data.urlencode()


def test_the_index_finds_and_counts_what_the_database_filter_finds(varied):
    for query in _queries(varied):
        facets = Facets(MeasureFilter.for_query(QueryDict(query)))
        index = facets.index
        shown = [index.pks[n] for n in index.positions(facets.matching())]
        assert shown == _found(query), query
        for key, options in facets.as_dict().items():
            options = getattr(options, "shown", options) + getattr(options, "more", [])
            for option in options:
                expected = len(_found(_with_option(query, key, option.value)))
                assert option.count == expected, (query, key, option.value)
                for child in option.children:
                    expected = len(_found(_with_option(query, key, child.value)))
                    assert child.count == expected, (query, key, child.value)


def test_options_without_measures_are_not_offered_unless_chosen(varied):
    empty_region = RegionFactory()
    facets = Facets(MeasureFilter.for_query(QueryDict("kind=grant"))).as_dict()
    assert all(option.count > 0 for option in facets["region"])
    for key in ("kind", "level", "status", "competitive", "municipality_type", "sphere"):
        assert all(option.count > 0 for option in facets[key]), key
    SupportMeasure.objects.filter(regions__isnull=True, municipalities__isnull=True).update(
        live=False
    )
    listcache.bump_version()
    regions = Facets(MeasureFilter.for_query(QueryDict(""))).region()
    assert empty_region.code not in {option.value for option in regions}
    chosen = Facets(MeasureFilter.for_query(QueryDict(f"region={empty_region.code}"))).region()
    assert [(o.value, o.count, o.selected) for o in chosen if o.selected] == [
        (empty_region.code, 0, True)
    ]


@pytest.mark.parametrize("sort", ["closing", "amount", "newest"])
def test_the_page_from_the_index_keeps_the_order_of_the_database(varied, sort):
    for query in ["", "status=open", "kind=grant&region=" + varied["regions"][0].code]:
        query = f"{query}&sort={sort}" if query else f"sort={sort}"
        filterset = MeasureFilter.for_query(QueryDict(query))
        expected = list(filterset.qs.values_list("pk", flat=True))
        for number in (1, 2):
            page = page_of_measures(
                MeasureFilter.for_query(QueryDict(query)),
                number,
                Facets(MeasureFilter.for_query(QueryDict(query))),
            )
            assert page.paginator.count == len(expected)
            start = (page.number - 1) * 20
            assert [m.pk for m in page.object_list] == expected[start : start + 20], query


def test_a_change_of_a_measure_rebuilds_the_index(varied):
    before = Facets(MeasureFilter.for_query(QueryDict("kind=grant"))).matching().bit_count()
    SupportMeasureFactory(kind=MeasureKind.GRANT)
    after = Facets(MeasureFilter.for_query(QueryDict("kind=grant"))).matching().bit_count()
    assert after == before + 1


def test_the_index_is_rebuilt_when_it_grows_old(varied, monkeypatch):
    version = listcache.current_version()
    first = facet_index.current_index(MeasureFilter, version)
    assert facet_index.current_index(MeasureFilter, version) is first
    monkeypatch.setattr(first, "built_at", first.built_at - facet_index.MAX_AGE_SECONDS - 1)
    assert facet_index.current_index(MeasureFilter, version) is not first


def _add_measures(count):
    region = RegionFactory()
    for _ in range(count):
        SupportMeasureFactory(
            kind=MeasureKind.GRANT,
            programme=ProgrammeFactory(),
            regions=[region],
            spheres=[SphereFactory()],
        )


def test_facets_cost_no_query_once_the_index_is_built(
    django_assert_num_queries, django_assert_max_num_queries
):
    _add_measures(3)
    query = QueryDict("kind=grant&level=federal&status=open&municipality_type=urban_okrug")
    Facets(MeasureFilter.for_query(query)).as_dict()  # builds the index
    with django_assert_num_queries(0):
        Facets(MeasureFilter.for_query(query)).as_dict()
    # Building it is a fixed number of queries too, however many measures there are.
    cache.clear()
    with django_assert_max_num_queries(10) as few:
        Facets(MeasureFilter.for_query(query)).as_dict()
    _add_measures(30)
    with django_assert_num_queries(len(few.captured_queries)):
        Facets(MeasureFilter.for_query(query)).as_dict()
