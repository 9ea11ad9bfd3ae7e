"""Shared users per role, and the headless browser for end-to-end tests."""

import os
import shutil

import pytest

from portal.accounts import roles
from tests.factories import MunicipalityFactory, UserFactory


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


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    from django.core.cache import cache

    cache.clear()
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
