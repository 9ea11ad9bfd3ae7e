"""Fixtures of the practices' tests; users per role come from tests/conftest.py."""

import pytest

from portal.models import Sphere
from tests.practices.factories import PracticeFactory


@pytest.fixture
def practice(db):
    return PracticeFactory()


@pytest.fixture
def direction(db):
    """«ЖКХ» with its sub-spheres, shipped by a migration."""
    return Sphere.objects.get(slug="zhkh")
