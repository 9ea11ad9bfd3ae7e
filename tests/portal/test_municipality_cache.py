"""The signed-in user's municipality comes from the cache, and a change shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MunicipalityFactory


def _municipality_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/cabinet/")
    assert response.status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    return response, [text for text in sql if '"municipalities_' in text]


def test_the_municipality_of_a_signed_in_user_is_read_once_then_cached(client, employee):
    client.force_login(employee)
    first, first_queries = _municipality_queries(client)
    second, second_queries = _municipality_queries(client)
    assert first_queries
    assert second_queries == []
    assert employee.municipality.full_name in second.content.decode()


def test_renaming_the_municipality_shows_the_new_name(client, employee):
    client.force_login(employee)
    _municipality_queries(client)
    employee.municipality.name = "Городской округ Переименованный"
    employee.municipality.save()
    response, _queries = _municipality_queries(client)
    assert "Городской округ Переименованный" in response.content.decode()


def test_renaming_the_region_or_the_district_shows_the_new_name(client, employee):
    municipality = employee.municipality
    district = MunicipalityFactory(region=municipality.region, name="Район Старый")
    municipality.parent = district
    municipality.save()
    client.force_login(employee)
    assert "Район Старый" in _municipality_queries(client)[0].content.decode()
    district.name = "Район Новый"
    district.save()
    municipality.region.name = "Область Новая"
    municipality.region.save()
    html = _municipality_queries(client)[0].content.decode()
    assert "Район Новый" in html and "Область Новая" in html


def test_a_territory_read_from_the_cache_follows_a_renamed_region(employee):
    from types import SimpleNamespace

    from portal.municipalities.caching import with_cached_territory

    municipality = employee.municipality
    act = with_cached_territory(
        SimpleNamespace(region_id=municipality.region_id, municipality_id=municipality.pk)
    )
    assert act.region == municipality.region and act.municipality == municipality
    municipality.region.name = "Область Переименованная"
    municipality.region.save()
    again = with_cached_territory(SimpleNamespace(region_id=municipality.region_id))
    assert again.region.name == "Область Переименованная"
