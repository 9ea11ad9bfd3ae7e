"""The JSON autocomplete endpoint and the no-JavaScript chooser page."""

import pytest
from django.urls import reverse

from portal.municipalities.models import Municipality

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("municipalities:autocomplete")
CHOOSE = reverse("municipalities:choose")


def names(response):
    return [result["name"] for result in response.json()["results"]]


def test_autocomplete_answers_anyone_in_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(AUTOCOMPLETE, {"q": "Новосибирск"})

    assert response.status_code == 200
    assert names(response)[0] == "Новосибирск"
    assert "public" in response["Cache-Control"]


def test_autocomplete_tolerates_a_typo(client):
    assert names(client.get(AUTOCOMPLETE, {"q": "Красноярк"}))[0] == "Красноярск"
    assert names(client.get(AUTOCOMPLETE, {"q": "Нижний Новгрод"}))[0] == "Нижний Новгород"


def test_autocomplete_puts_names_starting_with_the_query_first(client):
    found = names(client.get(AUTOCOMPLETE, {"q": "Самар"}))

    assert found[0] == "Самара"
    assert "Самарский район" in found


def test_autocomplete_results_carry_the_full_name_kind_and_oktmo(client):
    result = client.get(AUTOCOMPLETE, {"q": "Кировский район"}).json()["results"][0]
    municipality = Municipality.objects.get(pk=result["id"])

    assert result["text"] == municipality.full_name
    assert result["kind"] == "внутригородской район"
    assert result["oktmo"] == municipality.oktmo
    assert "(" in result["text"]


def test_autocomplete_returns_at_most_the_requested_limit_capped_at_twenty(client):
    assert len(names(client.get(AUTOCOMPLETE, {"q": "ское", "limit": 3}))) == 3
    assert len(names(client.get(AUTOCOMPLETE, {"q": "ское", "limit": 500}))) == 20
    assert len(names(client.get(AUTOCOMPLETE, {"q": "ское", "limit": "много"}))) == 10


def test_autocomplete_ignores_queries_too_short_to_be_useful_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(AUTOCOMPLETE, {"q": " К "})

    assert response.json() == {"results": []}


def test_autocomplete_only_answers_get(client):
    assert client.post(AUTOCOMPLETE, {"q": "Уфа"}).status_code == 405


def test_the_chooser_lists_matches_as_links_back_to_the_form(client):
    response = client.get(
        CHOOSE, {"q": "Ижевск", "next": "/accounts/signup/?step=2", "field": "city"}
    )
    izhevsk = Municipality.objects.get(name="Ижевск")

    assert response.status_code == 200
    assert f'href="/accounts/signup/?step=2&amp;city={izhevsk.pk}"' in response.content.decode()


def test_the_chooser_ignores_a_next_address_on_another_site(client):
    response = client.get(CHOOSE, {"q": "Ижевск", "next": "https://evil.example/"})

    assert response.context["next_url"] == ""
    assert 'href="https://evil.example' not in response.content.decode()
    assert "введите в поле его полное название или код ОКТМО" in response.content.decode()


def test_the_chooser_finds_by_oktmo_code_prefix(client):
    izhevsk = Municipality.objects.get(name="Ижевск")

    response = client.get(CHOOSE, {"q": izhevsk.oktmo[:5]})

    assert izhevsk.full_name in response.content.decode()


def test_the_chooser_lists_a_region_without_a_query_in_bounded_queries(
    client, django_assert_max_num_queries
):
    region = Municipality.objects.get(name="Казань").region

    with django_assert_max_num_queries(4):
        response = client.get(CHOOSE, {"region": region.pk})

    content = response.content.decode()
    assert "Казань" in content and "Зеленодольский муниципальный район" in content
    assert "Самара" not in content


def test_the_chooser_says_when_there_are_more_results_than_it_shows(client):
    region = Municipality.objects.get(name="Арбат").region

    response = client.get(CHOOSE, {"region": region.pk})

    assert response.context["has_more"] is False
    assert len(response.context["choices"]) == Municipality.objects.filter(region=region).count()
    many = client.get(CHOOSE, {"q": "ское"})
    assert many.context["has_more"] is True
    assert "Показаны первые 50" in many.content.decode()


def test_the_empty_chooser_shows_only_the_search_form_with_labels(client):
    response = client.get(CHOOSE)
    content = response.content.decode()

    assert response.status_code == 200
    assert '<label for="id_q">' in content and '<label for="id_region">' in content
    assert "Найдено" not in content
