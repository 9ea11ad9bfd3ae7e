"""The community flow in a browser: write → moderate → discuss, adopt → reports hide → digest."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from portal.accounts import roles
from portal.community.digests import send_digests
from portal.community.models import DigestChoice, Frequency
from portal.models import Sphere
from tests.factories import UserFactory
from tests.practices.writing import write_in_browser

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, user, base_url):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}]
    )


def test_practice_from_draft_to_digest(page, live_server):
    Sphere.objects.get_or_create(slug="e2e-housing", defaults={"name": "ЖКХ (тест)"})
    author, colleague = UserFactory(roles=[roles.EMPLOYEE]), UserFactory(roles=[roles.EMPLOYEE])
    reporters = [UserFactory(roles=[roles.EMPLOYEE]) for _ in range(3)]
    moderator = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])
    DigestChoice.objects.save_choices(author, {"community.comment": Frequency.DAILY})

    # The author writes a draft, then submits it.
    sign_in(page, author, live_server.url)
    write_in_browser(
        page,
        title="Школа старост для сельских поселений",
        sphere="ЖКХ (тест)",
        key_result="Старосты есть в 40 сёлах из 42",
        problem="В сёлах не было связи жителей с администрацией.",
        solution="Обучили старост и дали им **единый канал** связи.",
        results="Обращения решаются за 3 дня вместо 14.",
        year="2023",
    )
    page.get_by_role("link", name="Проверка и отправка").click()
    page.get_by_role("button", name="Отправить на модерацию").click()
    expect(page.get_by_text("отправлена на модерацию")).to_be_visible()

    # A moderator approves it from the queue.
    sign_in(page, moderator, live_server.url)
    page.goto("/community/moderation/")
    page.get_by_label("Выбрать: Школа старост для сельских поселений").check()
    page.get_by_label("Решение", exact=True).select_option("approve")
    page.get_by_role("button", name="Применить").click()
    expect(page.get_by_text("Решено дел: 1.")).to_be_visible()

    # A colleague comments, marks it useful, follows it and adopts it.
    sign_in(page, colleague, live_server.url)
    page.goto("/practices/")
    page.get_by_role("link", name="Школа старост для сельских поселений").click()
    page.get_by_label("Ваш комментарий").fill("Как выбирали старост? https://example.ru/ustav")
    page.get_by_role("button", name="Отправить").click()
    expect(page.get_by_role("link", name="https://example.ru/ustav")).to_be_visible()
    page.get_by_role("button", name="Полезно").click()
    expect(page.locator("[data-useful-count]")).to_have_text("1")
    page.get_by_role("button", name="Подписаться на обновления").click()
    expect(page.get_by_role("button", name="Отписаться")).to_be_visible()
    page.get_by_role("link", name="Внедрили у себя").click()
    page.get_by_label("Как внедряли").fill("Начали с трёх сёл.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text(colleague.municipality.region.name).first).to_be_visible()
    practice_url = page.url

    # Three colleagues report the comment; it hides.
    for reporter in reporters:
        sign_in(page, reporter, live_server.url)
        page.goto(practice_url)
        page.locator(".comment").get_by_role("link", name="Пожаловаться").first.click()
        page.get_by_label("Оскорбления, грубость").check()
        page.get_by_role("button", name="Отправить жалобу").click()
    expect(page.get_by_text("Комментарий скрыт модератором.")).to_be_visible()

    # The author sees the notifications and, the next day, the daily digest.
    sign_in(page, author, live_server.url)
    page.goto("/cabinet/notifications/")
    expect(page.get_by_text("отметили как полезный")).to_be_visible()
    expect(page.get_by_text("внедрили вашу практику")).to_be_visible()
    send_digests(Frequency.DAILY, now=timezone.now() + datetime.timedelta(days=1))
    page.goto("/community/digests/")
    page.locator("details summary").first.click()
    expect(page.get_by_text("Новый комментарий к «Школа старост")).to_be_visible()
