import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core import mail
from django.http import HttpResponse
from django.urls import include, path

from portal.accounts import roles
from portal.accounts.decorators import verified_required
from portal.accounts.models import EmailDomainAllowance, User, VerificationRequest
from portal.notifications.models import Notification
from tests.factories import MunicipalityFactory, UserFactory


@verified_required
def publish_view(request):
    """Verified employees: a stand-in for any publishing view of the services."""
    return HttpResponse("опубликовано")


# A test-only URLconf: the real portal plus one publishing view guarded by `verified_required`.
urlpatterns = [path("test-publish/", publish_view), path("", include("portal.urls"))]
handler403 = "portal.accounts.views.errors.permission_denied"


@pytest.mark.urls(__name__)
def test_an_unverified_user_cannot_publish_and_is_told_how_to_get_verified(client, unverified_user):
    client.force_login(unverified_user)
    response = client.post("/test-publish/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "только подтверждённые муниципальные служащие" in page
    assert "Как получить подтверждение" in page
    assert 'href="/cabinet/verification/"' in page  # the request to a moderator
    assert 'href="/accounts/email/"' in page  # an address on an allowed domain


@pytest.mark.urls(__name__)
def test_the_403_page_says_when_a_request_is_already_waiting(client, unverified_user):
    VerificationRequest.submit(unverified_user, unverified_user.municipality, "Специалист")
    client.force_login(unverified_user)
    page = client.post("/test-publish/").content.decode()
    assert "заявка на подтверждение уже у модераторов" in page


@pytest.mark.urls(__name__)
def test_a_verified_employee_can_publish(client, employee):
    client.force_login(employee)
    assert client.post("/test-publish/").content.decode() == "опубликовано"


@pytest.mark.urls(__name__)
def test_an_anonymous_visitor_is_sent_to_sign_in_before_publishing(client, db):
    response = client.post("/test-publish/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def confirm_email(client, user):
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    return client.post(f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/")


@pytest.mark.parametrize("territory", ["municipality", "region"])
def test_an_allowed_email_domain_verifies_the_user_once_the_address_is_confirmed(
    client, db, territory, django_capture_on_commit_callbacks
):
    municipality = MunicipalityFactory()
    allowed_for = {"municipality": municipality, "region": municipality.region}[territory]
    EmailDomainAllowance.objects.create(domain="@Adm-Example.RU", **{territory: allowed_for})
    user = UserFactory(email="clerk@adm-example.ru", municipality=municipality, is_verified=False)
    assert not user.is_verified
    with django_capture_on_commit_callbacks(execute=True):
        confirm_email(client, user)
    user.refresh_from_db()
    assert user.is_verified and user.verified_at is not None
    assert user.has_role(roles.EMPLOYEE)
    assert Notification.objects.filter(user=user, kind="account.verified").exists()
    assert [message.to for message in mail.outbox] == [["clerk@adm-example.ru"]]


def test_a_domain_allowed_in_another_region_does_not_verify(client, db):
    municipality = MunicipalityFactory()
    EmailDomainAllowance.objects.create(domain="adm-example.ru", municipality=MunicipalityFactory())
    user = UserFactory(email="clerk@adm-example.ru", municipality=municipality, is_verified=False)
    confirm_email(client, user)
    user.refresh_from_db()
    assert not user.is_verified
    pending = Notification.objects.get(user=user)
    assert pending.kind == "account.verification_pending"
    # What the person gave at registration goes to the moderators as a request.
    request = VerificationRequest.objects.get(user=user)
    assert request.is_pending and request.municipality == municipality
    assert request.position == user.position


def staff_client(client, user):
    TOTP.activate(user, "MUNICIPALITETYDEMOTOTPSECRET2345")
    client.force_login(user)
    return client


def test_a_moderator_verifies_users_in_bulk_from_django_admin(client, moderator):
    pending = [UserFactory(is_verified=False) for _ in range(3)]
    staff_client(client, moderator)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "verify_selected", "_selected_action": [user.pk for user in pending]},
    )
    assert response.status_code == 302
    for user in pending:
        user.refresh_from_db()
        assert user.is_verified and user.verified_by == moderator
        assert Notification.objects.filter(user=user, kind="account.verified").exists()


def test_an_employee_cannot_use_the_verification_action(client, employee):
    target = UserFactory(is_verified=False)
    client.force_login(employee)
    client.post(
        "/admin/accounts/user/", {"action": "verify_selected", "_selected_action": [target.pk]}
    )
    target.refresh_from_db()
    assert not target.is_verified


def test_a_moderator_cannot_change_accounts_even_their_own_roles(client, moderator):
    staff_client(client, moderator)
    response = client.get(f"/admin/accounts/user/{moderator.pk}/change/")
    form = response.context["adminform"].form
    assert response.status_code == 200
    assert all(field.disabled for field in form.fields.values())
    assert "is_superuser" not in form.fields and "groups" not in form.fields


def test_the_moderator_role_holds_the_permissions_for_verification_only(db):
    moderator_role = Group.objects.get(name=roles.MODERATOR)
    codenames = set(moderator_role.permissions.values_list("codename", flat=True))
    assert {"view_user", "change_verificationrequest", "change_emaildomainallowance"} <= codenames
    assert "change_user" not in codenames


def test_verifying_twice_changes_nothing(employee):
    before = employee.verified_at
    assert employee.verify() is False
    assert User.objects.get(pk=employee.pk).verified_at == before
