"""The document page in a real browser: unit panel, copy button, bookmark, subscription, diff,
and the parts of a large act."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from legal_vector import reading
from legal_vector.models import Bookmark, Subscription
from portal.accounts import roles
from tests.factories import UserFactory
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample
from tests.legal_vector.test_document_parts import make_act

SCREENSHOTS = "/tmp/legal_core_screens"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
def test_employee_cites_bookmarks_and_watches_a_unit_then_reads_the_diff(page, live_server):
    employee = UserFactory(roles=[roles.EMPLOYEE])
    law = import_sample(edition_date=datetime.date(2020, 1, 1)).document
    sign_in(page, live_server, employee)

    page.goto("/legal/")
    page.get_by_role("link", name=law.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(law.title)
    # One citation tool for the act: a click chooses the unit, the tool copies its citation.
    page.locator("#st14\\/ch1 p").first.click(position={"x": 2, "y": 2})
    page.get_by_role("button", name="Скопировать цитату").click()
    expect(page.get_by_role("button", name="Скопировано")).to_be_visible()

    page.get_by_role("link", name="Ссылка и цитата: ч. 2 ст. 36").click()
    expect(page.get_by_role("textbox", name="Цитата")).to_have_value(
        "ч. 2 ст. 36 Федерального закона от 06.10.2003 № 131-ФЗ"
    )
    page.screenshot(path=f"{SCREENSHOTS}/1_unit_panel.png", full_page=False)
    page.locator("#selected-unit").get_by_label("или новая папка").fill("Выборы главы")
    page.get_by_role("button", name="В закладки: ч. 2 ст. 36").click()
    expect(page.get_by_text("В закладках: ч. 2 ст. 36")).to_be_visible()
    page.get_by_role("button", name="Следить за изменениями: ч. 2 ст. 36").click()
    expect(page.get_by_text("Вы подписаны на изменения: ч. 2 ст. 36")).to_be_visible()
    assert Bookmark.objects.get(user=employee).folder.name == "Выборы главы"
    assert Subscription.objects.get(user=employee).stable_key == "st36/ch2"

    amended = SAMPLE_LAW.replace("избирается в соответствии", "избирается на конкурсной основе")
    import_sample(amended, edition_date=datetime.date(2025, 3, 1))
    page.goto("/cabinet/notifications/")
    notification = page.locator(".notification", has_text="Новая редакция от 01.03.2025")
    notification.get_by_role("link", name="Перейти").click()
    expect(page.locator(".legal-diff ins").first).to_contain_text("на конкурсной основе")
    page.screenshot(path=f"{SCREENSHOTS}/2_diff.png", full_page=True)

    page.goto("/cabinet/")
    expect(page.get_by_role("heading", name="Закладки")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("ч. 2 ст. 36 — Федеральный закон")).first)
    page.screenshot(path=f"{SCREENSHOTS}/3_cabinet.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_reader_moves_through_the_parts_of_a_large_act_and_copies_a_permalink(
    page, live_server, monkeypatch
):
    monkeypatch.setattr(reading, "PARTS_THRESHOLD", 10)
    act = make_act(chapters=3)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    page.goto(act.get_absolute_url())
    expect(page.locator(".legal-parts__current").first).to_contain_text("Часть 1 из 3")
    page.get_by_role("link", name="Статья 6. Статья о предмете 6").click()
    expect(page).to_have_url(re.compile(r"\?part=gl3#st6$"))
    expect(page.locator("#st6")).to_be_in_viewport()

    page.get_by_role("link", name=re.compile("Предыдущая часть")).first.click()
    expect(page.locator(".legal-parts__current").first).to_contain_text("Часть 2 из 3")
    page.locator("#st3\\/ch1 p").first.click(position={"x": 2, "y": 2})
    page.get_by_role("button", name="Скопировать цитату").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("ч. 1 ст. 3 ")
    assert copied.endswith(f"({live_server.url}/legal/documents/{act.pk}/u/st3/ch1/)")

    page.goto(f"/legal/documents/{act.pk}/u/st5/ch2/")
    expect(page).to_have_url(re.compile(r"\?part=gl3#st5/ch2$"))
    expect(page.locator("#st5\\/ch2")).to_be_in_viewport()
    page.get_by_role("link", name="Весь документ одной страницей").first.click()
    expect(page.locator("#st1")).to_be_attached()
    expect(page.locator("#st6\\/ch2")).to_be_attached()
