import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from tests.factories import TEST_PASSWORD

SECRET = "MUNICIPALITETYDEMOTOTPSECRET2345"
STAFF_ROLES = ["editor", "moderator", "lawyer", "expert", "administrator"]


def current_code(secret=SECRET):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def signed_in_recently(client, user):
    """Signed in, and the password re-entered just now (allauth asks for it on MFA pages)."""
    client.force_login(user)
    response = client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


WAGTAIL_ROLES = ["editor", "moderator", "administrator"]


@pytest.mark.parametrize(
    ("role", "path"),
    [*((role, "/admin/") for role in STAFF_ROLES), *((role, "/cms/") for role in WAGTAIL_ROLES)],
)
def test_a_staff_user_without_two_factor_is_sent_to_set_it_up(client, request, role, path):
    client.force_login(request.getfixturevalue(role))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("role", ["lawyer", "expert"])
def test_staff_without_a_wagtail_role_get_the_403_page_at_cms_not_the_totp_setup(
    client, request, role
):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/cms/").status_code == 403


@pytest.mark.parametrize("path", ["/admin/", "/cms/"])
def test_a_staff_user_with_two_factor_is_let_into_the_admin_screens(client, administrator, path):
    TOTP.activate(administrator, SECRET)
    client.force_login(administrator)
    assert client.get(path).status_code == 200


def test_the_totp_setup_page_shows_the_qr_code_in_the_portal_layout(client, editor):
    signed_in_recently(client, editor)
    response = client.get("/accounts/2fa/totp/activate/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert re.search(r'<img class="account-qr" src="data:image/svg\+xml;base64,', html)
    assert "Для работы в административном разделе" in html or "аутентификатор" in html
    # The QR code is a data: URI, which our Content-Security-Policy allows for images.
    assert "data:" in response["Content-Security-Policy"].split("img-src")[1].split(";")[0]


def test_activating_totp_with_a_valid_code_opens_the_admin(client, editor):
    signed_in_recently(client, editor)
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert client.get("/cms/").status_code == 200


def test_a_user_with_totp_must_enter_a_code_when_signing_in(client, moderator):
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    TOTP.activate(moderator, SECRET)
    response = client.post(
        "/accounts/login/", {"login": moderator.email, "password": TEST_PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/cabinet/").status_code == 302
    page = client.get("/accounts/2fa/authenticate/")
    assert "Двухфакторная аутентификация" in page.content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert response.status_code == 302
    assert client.get("/cabinet/").status_code == 200


def test_an_employee_is_not_asked_for_two_factor(client, employee):
    client.force_login(employee)
    assert client.get("/cabinet/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/2fa/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/reauthenticate/",
    ],
)
def test_account_management_pages_use_the_portal_layout_without_inline_scripts(
    client, employee, path
):
    client.force_login(employee)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html and "Личный кабинет" in html
    assert "<script>" not in html and "<script data-" not in html and "style=" not in html


def test_recovery_codes_and_deactivation_pages_render_for_a_user_with_totp(client, employee):
    TOTP.activate(employee, SECRET)
    RecoveryCodes.activate(employee)
    signed_in_recently(client, employee)
    for path in ["/accounts/2fa/recovery-codes/", "/accounts/2fa/totp/deactivate/"]:
        html = client.get(path).content.decode()
        assert 'class="site-header"' in html
        assert "style=" not in html and "<script data-" not in html
