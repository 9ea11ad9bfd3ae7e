import pytest

from tests.portal.page_helpers import home_with_indexes

pytestmark = pytest.mark.django_db


def test_switch_turns_the_version_on_and_remembers_it_for_a_year(client):
    response = client.post("/accessibility/", {"next": "/news/"})
    assert response.status_code == 302
    assert response["Location"] == "/news/"
    cookie = response.cookies["low_vision"]
    assert cookie.value == "1"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["samesite"] == "Lax"


def test_switch_turns_the_version_off_when_it_is_on(client):
    client.cookies["low_vision"] = "1"
    response = client.post("/accessibility/", {"next": "/"})
    assert response.cookies["low_vision"].value == ""
    assert response.cookies["low_vision"]["max-age"] == 0


def test_switch_never_redirects_to_another_site(client):
    response = client.post("/accessibility/", {"next": "https://evil.example.com/"})
    assert response["Location"] == "/"


def test_switch_only_accepts_post(client):
    assert client.get("/accessibility/").status_code == 405


def test_switch_works_without_a_csrf_token_because_it_only_sets_a_preference():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accessibility/", {"next": "/"})
    assert response.status_code == 302


def test_pages_get_the_low_vision_class_and_a_pressed_switch_when_it_is_on(client):
    home_with_indexes()
    client.cookies["low_vision"] = "1"
    html = client.get("/news/").content.decode()
    assert '<html lang="ru" class="low-vision">' in html
    assert 'aria-pressed="true">Обычная версия</button>' in html


def test_pages_look_normal_and_offer_the_switch_when_it_is_off(client):
    home_with_indexes()
    html = client.get("/news/").content.decode()
    assert "low-vision" not in html.split("<head>")[0]
    assert 'aria-pressed="false">Версия для слабовидящих</button>' in html
    assert 'name="next" value="/news/"' in html
