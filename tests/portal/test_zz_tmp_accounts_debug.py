import pytest
from allauth.account.models import EmailAddress

from portal.notifications.services import notify
from tests.factories import TEST_PASSWORD, UserFactory

OUT = "/tmp/acct/shots"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_shots(page):
    import os

    os.makedirs(OUT, exist_ok=True)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Зарегистрироваться").click()
    page.screenshot(path=f"{OUT}/01_signup_errors.png", full_page=True)
    user = UserFactory(email="shot@example.ru", is_verified=False, is_staff=True)
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name="Модератор"))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for n in range(3):
        notify(user, "account.verification_pending", f"Тестовое уведомление {n}", link="/cabinet/")
    page.goto("/accounts/login/")
    page.screenshot(path=f"{OUT}/02_login.png", full_page=True)
    page.get_by_label("Адрес электронной почты").fill(user.email)
    page.get_by_label("Пароль:", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/cabinet/")
    page.screenshot(path=f"{OUT}/03_cabinet_unverified.png", full_page=True)
    page.goto("/cabinet/notifications/")
    page.get_by_role("button", name="Отметить как прочитанное").first.click()
    page.wait_for_timeout(500)
    page.screenshot(path=f"{OUT}/04_notifications_after_js_mark.png", full_page=True)
    badge = page.locator(".account-menu__notifications .badge").inner_text()
    print("BADGE", badge)
    page.goto("/admin/")
    page.wait_for_timeout(300)
    print("ADMIN ->", page.url)
    page.screenshot(path=f"{OUT}/05_totp_required.png", full_page=True)
    page.goto("/cabinet/deletion/")
    page.screenshot(path=f"{OUT}/06_deletion.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/cabinet/profile/")
    page.screenshot(path=f"{OUT}/07_profile_360.png", full_page=True)
