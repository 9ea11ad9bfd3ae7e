"""Fixtures of the academy's tests; users per role come from tests/conftest.py."""

import pytest

from academy.models import ManagerScope
from portal.accounts import roles
from tests.academy.factories import make_course, make_quiz
from tests.factories import MunicipalityFactory, UserFactory


@pytest.fixture(autouse=True)
def _signing_key(settings, tmp_path_factory):
    from academy import credentials

    settings.ACADEMY_DEV_KEY_PATH = tmp_path_factory.getbasetemp() / "academy-key.pem"
    credentials.private_key.cache_clear()
    yield
    credentials.private_key.cache_clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def quiz(db):
    return make_quiz()


@pytest.fixture
def course(db, quiz):
    return make_course(quiz=quiz)


@pytest.fixture
def academy_admin(db):
    return UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.ACADEMY_ADMIN])


@pytest.fixture
def manager(db, municipality):
    user = UserFactory(municipality=municipality, roles=[roles.EMPLOYEE, roles.ACADEMY_MANAGER])
    ManagerScope.objects.create(user=user, municipality=municipality)
    return user


@pytest.fixture
def other_manager(db):
    other = MunicipalityFactory()
    user = UserFactory(municipality=other, roles=[roles.EMPLOYEE, roles.ACADEMY_MANAGER])
    ManagerScope.objects.create(user=user, municipality=other)
    return user
