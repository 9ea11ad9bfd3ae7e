"""Fixtures of the navigator's tests; users per role come from tests/conftest.py."""

import pytest

from tests.navigator.factories import SupportMeasureFactory


@pytest.fixture
def measure(db):
    return SupportMeasureFactory()


TOTP_SECRET = "NAVIGATORTESTTOTPSECRET234567ABC"


@pytest.fixture
def cms_client(client):
    """A client that signs staff users in with two-factor authentication set up."""
    from allauth.mfa.totp.internal.auth import TOTP

    def sign_in(user):
        TOTP.activate(user, TOTP_SECRET)
        client.force_login(user)
        return client

    return sign_in
