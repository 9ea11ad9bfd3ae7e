"""Measures limited to particular municipalities: the page, the region filter and facet, the API."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from navigator.facets import Facets
from navigator.filters import MeasureFilter
from tests.factories import MunicipalityFactory, RegionFactory
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    """Two regions, a town in the first one and a one-town measure for it."""
    vladimir, moscow = RegionFactory(code="33"), RegionFactory(code="77")
    town = MunicipalityFactory(name="Город Гусь-Хрустальный", region=vladimir)
    SupportMeasureFactory(title="Для одного города", municipalities=[town])
    return vladimir, moscow, town


def found(query):
    return set(MeasureFilter.for_query(QueryDict(query)).qs.values_list("title", flat=True))


def region_counts(query=""):
    options = Facets(MeasureFilter.for_query(QueryDict(query))).region()
    return {option.value: option.count for option in options}


def test_the_page_names_the_municipalities_instead_of_all_of_russia(client, places):
    measure = SupportMeasureFactory(title="Ещё одна", municipalities=[places[2]])
    html = client.get(reverse("navigator:measure", args=[measure.slug])).content.decode()
    region = places[0].name
    assert f"только в муниципалитетах: Город Гусь-Хрустальный ({region})" in html
    assert "вся Россия" not in html


def test_the_page_still_says_all_of_russia_or_lists_regions(client):
    nationwide = SupportMeasureFactory()
    region = RegionFactory(code="69")
    regional = SupportMeasureFactory(regions=[region])
    page = client.get(reverse("navigator:measure", args=[nationwide.slug])).content.decode()
    assert "<dt>Где действует</dt><dd>вся Россия</dd>" in page
    page = client.get(reverse("navigator:measure", args=[regional.slug])).content.decode()
    assert f"<dt>Где действует</dt><dd>{region.name}</dd>" in page


def test_the_region_filter_finds_a_one_town_measure_only_in_the_towns_region(places):
    SupportMeasureFactory(title="Вся Россия")
    assert found("region=33") == {"Для одного города", "Вся Россия"}
    assert found("region=77") == {"Вся Россия"}


def test_municipalities_must_lie_in_a_listed_region_too(places):
    vladimir, moscow, town = places
    SupportMeasureFactory(
        title="Регионы и город", regions=[vladimir, moscow], municipalities=[town]
    )
    assert "Регионы и город" in found("region=33")
    assert "Регионы и город" not in found("region=77")


def test_region_counts_are_what_the_filter_finds(places):
    vladimir, moscow, town = places
    SupportMeasureFactory(title="Вся Россия")
    SupportMeasureFactory(regions=[moscow])
    SupportMeasureFactory(regions=[vladimir, moscow], municipalities=[town])
    # Two towns of one region: the measure still counts once there.
    SupportMeasureFactory(municipalities=[town, MunicipalityFactory(region=vladimir)])
    counts = region_counts()
    for code in ("33", "77"):
        assert counts[code] == len(found(f"region={code}")), code
    assert (counts["33"], counts["77"], counts["44"]) == (4, 2, 1)


def test_the_api_lists_the_municipalities(client, places):
    item = client.get(reverse("navigator:api_measures")).json()["results"][0]
    assert item["regions"] == []
    assert item["municipalities"] == [places[2].oktmo]
