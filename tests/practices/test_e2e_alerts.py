"""In a real browser: a verified employee subscribes to the catalogue's filter on a phone, finds
the subscription in the cabinet and unsubscribes — axe-clean, one h1, no sideways scroll."""

import re

import pytest
from playwright.sync_api import expect

from portal.accounts import roles
from portal.notifications.models import Alert
from tests.dialog.test_e2e_moderator_tools import assert_axe_clean
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_e2e_community import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_subscribe_to_a_filtered_catalogue_and_unsubscribe_in_the_cabinet(page, live_server):
    PracticeFactory(title="Дворы без луж")
    employee = UserFactory(roles=[roles.EMPLOYEE])
    sign_in(page, employee, live_server.url)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/practices/?sort=newest&budget_max=5000000")
    page.get_by_text("Подписаться на эту подборку").click()
    page.get_by_label("Название подписки").fill("Недорогие практики")
    page.get_by_label("ежедневно").check()
    fits_a_phone(page)
    assert_axe_clean(page)
    page.get_by_role("button", name="Подписаться", exact=True).click()

    page.wait_for_url(re.compile(r"/practices/\?budget_max=5000000$"))
    expect(page.get_by_text("Подписка «Недорогие практики» сохранена.")).to_be_visible()
    alert = Alert.objects.get(user=employee)
    assert (alert.service, alert.query, alert.frequency) == (
        "practices",
        "budget_max=5000000",
        "daily",
    )

    page.goto("/cabinet/")
    section = page.locator("section", has=page.get_by_role("heading", name="Подписки на подборки"))
    expect(section.get_by_role("link", name="Недорогие практики")).to_be_visible()
    section.get_by_role("link", name="Управлять подписками").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Подписки на подборки")
    fits_a_phone(page)
    assert_axe_clean(page)
    page.get_by_role("button", name="Отписаться от подборки «Недорогие практики»").click()
    expect(page.get_by_text("Вы отписались от подборки «Недорогие практики».")).to_be_visible()
    assert not Alert.objects.exists()


def test_the_unsubscribe_link_works_without_signing_in(page, live_server):
    employee = UserFactory(roles=[roles.EMPLOYEE])
    alert = Alert.objects.create(service="practices", user=employee, title="Подборка", query="")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(alert.get_unsubscribe_url())
    fits_a_phone(page)
    assert_axe_clean(page)
    page.get_by_role("button", name="Отписаться").click()
    expect(page.get_by_text("Вы отписались от рассылки «Подборка»")).to_be_visible()
    alert.refresh_from_db()
    assert not alert.is_active
