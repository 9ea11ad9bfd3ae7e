import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import MunicipalityFactory

PASSWORD = "Kalina-Sosna-2026"


@pytest.mark.django_db(transaction=True)
def test_a_person_registers_confirms_the_email_and_lands_signed_in_in_the_cabinet(page):
    municipality = MunicipalityFactory(name="Светлогорск-Тестовый")

    page.goto("/accounts/signup/")
    page.get_by_label("Адрес электронной почты").fill("orlova@svetlogorsk.example.ru")
    page.get_by_label("Пароль:", exact=True).fill(PASSWORD)
    page.get_by_label("Пароль (ещё раз)").fill(PASSWORD)
    page.get_by_label("Фамилия").fill("Орлова")
    page.get_by_label("Имя:", exact=True).fill("Светлана")
    page.get_by_label("Должность").fill("Консультант отдела экономики")
    page.get_by_label("Муниципальное образование").fill(municipality.name)
    page.get_by_label("Я даю согласие на обработку моих персональных данных").check()
    page.get_by_role("button", name="Зарегистрироваться").click()
    page.wait_for_url("**/accounts/confirm-email/")

    [letter] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", letter.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Подтвердить").click()
    # Confirming the address in the browser that registered signs the person in.
    page.wait_for_url("**/cabinet/")

    expect(page.get_by_role("heading", name="Личный кабинет")).to_be_visible()
    expect(page.get_by_text("Учётная запись ещё не подтверждена")).to_be_visible()
    expect(page.get_by_text("Светлогорск-Тестовый").first).to_be_visible()
