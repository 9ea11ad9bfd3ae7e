"""The public JSON API of the catalogue: same filters, public fields only, paginated, bounded."""

import json

import pytest

from practices.models import BudgetLine, Indicator
from tests.practices.factories import PracticeFactory
from tests.practices.test_authoring import XSS

pytestmark = pytest.mark.django_db
URL = "/practices/api/practices/"


def test_the_api_lists_published_practices_with_public_fields_only(client):
    practice = PracticeFactory(
        contact_name="Иванова Анна", contact_email="anna@example.ru", contact_phone="+7 900"
    )
    Indicator.objects.create(practice=practice, name="Очередь", unit="детей", before=600, after=40)
    BudgetLine.objects.create(practice=practice, source="local", amount=1000)
    PracticeFactory(live=False, title="Черновик")
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == 1 and data["pages"] == 1
    (item,) = data["results"]
    assert item["slug"] == practice.slug
    assert item["indicators"] == [
        {"name": "Очередь", "unit": "детей", "before": "600", "after": "40", "measured_on": None}
    ]
    assert item["budget_lines"] == [{"source": "local", "amount": 1000}]
    text = response.content.decode()
    for secret in ("Иванова", "anna@example.ru", "+7 900", "contact", "author"):
        assert secret not in text


def test_the_api_uses_the_catalogue_filters_and_reports_invalid_ones(client):
    here = PracticeFactory(started_year=2020)
    PracticeFactory(started_year=2022)
    data = client.get(URL, {"year": "2020", "budget_min": "много"}).json()
    assert [item["slug"] for item in data["results"]] == [here.slug]
    assert "budget_min" in data["errors"]


def test_the_api_paginates_and_survives_bad_pages(client):
    for _ in range(3):
        PracticeFactory()
    data = client.get(URL, {"per_page": "2", "page": "2"}).json()
    assert (data["count"], data["pages"], data["page"], len(data["results"])) == (3, 2, 2, 1)
    assert client.get(URL, {"page": "999"}).json()["page"] == 1
    assert client.get(URL, {"per_page": "100000"}).json()["per_page"] == 100
    assert client.get(URL, {"page": "abc"}).status_code == 400


def test_user_text_in_the_api_is_inert(client):
    PracticeFactory(title=XSS, key_result=XSS)
    response = client.get(URL)
    raw = response.content.decode()
    assert "<script" not in raw and "<img" not in raw
    assert response.json()["results"][0]["title"] == XSS  # still the same text once parsed
    assert response["X-Content-Type-Options"] == "nosniff"
    json.loads(raw)


def test_the_api_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(30):
        practice = PracticeFactory()
        Indicator.objects.create(practice=practice, name=f"П{number}", unit="%", before=1, after=2)
        BudgetLine.objects.create(practice=practice, source="local", amount=5)
    with django_assert_max_num_queries(8):
        data = client.get(URL, {"per_page": "30"}).json()
    assert len(data["results"]) == 30
