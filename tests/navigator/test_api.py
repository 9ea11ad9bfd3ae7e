import pytest
from django.urls import reverse

from navigator.models import MeasureKind
from tests.factories import RegionFactory
from tests.navigator.factories import SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db
URL = reverse("navigator:api_measures")


def test_api_returns_measures_with_their_facts(client):
    sphere = SphereFactory(slug="kultura")
    region = RegionFactory(code="47")
    SupportMeasureFactory(
        title="Грант на сельские клубы",
        kind=MeasureKind.GRANT,
        spheres=[sphere],
        regions=[region],
        amount_min=100,
        amount_max=900,
    )
    body = client.get(URL).json()
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    item = body["results"][0]
    assert item["title"] == "Грант на сельские клубы"
    assert item["kind"] == {"code": "grant", "name": "грант"}
    assert item["spheres"] == ["kultura"] and item["regions"] == ["47"]
    assert item["amount"] == {"min": 100, "max": 900}
    assert item["status"] == "open"
    assert item["url"].startswith("http://testserver/navigator/measures/")


def test_api_uses_the_same_filter_as_the_list(client):
    SupportMeasureFactory(title="Грант", kind=MeasureKind.GRANT)
    SupportMeasureFactory(title="Кредит", kind=MeasureKind.BUDGET_LOAN)
    SupportMeasureFactory(title="Черновик", kind=MeasureKind.GRANT, live=False)
    body = client.get(URL, {"kind": "grant"}).json()
    assert [item["title"] for item in body["results"]] == ["Грант"]


def test_api_is_paginated_with_links(client):
    SupportMeasureFactory.create_batch(5)
    first = client.get(URL, {"page_size": 2}).json()
    assert first["count"] == 5 and first["pages"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None and "page=2" in first["next"]
    last = client.get(URL, {"page_size": 2, "page": 3}).json()
    assert len(last["results"]) == 1 and last["next"] is None


def test_api_refuses_invalid_parameters_and_pages(client):
    bad = client.get(URL, {"population": "много"})
    assert bad.status_code == 400 and "population" in bad.json()["errors"]
    assert client.get(URL, {"page": 99}).status_code == 404


def test_api_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    SupportMeasureFactory.create_batch(30, spheres=[SphereFactory()], regions=[RegionFactory()])
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"page_size": 30})
    assert len(response.json()["results"]) == 30
