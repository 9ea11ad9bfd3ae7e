"""Failed sign-ins are limited per address and per address AND account, in growing windows, so
a stranger can neither guess a password quickly nor lock its owner out; the client's address
is read from X-Forwarded-For only when a trusted proxy sent the request."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client, RequestFactory

from portal.accounts.addresses import client_address
from portal.accounts.models import PersonalDataConsent, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Слишком много"


@pytest.fixture
def owner(db):
    user = UserFactory(email="glava@example.ru")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(address, email, password, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client(**extra).post("/accounts/login/", {"login": email, "password": password})


def refused(response):
    """The form says «Слишком много…», or allauth's overall sign-in limit answers 429."""
    if response.status_code == 429:
        return True
    return response.status_code == 200 and TOO_MANY in response.content.decode()


def test_a_strangers_failures_never_lock_the_owner_out(owner):
    for _ in range(25):
        sign_in("198.51.100.7", owner.email, "Ugadyvayu-2026")
    assert refused(sign_in("198.51.100.7", owner.email, "Ugadyvayu-2026"))
    response = sign_in("203.0.113.20", owner.email, TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/cabinet/"


def test_guessing_from_one_address_is_stopped_even_with_the_right_password(owner):
    for _ in range(5):
        assert not refused(sign_in("198.51.100.7", owner.email, "Ugadyvayu-2026"))
    assert refused(sign_in("198.51.100.7", owner.email, TEST_PASSWORD))


def test_one_address_trying_many_accounts_is_stopped(owner):
    for number in range(30):
        sign_in("198.51.100.7", f"person{number}@example.ru", "Ugadyvayu-2026")
    assert refused(sign_in("198.51.100.7", owner.email, TEST_PASSWORD))
    assert sign_in("203.0.113.20", owner.email, TEST_PASSWORD).status_code == 302


def test_a_successful_sign_in_does_not_count_as_a_failure(owner):
    for _ in range(4):
        sign_in("198.51.100.7", owner.email, "Oshibsya-2026")
    for _ in range(3):
        assert sign_in("198.51.100.7", owner.email, TEST_PASSWORD).status_code == 302
    assert not refused(sign_in("198.51.100.7", owner.email, "Oshibsya-2026"))


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(owner, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for _ in range(6):
        sign_in("10.0.0.2", owner.email, "Ugadyvayu-2026", forwarded="198.51.100.7")
    assert refused(sign_in("10.0.0.2", owner.email, TEST_PASSWORD, forwarded="198.51.100.7"))
    response = sign_in("10.0.0.2", owner.email, TEST_PASSWORD, forwarded="203.0.113.20")
    assert response.status_code == 302


def address_of(remote, forwarded=None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


def test_the_client_address_comes_from_x_forwarded_for_only_through_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    # A direct client cannot choose its address by writing the header.
    assert address_of("198.51.100.7", "203.0.113.1") == "198.51.100.7"
    assert address_of("10.0.0.2", "203.0.113.20") == "203.0.113.20"
    # Through two proxies; whatever the client wrote on the left is ignored.
    assert address_of("10.0.0.2", "1.2.3.4, 203.0.113.20, 192.0.2.1") == "203.0.113.20"
    assert address_of("10.0.0.2", "") == "10.0.0.2"
    settings.TRUSTED_PROXIES = []
    assert address_of("10.0.0.2", "203.0.113.20") == "10.0.0.2"


def test_the_consent_record_keeps_the_clients_address_not_the_proxys(
    client, municipality, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    data = {
        "email": "novyi@example.ru",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "last_name": "Петров",
        "first_name": "Пётр",
        "position": "Специалист",
        "municipality": municipality.full_name,
        "municipality_id": municipality.pk,
        "consent": "on",
    }
    client.post(
        "/accounts/signup/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.20"
    )
    consent = PersonalDataConsent.objects.get(user=User.objects.get(email="novyi@example.ru"))
    assert consent.ip_address == "203.0.113.20"
