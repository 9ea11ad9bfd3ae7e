"""An export-style act uploaded through the admin in a real browser, then read on the site."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from legal_vector.models import Document
from tests.legal_vector.corpus.build import SOURCES

EXPORT = SOURCES / "01_subsidii_export.txt"


def sign_in_staff(page, live_server, user):
    """Staff need two-factor authentication set up to use the admin (see `cms_client`)."""
    TOTP.activate(user, "CMSCLIENTTESTTOTPSECRET234567ABC")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
def test_admin_uploads_an_export_and_the_site_shows_its_change_marks(
    page, live_server, administrator
):
    sign_in_staff(page, live_server, administrator)

    page.goto("/admin/legal_vector/document/upload/")
    page.get_by_label("Файл акта").set_input_files(str(EXPORT))
    page.get_by_role("button", name="Импортировать").click()
    expect(page.locator(".field-status_label")).to_contain_text("импортирован")
    expect(page.locator(".field-report")).to_contain_text("единиц: 36")
    act = Document.objects.get(number="771")

    page.goto(f"/legal/documents/{act.pk}/u/utv1/p3.5.1/")
    inserted = page.locator("#utv1\\/p3\\.5\\.1")
    expect(page).to_have_url(f"{live_server.url}/legal/documents/{act.pk}/#utv1/p3.5.1")
    expect(inserted).to_be_in_viewport()
    expect(inserted.locator(".legal-mark--inserted")).to_contain_text(
        "Введён (п. 3.5.1 введен Постановлением Администрации городского округа Энск "
        "от 10.02.2026 N 95)"
    )
    repealed = page.locator("#utv1\\/p3\\.3")
    expect(repealed).to_have_class(re.compile(r"legal-unit--repealed"))
    expect(repealed.locator(".legal-mark--repealed")).to_contain_text("Утратил силу")
    expect(page.locator("#utv1\\/p2\\.4 .legal-note")).to_contain_text("Срок проверки документов")

    page.get_by_role("link", name="Что менялось").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Что менялось в акте")
    expect(page.get_by_role("listitem").filter(has_text="п. 3.5.1 Порядка")).to_contain_text(
        "введён"
    )
