from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import TEST_PASSWORD, UserFactory


def confirmed_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_login_page_is_in_russian_in_the_portal_layout(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "Войти" in html
    assert 'class="site-header"' in html
    assert '<label for="id_login">' in html and '<label for="id_password">' in html


def test_a_confirmed_user_logs_in_with_email_and_lands_in_the_cabinet(client, db):
    user = confirmed_user()
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/cabinet/"
    assert client.get("/cabinet/").context["user"] == user


def test_a_user_with_an_unconfirmed_email_is_asked_to_confirm_it(client, db):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/cabinet/").status_code == 302
    assert any(user.email in message.to for message in mail.outbox)


def test_a_wrong_password_gives_the_same_message_as_an_unknown_email(client, db):
    user = confirmed_user()
    wrong = client.post("/accounts/login/", {"login": user.email, "password": "Nepravilno-1"})
    unknown = client.post(
        "/accounts/login/", {"login": "nobody@example.ru", "password": "Nepravilno-1"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].errors == unknown.context["form"].errors


def test_password_reset_answers_the_same_for_unknown_addresses(client, db):
    user = confirmed_user()
    known = client.post("/accounts/password/reset/", {"email": user.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.ru"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_django_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_wagtail_login_goes_through_allauth(client, db):
    assert client.get("/cms/login/")["Location"].startswith("/accounts/login/?next=")
    assert client.get("/cms/")["Location"].startswith("/accounts/login/")


def test_a_signed_in_employee_without_staff_rights_cannot_open_django_admin(client, employee):
    client.force_login(employee)
    assert client.get("/admin/login/").status_code == 403


def test_logout_signs_the_user_out(client, employee):
    client.force_login(employee)
    client.post("/accounts/logout/")
    assert client.get("/cabinet/").status_code == 302


def test_demo_users_are_created_once_per_role_and_can_sign_in(client, municipality):
    from io import StringIO

    from allauth.mfa.models import Authenticator

    from portal.accounts import demo
    from portal.accounts.models import User

    output = StringIO()
    demo.seed(output)
    demo.seed(output)
    demo_users = User.objects.filter(email__endswith="@demo.local")
    assert demo_users.count() == len(demo.DEMO_USERS)
    assert demo.DEMO_PASSWORD in output.getvalue() and demo.DEMO_TOTP_SECRET in output.getvalue()
    staff = demo_users.filter(is_staff=True)
    assert staff.count() == 6  # one per staff role, the legal-base editor included
    assert Authenticator.objects.filter(user__in=staff, type=Authenticator.Type.TOTP).count() == 6
    assert not demo_users.get(email="unverified@demo.local").is_verified
    response = client.post(
        "/accounts/login/", {"login": "employee@demo.local", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"] == "/cabinet/"


def test_demo_users_are_not_created_without_municipalities(db):
    from io import StringIO

    from portal.accounts import demo
    from portal.accounts.models import User
    from portal.municipalities.models import Municipality

    Municipality.objects.update(parent=None)
    Municipality.objects.all().delete()
    output = StringIO()
    demo.seed(output)
    assert "ВНИМАНИЕ" in output.getvalue()
    assert not User.objects.filter(email__endswith="@demo.local").exists()
