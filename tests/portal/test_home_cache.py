import pytest
from django.core.cache import cache

from portal.pages.cache import bump_home_cache, home_cache_version
from portal.pages.models import SiteContacts
from tests.factories import TEST_PASSWORD
from tests.portal.page_helpers import add_news, home_with_indexes

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return home_with_indexes()


def test_second_anonymous_visit_is_served_from_the_cache_without_sql(
    client, tree, django_assert_num_queries
):
    first = client.get("/")
    # Not even Wagtail's routing runs: the cached copy is returned before it.
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def test_cached_copy_still_gets_the_security_headers(client, tree):
    client.get("/")
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_publishing_news_refreshes_the_cached_home_page(client, tree):
    _, news_index, _ = tree
    news = add_news(news_index, 1, draft=True)
    assert "Новость номер 1" not in client.get("/").content.decode()
    news.save_revision().publish()
    assert "Новость номер 1" in client.get("/").content.decode()


def test_unpublishing_news_removes_it_from_the_cached_home_page(client, tree):
    _, news_index, _ = tree
    news = add_news(news_index, 1)
    assert "Новость номер 1" in client.get("/").content.decode()
    news.unpublish()
    assert "Новость номер 1" not in client.get("/").content.decode()


def test_deleting_a_page_refreshes_the_cached_home_page(client, tree):
    _, news_index, _ = tree
    news = add_news(news_index, 1)
    assert "Новость номер 1" in client.get("/").content.decode()
    news.delete()
    assert "Новость номер 1" not in client.get("/").content.decode()


def test_bump_home_cache_changes_the_version_other_apps_rely_on(tree):
    before = home_cache_version()
    bump_home_cache()
    assert home_cache_version() != before


def test_low_vision_visitors_get_their_own_cached_copy(client, tree):
    assert 'class="low-vision"' not in client.get("/").content.decode()
    client.cookies["low_vision"] = "1"
    assert '<html lang="ru" class="low-vision">' in client.get("/").content.decode()


def test_signed_in_users_never_get_the_anonymous_copy(client, tree, employee):
    client.get("/")
    client.login(email=employee.email, password=TEST_PASSWORD)
    html = client.get("/").content.decode()
    assert "Личный кабинет" in html
    assert "Регистрация" not in html


def test_the_anonymous_copy_has_no_csrf_token_to_leak_between_visitors(client, tree):
    client.get("/")
    assert "csrfmiddlewaretoken" not in client.get("/").content.decode()


def test_footer_contacts_follow_the_site_settings_and_stay_cached(
    client, tree, django_assert_max_num_queries
):
    assert "support@municipalitety.local" in client.get("/", {"x": 1}).content.decode()
    contacts = SiteContacts.for_site(tree[0].get_site())
    contacts.support_email = "help@example.ru"
    contacts.save()
    assert cache.get("pages:site-contacts") is None
    assert "help@example.ru" in client.get("/", {"x": 2}).content.decode()
