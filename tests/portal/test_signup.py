import pytest
from django.core import mail

from portal.accounts.models import PersonalDataConsent, User
from tests.factories import UserFactory

STRONG_PASSWORD = "Kalina-Sosna-2026"


def signup_data(municipality, **overrides):
    data = {
        "email": "petrova@adm-example.ru",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "last_name": "Петрова",
        "first_name": "Мария",
        "patronymic": "Ивановна",
        "position": "Начальник отдела благоустройства",
        "municipality": municipality.full_name,
        "municipality_id": municipality.pk,
        "phone": "+7 900 000-00-00",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_signup_page_is_in_russian_in_the_portal_layout_with_the_privacy_link(client, db):
    response = client.get("/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Регистрация</h1>" in html
    assert 'class="site-header"' in html
    assert 'href="/privacy/"' in html
    assert '<label for="id_consent">' in html
    assert "<script>" not in html and "style=" not in html


def test_signup_creates_an_unverified_user_with_profile_and_consent(client, municipality, settings):
    settings.PRIVACY_POLICY_VERSION = "2026-test"
    response = client.post("/accounts/signup/", signup_data(municipality))
    assert response.status_code == 302
    user = User.objects.get(email="petrova@adm-example.ru")
    assert (user.last_name, user.first_name, user.patronymic) == ("Петрова", "Мария", "Ивановна")
    assert user.municipality == municipality
    assert user.position == "Начальник отдела благоустройства"
    assert not user.is_verified and not user.can_publish
    consent = PersonalDataConsent.objects.get(user=user)
    assert consent.policy_version == "2026-test"
    assert consent.given_at is not None
    assert len(mail.outbox) == 1
    assert "petrova@adm-example.ru" in mail.outbox[0].to


def test_signup_without_consent_is_refused_and_keeps_what_was_typed(client, municipality):
    data = signup_data(municipality)
    del data["consent"]
    response = client.post("/accounts/signup/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных регистрация невозможна." in html
    assert 'value="Петрова"' in html
    assert not User.objects.filter(email="petrova@adm-example.ru").exists()
    assert not PersonalDataConsent.objects.exists()


def test_signup_with_a_weak_password_is_refused_with_a_russian_message(client, municipality):
    data = signup_data(municipality, password1="12345678", password2="12345678")
    response = client.post("/accounts/signup/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Введённый пароль слишком короткий" in html or "слишком широко распространён" in html
    assert not User.objects.filter(email="petrova@adm-example.ru").exists()


def test_signup_without_a_municipality_is_refused(client, municipality):
    data = signup_data(municipality)
    data["municipality"] = data["municipality_id"] = ""
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    assert "Укажите муниципальное образование, в котором вы работаете." in response.content.decode()
    assert not User.objects.filter(email="petrova@adm-example.ru").exists()


def test_signup_with_an_existing_email_does_not_reveal_the_account(client, municipality):
    UserFactory(email="petrova@adm-example.ru")
    response_existing = client.post("/accounts/signup/", signup_data(municipality))
    response_new = client.post(
        "/accounts/signup/", signup_data(municipality, email="new-person@adm-example.ru")
    )
    assert response_existing.status_code == response_new.status_code == 302
    assert response_existing["Location"] == response_new["Location"]
    assert User.objects.filter(email="petrova@adm-example.ru").count() == 1
    assert not PersonalDataConsent.objects.filter(user__email="petrova@adm-example.ru").exists()
    # The owner of the address is told by e-mail instead of the visitor on the page.
    warned = [m for m in mail.outbox if "petrova@adm-example.ru" in m.to]
    assert len(warned) == 1


@pytest.mark.parametrize("field", ["last_name", "first_name", "position"])
def test_signup_requires_the_profile_fields(client, municipality, field):
    response = client.post("/accounts/signup/", signup_data(municipality, **{field: ""}))
    assert response.status_code == 200
    assert not User.objects.filter(email="petrova@adm-example.ru").exists()
