from portal.accounts.models import DeletionRequest, User
from portal.notifications.models import Notification
from tests.factories import TEST_PASSWORD, UserFactory


def test_a_deletion_request_needs_the_current_password(client, employee):
    client.force_login(employee)
    response = client.post("/cabinet/deletion/", {"password": "Nepravilno-1", "reason": ""})
    assert response.status_code == 200
    assert "Неверный пароль." in response.content.decode()
    assert not DeletionRequest.objects.exists()


def test_a_user_requests_deletion_and_moderators_are_told(client, employee, moderator):
    client.force_login(employee)
    response = client.post("/cabinet/deletion/", {"password": TEST_PASSWORD, "reason": "Уволился"})
    assert response.status_code == 302
    deletion = DeletionRequest.objects.get()
    assert (deletion.user, deletion.email, deletion.reason) == (
        employee,
        employee.email,
        "Уволился",
    )
    assert deletion.is_pending
    assert Notification.objects.filter(user=employee, kind="account.deletion").exists()
    told = Notification.objects.get(user=moderator, kind="account.deletion_requested")
    assert employee.email in told.text


def test_a_repeated_deletion_request_creates_no_duplicate(client, employee):
    client.force_login(employee)
    for _ in range(2):
        client.post("/cabinet/deletion/", {"password": TEST_PASSWORD, "reason": ""})
    assert DeletionRequest.objects.filter(user=employee).count() == 1
    _, created = DeletionRequest.open_for(employee)
    assert created is False
    assert DeletionRequest.objects.filter(user=employee).count() == 1


def test_a_user_cancels_their_own_deletion_request(client, employee):
    deletion, _ = DeletionRequest.open_for(employee)
    client.force_login(employee)
    assert "Отменить запрос" in client.get("/cabinet/deletion/").content.decode()
    client.post("/cabinet/deletion/cancel/")
    deletion.refresh_from_db()
    assert deletion.status == DeletionRequest.Status.CANCELLED


def test_a_user_cannot_cancel_someone_elses_request(client, employee):
    stranger_request, _ = DeletionRequest.open_for(UserFactory())
    client.force_login(employee)
    client.post("/cabinet/deletion/cancel/")
    stranger_request.refresh_from_db()
    assert stranger_request.is_pending


def test_cancelling_needs_a_post(client, employee):
    DeletionRequest.open_for(employee)
    client.force_login(employee)
    assert client.get("/cabinet/deletion/cancel/").status_code == 405


def test_completing_a_request_erases_the_personal_data(employee):
    deletion, _ = DeletionRequest.open_for(employee, reason="Больше не работаю")
    assert deletion.complete() is True
    user = User.objects.get(pk=employee.pk)
    assert not user.is_active and not user.has_usable_password()
    assert user.email.endswith("@deleted.invalid")
    assert (user.last_name, user.first_name, user.phone) == ("", "", "")
    assert not user.notifications.exists()
    deletion.refresh_from_db()
    assert deletion.status == DeletionRequest.Status.DONE and deletion.email == ""


def test_a_moderator_carries_out_deletion_requests_in_admin(client, employee, moderator):
    from allauth.mfa.totp.internal.auth import TOTP

    deletion, _ = DeletionRequest.open_for(employee)
    TOTP.activate(moderator, "MUNICIPALITETYDEMOTOTPSECRET2345")
    client.force_login(moderator)
    response = client.post(
        "/admin/accounts/deletionrequest/",
        {"action": "complete_selected", "_selected_action": [deletion.pk]},
    )
    assert response.status_code == 302
    deletion.refresh_from_db()
    assert deletion.status == DeletionRequest.Status.DONE
    assert not User.objects.get(pk=employee.pk).is_active
