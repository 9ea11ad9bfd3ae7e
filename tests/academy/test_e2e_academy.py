"""Enrol → read lessons → fail the quiz → pass it → download the certificate → open its check
page from the QR address → an administrator revokes it → the page says so."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from academy.models import Certificate
from portal.accounts import roles
from tests.academy.factories import make_course, make_quiz
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_learn_fail_pass_certify_verify_and_revoke(page, live_server, settings):
    settings.SITE_URL = live_server.url
    course = make_course(title="Курс для браузерного теста", quiz=make_quiz(attempt_limit=3))
    learner = UserFactory(roles=[roles.EMPLOYEE])
    admin = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.ACADEMY_ADMIN])
    sign_in(page, live_server, learner)

    page.goto(course.url)
    page.get_by_role("button", name="Записаться на курс").click()
    expect(page.get_by_text("Вы записаны на курс.")).to_be_visible()
    page.get_by_role("link", name="Урок 1").click()
    expect(page.get_by_text("Текст урока 1")).to_be_visible()
    page.get_by_role("button", name="Урок прочитан").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Урок 2")
    page.get_by_role("button", name="Урок прочитан").click()

    page.get_by_role("button", name=re.compile("Начать или продолжить тест")).click()
    page.get_by_role("button", name="Отправить на проверку").click()
    expect(page.get_by_text(re.compile("тест не пройден"))).to_be_visible()

    page.get_by_role("button", name=re.compile("Новая попытка")).click()
    page.get_by_label("Москва").check()
    page.get_by_label("2", exact=True).check()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Верно", exact=True).check()
    page.get_by_label("Ответ", exact=True).fill("131-ФЗ")
    page.get_by_label("Ответ (число)").fill("3,14")
    page.get_by_role("button", name="Отправить на проверку").click()
    expect(page.get_by_text(re.compile("тест пройден"))).to_be_visible()

    page.goto("/academy/my/")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    certificate = Certificate.objects.get(user=learner)
    page.goto(certificate.verification_url)
    expect(page.get_by_text("Сертификат действителен.")).to_be_visible()
    expect(page.get_by_text("подпись портала верна")).to_be_visible()

    sign_in(page, live_server, admin)
    page.goto(certificate.verification_url)
    page.get_by_label("Причина отзыва").fill("Тест пройден другим человеком")
    page.get_by_role("button", name="Отозвать сертификат").click()
    expect(page.get_by_text("Сертификат отозван")).to_be_visible()

    page.context.clear_cookies()
    page.goto(certificate.verification_url)
    expect(page.get_by_text("Тест пройден другим человеком")).to_be_visible()
