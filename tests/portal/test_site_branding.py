"""The portal names itself everywhere: e-mails greet with its name and the domain of SITE_URL,
Django admin is «Муниципалитеты.рф — администрирование» in Russian, Wagtail shows no avatars
from an external service, and confirming the e-mail signs the person in."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command

from portal.accounts.sites import sync_site
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_site_row_carries_the_portal_name_and_the_domain_of_site_url(settings):
    settings.SITE_URL = "https://xn--80aaldbcrxbqhfbq.xn--p1ai"
    call_command("sync_site", stdout=StringIO())
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Муниципалитеты.рф", "xn--80aaldbcrxbqhfbq.xn--p1ai")


def test_emails_greet_with_the_portal_name_not_the_servers_address(client, settings):
    settings.SITE_URL = "https://portal.example.ru"
    sync_site()
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    body = mail.outbox[-1].body
    assert "Вас приветствует Муниципалитеты.рф!" in body
    assert "portal.example.ru" in body
    assert "testserver" not in body.split("http")[0]


def test_confirming_the_email_after_signup_signs_the_person_in(client, municipality):
    data = {
        "email": "novaya@example.ru",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        "last_name": "Смирнова",
        "first_name": "Ольга",
        "position": "Специалист",
        "municipality": municipality.full_name,
        "municipality_id": municipality.pk,
        "consent": "on",
    }
    client.post("/accounts/signup/", data)
    address = EmailAddress.objects.get(email="novaya@example.ru")
    client.post(f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/")
    assert client.get("/cabinet/").status_code == 200


def test_django_admin_is_branded_and_in_russian(cms_client, administrator):
    page = cms_client(administrator).get("/admin/").content.decode()
    assert "Муниципалитеты.рф — администрирование" in page
    assert "Администрирование Django" not in page and "Django administration" not in page
    assert "Authenticators" not in page and "аутентификаторы" in page.lower()


def test_wagtail_shows_no_avatar_from_an_external_service(cms_client, editor):
    page = cms_client(editor).get("/cms/").content.decode()
    assert "gravatar" not in page
    assert "avatar" in page  # Wagtail's own default image instead
