"""The key legal flow in a real browser: search → document unit → bookmark → bot → lawyer."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from legal_vector.models import Bookmark, Consultation
from portal.accounts import roles
from tests.factories import UserFactory
from tests.legal_vector.legal_search_fixtures import load_base

SCREENSHOTS = "/tmp/legal_e2e"


def sign_in(page, live_server, user):
    """Reuse Django's session login: the login form itself is tested by the accounts app."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
def test_employee_finds_a_norm_bookmarks_it_asks_the_bot_and_gets_a_lawyers_answer(
    page, browser, live_server
):
    employee = UserFactory(roles=[roles.EMPLOYEE])
    lawyer = UserFactory(is_staff=True, roles=[roles.LAWYER])
    load_base(employee.municipality.region)
    sign_in(page, live_server, employee)

    page.goto("/legal/search/")
    page.get_by_label("Запрос или реквизиты").fill("публичные слушания проект")
    page.locator("#main").get_by_role("button", name="Найти").click()
    expect(page.locator(".legal-hit mark").first).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/1_search.png", full_page=True)
    page.locator(".legal-hit h3 a", has_text="ч. 2 ст. 28").click()
    expect(page).to_have_url(re.compile(r"/legal/documents/\d+/#st28/ch2$"))

    page.get_by_role("link", name="Ссылка и цитата: ч. 2 ст. 28").click()
    page.get_by_role("button", name="В закладки: ч. 2 ст. 28").click()
    expect(page.get_by_text("В закладках: ч. 2 ст. 28")).to_be_visible()
    assert Bookmark.objects.filter(user=employee, stable_key="st28/ch2").exists()

    page.goto("/legal/ask/")
    page.get_by_label("Ваш вопрос").fill("Можно ли обжаловать в суде итоги публичных слушаний?")
    page.get_by_role("button", name="Спросить", exact=True).click()
    expect(page.locator(".legal-answer blockquote").first).to_be_visible()
    expect(page.get_by_text("лучше спросить юриста")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/2_ask.png", full_page=True)
    page.get_by_role("link", name="Спросить юриста").click()
    expect(page.get_by_label("Вопрос юристу")).to_have_value(re.compile("обжаловать в суде"))
    page.get_by_role("button", name="Отправить юристу").click()
    expect(page.get_by_role("heading", name=re.compile(r"Консультация № \d+"))).to_be_visible()
    consultation = Consultation.objects.get(author=employee)

    lawyer_page = browser.new_context(base_url=live_server.url, locale="ru-RU").new_page()
    sign_in(lawyer_page, live_server, lawyer)
    lawyer_page.goto("/legal/consultations/queue/")
    lawyer_page.get_by_role("link", name=str(consultation.pk), exact=True).click()
    lawyer_page.get_by_role("button", name="Взять в работу").click()
    lawyer_page.get_by_label("Ответ", exact=True).fill(
        "Итоги слушаний носят рекомендательный характер."
    )
    lawyer_page.get_by_label("Нормы, на которые опирается ответ").fill("ч. 1 ст. 28 131-ФЗ")
    lawyer_page.get_by_role("button", name="Отправить ответ").click()
    expect(lawyer_page.get_by_text("Ответ отправлен.")).to_be_visible()
    lawyer_page.context.close()

    page.goto(consultation.get_absolute_url())
    expect(page.get_by_text("рекомендательный характер")).to_be_visible()
    # The bot may cite the same norm above; the lawyer's own citations are in the answer.
    answer = page.get_by_role("region", name="Ответ юриста")
    expect(
        answer.get_by_role("link", name=re.compile("ч. 1 ст. 28 Федерального закона"))
    ).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/3_answer.png", full_page=True)
