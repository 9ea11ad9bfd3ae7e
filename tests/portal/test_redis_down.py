# ruff: noqa: F811 — the redis_server fixture is imported and used as an argument.
"""Redis down (REDIS_URL set): pages still serve from the database, signed-in users stay signed
in, and sign-in refuses rather than letting guesses through uncounted.

A real redis-server (started here on a free port) is the cache; the test stops and starts it.
The cache and session settings are the ones `portal/settings.py` uses with REDIS_URL.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.factories import TEST_PASSWORD, UserFactory
from tests.portal.redis_server import redis_server  # noqa: F401

LOGIN = "/accounts/login/"
PAGES = ["/cabinet/", "/legal/", "/navigator/", "/search/?q=бюджет", "/practices/"]
# Every failed cache call costs at most the socket timeout: a page answers well within this.
QUICK_SECONDS = 5


@pytest.fixture
def redis_cache(redis_server, settings, db):
    settings.CACHES = {"default": {**settings.REDIS_CACHE_BACKEND, "LOCATION": redis_server.url()}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_server


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def confirmed_user():
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_pages_serve_and_a_signed_in_user_stays_signed_in_while_redis_is_down(client, redis_cache):
    user = confirmed_user()
    response = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert cache.get(f"django.contrib.sessions.cached_db{client.session.session_key}")

    redis_cache.stop()
    for url in PAGES:
        response, seconds = timed_get(client, url)
        assert response.status_code == 200, url
        assert seconds < QUICK_SECONDS, (url, seconds)
        assert response.wsgi_request.user == user, url

    redis_cache.start()
    response, _ = timed_get(client, "/cabinet/")
    assert response.status_code == 200 and response.wsgi_request.user == user
    cache.set("portal:redis-is-back", 1)
    assert cache.get("portal:redis-is-back") == 1


def test_sign_in_refuses_while_redis_is_down_and_works_when_it_is_back(client, redis_cache):
    user = confirmed_user()
    redis_cache.stop()
    started = time.monotonic()
    refused = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert time.monotonic() - started < QUICK_SECONDS
    assert refused.status_code in {200, 429}
    assert "_auth_user_id" not in client.session

    redis_cache.start()
    accepted = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
