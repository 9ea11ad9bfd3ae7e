"""Shared users per role, and the headless browser for end-to-end tests.

Reference data that migrations ship (roles and their permissions, spheres, municipalities, the
Wagtail root page, synonyms) is put back after a transactional test by ONE mechanism: Django's
serialized rollback, switched on here for every transactional or browser test and replayed in
its teardown when an ordinary test follows on the same xdist worker. With it the test flush
sends no `post_migrate`, so `portal.accounts.role_groups` does not take part; write no fixture
that recreates shipped data.
"""

import os
import shutil

import pytest
from allauth.mfa.models import Authenticator

from portal.accounts import roles
from tests.factories import MunicipalityFactory, UserFactory

# Shared fixtures kept in their own modules.
pytest_plugins = ["tests.portal.fake_elasticsearch"]


def pytest_collection_modifyitems(items):
    """Transactional tests (browser tests) flush the database when they end, which would also
    remove what migrations ship: roles, spheres, municipalities, the Wagtail root page.
    Serialized rollback puts that data back for the tests that follow."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (
            "live_server" in item.fixturenames or "transactional_db" in item.fixturenames
        )
        if marker is not None and marker.kwargs.get("transaction"):
            transactional = True
        if transactional:
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return marker is not None and bool(marker.kwargs.get("transaction"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush, and serialized rollback restores the data only when
    the next transactional test starts. Under xdist a worker may run an ordinary test next, so
    the data is put back here for it."""
    yield
    if _is_transactional(item) and nextitem is not None and not _is_transactional(nextitem):
        _restore_serialized_data(item.config)


def _restore_serialized_data(config):
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias in connections:
            connection = connections[alias]
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep serialized rollback working after a browser test.

    Django keeps the serialized data on the connection object, and connection objects are
    per context (asgiref Local). Once Playwright has run, its greenlets leave the tests in
    another context, whose new connections lack the data: transactional tests then silently
    skip the restore. On the class, every connection object of the alias sees it.

    For the same reason a connection opened in that other context is out of reach when the
    test database is dropped; it is ended on the server side first.
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents
    yield
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    from django.core.cache import cache

    from portal.search import synonyms

    cache.clear()
    # The synonym table's version is also held for a second by the process: a table a
    # previous test changed (and rolled back) must not serve this one.
    synonyms._checked = (float("-inf"), "")
    yield
    cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def employee(db, municipality):
    return UserFactory(municipality=municipality, roles=[roles.EMPLOYEE])


@pytest.fixture
def other_employee(db):
    return UserFactory(roles=[roles.EMPLOYEE])


@pytest.fixture
def unverified_user(db, municipality):
    return UserFactory(municipality=municipality, is_verified=False)


@pytest.fixture
def editor(db):
    return UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.EDITOR])


@pytest.fixture
def moderator(db):
    return UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])


@pytest.fixture
def lawyer(db):
    return UserFactory(is_staff=True, roles=[roles.LAWYER])


@pytest.fixture
def expert(db):
    return UserFactory(is_staff=True, roles=[roles.EXPERT])


@pytest.fixture
def administrator(db):
    return UserFactory(is_staff=True, is_superuser=True, roles=[roles.ADMINISTRATOR])


@pytest.fixture
def administrator_client(client, administrator):
    """The administrator signed in with a second factor, as Django admin asks of staff."""
    Authenticator.objects.create(user=administrator, type=Authenticator.Type.TOTP, data={})
    client.force_login(administrator)
    return client


CHROMIUM_ARGS = [
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright; Playwright's own browser downloads are not used."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium")
    args = [*CHROMIUM_ARGS, *(["--no-sandbox"] if os.geteuid() == 0 else [])]
    # Playwright runs an event loop in this thread; Django's ORM calls from tests are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=args, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


@pytest.fixture
def cms_client(client):
    """A client that signs staff users in with two-factor authentication set up, as the
    admin and Wagtail require of staff."""
    from allauth.mfa.totp.internal.auth import TOTP

    def sign_in(user):
        TOTP.activate(user, "CMSCLIENTTESTTOTPSECRET234567ABC")
        client.force_login(user)
        return client

    return sign_in
