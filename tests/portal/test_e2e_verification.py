"""In the browser: a signed-in person without an editor role gets the 403 page at /cms/ (no
redirect loop); an unverified user is shown the way to verification, files a request, a
moderator approves it on the site, and the user is told."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from portal.accounts import roles
from tests.factories import TEST_PASSWORD, UserFactory


def confirmed(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Адрес электронной почты").fill(user.email)
    page.get_by_label("Пароль:", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/cabinet/")


def sign_out(page):
    page.context.clear_cookies()


@pytest.mark.django_db(transaction=True)
def test_cms_shows_the_403_page_to_a_signed_in_employee_instead_of_looping(page):
    sign_in(page, confirmed(roles=[roles.EMPLOYEE]))
    response = page.goto("/cms/")
    assert response.status == 403
    assert page.url.endswith("/cms/")
    expect(page.get_by_role("heading", name="Доступ запрещён")).to_be_visible()
    expect(page.get_by_text("только редакторам портала")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_an_unverified_user_finds_the_way_to_verification_and_is_verified(page):
    applicant = confirmed(is_verified=False, position="Специалист по обращениям")
    moderator = confirmed(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])

    sign_in(page, applicant)
    assert page.get_by_role("link", name="Задать вопрос юристу").count() == 0
    response = page.goto("/legal/consultations/new/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Как получить подтверждение")).to_be_visible()
    page.get_by_role("link", name="подайте заявку").click()
    page.wait_for_url("**/cabinet/verification/")
    assert page.get_by_label("Должность").input_value() == "Специалист по обращениям"
    page.get_by_label("Комментарий для модератора").fill("Приёмная: 8 (383) 000-00-00")
    page.get_by_role("button", name="Отправить заявку").click()
    expect(page.get_by_role("heading", name="Заявка на рассмотрении")).to_be_visible()

    sign_out(page)
    sign_in(page, moderator)
    page.get_by_role("link", name="Заявки на подтверждение").click()
    card = page.get_by_role("region", name=applicant.get_full_name())
    expect(card.get_by_text("Приёмная: 8 (383) 000-00-00")).to_be_visible()
    card.get_by_role("button", name="Подтвердить").click()
    expect(page.get_by_text("Заявок на рассмотрении нет.")).to_be_visible()

    sign_out(page)
    sign_in(page, applicant)
    expect(page.get_by_text("подтверждённый служащий")).to_be_visible()
    page.goto("/cabinet/notifications/")
    expect(page.get_by_text("Ваша учётная запись подтверждена")).to_be_visible()
    assert page.goto("/legal/consultations/new/").status == 200
