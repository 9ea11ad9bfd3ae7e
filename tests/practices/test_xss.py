"""Script payloads in a practice's text stay inert everywhere it is shown: the list and the
page, Wagtail and Django admin, the notification list and e-mail, the API and the export."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.notifications.tasks import send_notification_email
from practices.models import Indicator, Practice
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'
LIVE_MARKUP = ("<script>alert", "<img src=x")  # a broken-out attribute shows as the raw <img


def assert_inert(html):
    for markup in LIVE_MARKUP:
        assert markup not in html


@pytest.fixture
def hostile(db):
    author = UserFactory()
    practice = PracticeFactory(
        title=f"Практика {PAYLOAD}",
        key_result=PAYLOAD,
        problem=PAYLOAD,
        solution=PAYLOAD,
        results=PAYLOAD,
        funding_sources=PAYLOAD,
        contact_name=PAYLOAD,
        author=author,
        municipality=author.municipality,
    )
    Indicator.objects.create(practice=practice, name=PAYLOAD, unit="<b>%</b>", before=1, after=2)
    return practice


def test_the_list_and_the_page_escape_it(client, employee, hostile):
    listing = client.get("/practices/").content.decode()
    assert "&lt;script&gt;" in listing
    assert_inert(listing)
    client.force_login(employee)  # sees the contacts as well
    page = client.get(hostile.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page
    assert_inert(page)


def test_wagtail_and_django_admin_escape_it(cms_client, administrator, hostile):
    client = cms_client(administrator)
    for url in (
        reverse("wagtailsnippets_practices_practice:list"),
        reverse("wagtailsnippets_practices_practice:edit", args=[hostile.pk]),
        reverse("admin:practices_practice_changelist"),
        reverse("admin:practices_practice_change", args=[hostile.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


def test_the_notification_and_its_e_mail_carry_it_as_text(
    client, employee, hostile, django_capture_on_commit_callbacks
):
    client.force_login(employee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/practices/{hostile.slug}/adopt/", {"adopted_on": "2025-03-01"})
    notification = hostile.author.notifications.get(kind="practices.adoption")
    client.force_login(hostile.author)
    listing = client.get("/cabinet/notifications/").content.decode()
    assert_inert(listing)
    assert "Практика" in notification.text
    if not mail.outbox:  # the e-mail task runs in a worker outside tests
        send_notification_email(notification.pk)
    (message,) = mail.outbox
    assert "onerror" in message.body  # the title, as plain text
    assert not getattr(message, "alternatives", [])  # no HTML part for a mail client to run
    assert message.content_subtype == "plain"


def test_the_api_and_the_personal_data_export_keep_it_inert(client, hostile):
    api = client.get("/practices/api/practices/")
    assert_inert(api.content.decode())
    assert api.json()["results"][0]["key_result"] == PAYLOAD
    client.force_login(hostile.author)
    export = client.get(reverse("cabinet:export"))
    assert export["Content-Type"].startswith("application/json")
    assert export["Content-Disposition"].startswith("attachment")
    assert Practice.objects.get(pk=hostile.pk).title.endswith(PAYLOAD)
