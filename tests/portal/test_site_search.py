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


def test_news_events_and_pages_are_found_by_the_pages_provider():
    from portal.pages.search import site_search
    from tests.portal.page_helpers import add_event, add_news, add_standard, home_with_indexes

    home, news_index, events_index = home_with_indexes()
    add_news(news_index, 1, lead="Субсидии на благоустройство дворов")
    add_event(events_index, 1, days_from_now=3, lead="Вебинар про субсидии")
    add_standard(home, "help", "Помощь")
    add_news(news_index, 2, draft=True, lead="Черновик про субсидии")
    items, total = site_search("субсидии", None, 5)
    assert total == 2
    assert {item["kind"] for item in items} == {"Новость", "Мероприятие"}
    assert {item["url"] for item in items} == {"/news/news-1/", "/events/event-1/"}


def test_pages_provider_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    from portal.pages.search import site_search
    from tests.portal.page_helpers import add_news, home_with_indexes

    _, news_index, _ = home_with_indexes()
    for number in range(8):
        add_news(news_index, number, lead="Новость про гранты")
    with django_assert_max_num_queries(8):
        items, total = site_search("гранты", None, 5)
    assert len(items) == 5
    assert total == 8
