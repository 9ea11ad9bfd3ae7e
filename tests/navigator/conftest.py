"""Fixtures of the navigator's tests; users per role come from tests/conftest.py."""

import pytest

from tests.navigator.factories import SupportMeasureFactory


@pytest.fixture
def measure(db):
    return SupportMeasureFactory()
