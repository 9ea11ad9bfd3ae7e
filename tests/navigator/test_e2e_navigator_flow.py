"""A municipal employee finds a measure, tracks the application and subscribes to the filter."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from navigator.models import ApplicationStatus, Bookmark, MeasureAlert
from portal.accounts import roles
from tests.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.navigator.factories import SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    """Reuse Django's session in the browser: the sign-in form is tested by the accounts app."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_find_bookmark_and_subscribe(page, live_server):
    region = RegionFactory(code="37")
    direction = SphereFactory(name="Городская среда", slug="e2e-gorodskaya-sreda")
    yards = SphereFactory(name="Дворы и скверы", slug="e2e-dvory", parent=direction)
    SupportMeasureFactory(title="Грант на обустройство скверов", spheres=[yards], regions=[region])
    SupportMeasureFactory(title="Субсидия на школьные автобусы")
    user = UserFactory(municipality=MunicipalityFactory(region=region), roles=[roles.EMPLOYEE])
    sign_in(page, live_server, user)

    page.goto("/navigator/")
    # Choices apply by the button, never on change (keyboard users move through them).
    page.get_by_label(re.compile("^Городская среда")).check()
    page.get_by_label("Регион").select_option("37")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url(re.compile(r"sphere=e2e-gorodskaya-sreda.*region=37"))
    expect(page.get_by_role("link", name="Субсидия на школьные автобусы")).to_have_count(0)
    filtered_url = page.url

    page.get_by_role("link", name="Грант на обустройство скверов").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Грант на обустройство скверов")
    page.get_by_role("button", name="Сохранить в «Мои меры»").click()
    page.get_by_label("Статус заявки").select_option(label="готовим заявку")
    page.get_by_role("button", name="Сохранить", exact=True).click()

    page.goto(filtered_url)
    page.get_by_role("link", name="Сохранить как подписку").click()
    page.get_by_label("Название подписки").fill("Скверы в Ивановской области")
    page.get_by_label("еженедельно").check()
    page.get_by_role("button", name="Сохранить подписку").click()
    expect(page.get_by_text("Подписка «Скверы в Ивановской области» сохранена.")).to_be_visible()

    page.goto("/cabinet/")
    alerts = page.locator("section", has=page.get_by_role("heading", name="Подписки на подборки"))
    expect(alerts.get_by_role("link", name="Скверы в Ивановской области")).to_be_visible()
    bookmarks = page.locator("section", has=page.get_by_role("heading", name="Мои меры поддержки"))
    expect(bookmarks.get_by_text("готовим заявку").first).to_be_visible()
    expect(
        bookmarks.get_by_role("link", name="Грант на обустройство скверов").first
    ).to_be_visible()

    bookmark = Bookmark.objects.get(user=user)
    assert bookmark.status == ApplicationStatus.PREPARING
    alert = MeasureAlert.objects.get(user=user)
    assert "region=37" in alert.query and "sphere=e2e-gorodskaya-sreda" in alert.query
