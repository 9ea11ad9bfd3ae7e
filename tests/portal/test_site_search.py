import pytest

from portal import registry

pytestmark = pytest.mark.django_db


def fake_search(query, user, limit):
    items = [
        {
            "title": f"Практика «{query}» №{n}",
            "url": f"/practices/{n}/",
            "snippet": "<b>жирный</b> фрагмент",
            "kind": "практика",
        }
        for n in range(1, 8)
    ]
    return items[:limit], len(items)


@pytest.fixture
def provider(monkeypatch):
    provider = registry.SearchProvider(key="fake", title="Тестовый раздел", search=fake_search)
    monkeypatch.setattr(registry, "search_providers", {"fake": provider})
    monkeypatch.setattr("portal.views.search_providers", registry.search_providers)
    return provider


def test_search_page_without_a_query_only_shows_the_form(client, provider):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="site-search-q">' in html
    assert "Тестовый раздел" not in html


def test_search_shows_each_providers_group_with_its_total(client, provider):
    html = client.get("/search/", {"q": "дворы"}).content.decode()
    assert "Тестовый раздел" in html
    assert "найдено: 7" in html
    assert 'href="/practices/1/"' in html
    assert "Показаны первые 5 из 7" in html


def test_search_escapes_what_providers_and_users_send(client, provider):
    html = client.get("/search/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;b&gt;жирный&lt;/b&gt;" in html


def test_search_keeps_the_query_in_the_form(client, provider):
    html = client.get("/search/", {"q": "субсидии"}).content.decode()
    assert 'value="субсидии"' in html


def test_search_says_so_when_no_service_provides_search(client, monkeypatch):
    monkeypatch.setattr("portal.views.search_providers", {})
    html = client.get("/search/", {"q": "субсидии"}).content.decode()
    assert "Поиск пока не подключён" in html
