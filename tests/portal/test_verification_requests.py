"""A request to a moderator: filed and followed in the cabinet, decided in the moderators'
queue on the site or in admin, the decision notified."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from portal.accounts.models import VerificationRequest
from portal.notifications.models import Notification
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/cabinet/verification/"
QUEUE = "/cabinet/verification/queue/"


def request_form(municipality, position="Ведущий специалист", comment=""):
    return {
        "municipality": municipality.full_name,
        "municipality_id": municipality.pk,
        "position": position,
        "comment": comment,
    }


def test_an_unverified_user_files_a_request_once_and_follows_it(client, unverified_user, moderator):
    client.force_login(unverified_user)
    other = MunicipalityFactory()
    data = request_form(other, comment="Отдел ЖКХ, тел. 2-11-45")
    first = client.post(URL, data)
    again = client.post(URL, data)  # a resubmit from a reloaded page
    assert first.status_code == again.status_code == 302
    request = VerificationRequest.objects.get(user=unverified_user)
    assert (request.municipality, request.position) == (other, "Ведущий специалист")
    assert Notification.objects.filter(
        user=moderator, kind="account.verification_requested"
    ).exists()
    page = client.get(URL).content.decode()
    assert "Заявка на рассмотрении" in page and other.full_name in page


def test_a_refused_request_keeps_what_was_typed(client, unverified_user):
    client.force_login(unverified_user)
    data = {"municipality": "Нет такого поселения", "position": "", "comment": "Мой отдел"}
    response = client.post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Укажите должность." in page and "не найдено" in page
    assert "Нет такого поселения" in page and "Мой отдел" in page
    assert not VerificationRequest.objects.exists()


def test_a_moderator_approves_on_the_site_and_the_user_is_notified(
    client, cms_client, unverified_user, moderator
):
    request, _ = VerificationRequest.submit(
        unverified_user, MunicipalityFactory(), "Заместитель главы"
    )
    staff = cms_client(moderator)
    queue = staff.get(QUEUE)
    assert queue.status_code == 200 and unverified_user.email in queue.content.decode()
    staff.post(f"{QUEUE.rsplit('queue/', 1)[0]}{request.pk}/decide/", {"approve": "1"})
    unverified_user.refresh_from_db()
    request.refresh_from_db()
    assert unverified_user.is_verified and unverified_user.verified_by == moderator
    assert unverified_user.position == "Заместитель главы"
    assert unverified_user.municipality == request.municipality
    assert request.status == VerificationRequest.Status.APPROVED
    assert Notification.objects.filter(user=unverified_user, kind="account.verified").exists()


def test_a_rejection_needs_a_reason_which_the_user_reads(
    client, cms_client, unverified_user, moderator
):
    request, _ = VerificationRequest.submit(
        unverified_user, unverified_user.municipality, "Специалист"
    )
    staff = cms_client(moderator)
    decide = f"/cabinet/verification/{request.pk}/decide/"
    assert staff.post(decide, {"note": ""}).status_code == 400
    staff.post(decide, {"note": "В администрации нет такого сотрудника."})
    request.refresh_from_db()
    assert request.status == VerificationRequest.Status.REJECTED
    notice = Notification.objects.get(user=unverified_user, kind="account.verification_rejected")
    assert "нет такого сотрудника" in notice.text
    client.force_login(unverified_user)
    page = client.get(URL).content.decode()
    assert "Прошлая заявка отклонена" in page and "Отправить заявку" in page


def test_only_moderators_and_administrators_open_the_queue(
    client, employee, unverified_user, editor, administrator, cms_client
):
    request, _ = VerificationRequest.submit(
        unverified_user, unverified_user.municipality, "Специалист"
    )
    for person in (employee, unverified_user, editor):
        client.force_login(person)
        assert client.get(QUEUE).status_code == 403
        client.post(f"/cabinet/verification/{request.pk}/decide/", {"approve": "1"})
    request.refresh_from_db()
    assert request.is_pending
    assert cms_client(administrator).get(QUEUE).status_code == 200


def test_the_admin_queue_approves_and_rejects_with_a_reason(client, moderator):
    first, second = (
        VerificationRequest.submit(UserFactory(is_verified=False), MunicipalityFactory(), "Глава")
        for _ in range(2)
    )
    first, second = first[0], second[0]
    TOTP.activate(moderator, "MUNICIPALITETYDEMOTOTPSECRET2345")
    client.force_login(moderator)
    url = "/admin/accounts/verificationrequest/"
    client.post(url, {"action": "approve_selected", "_selected_action": [first.pk]})
    asked = client.post(url, {"action": "reject_selected", "_selected_action": [second.pk]})
    assert "Причина отказа" in asked.content.decode()  # the reason is asked for first
    client.post(
        url,
        {"action": "reject_selected", "_selected_action": [second.pk], "note": "Не работает."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == VerificationRequest.Status.APPROVED and first.user.is_verified
    assert second.status == VerificationRequest.Status.REJECTED
    assert second.decision_note == "Не работает."


def test_the_cabinet_offers_an_unverified_user_only_what_they_may_use(client, unverified_user):
    client.force_login(unverified_user)
    page = client.get("/cabinet/").content.decode()
    assert "Задать вопрос юристу" not in page
    assert 'href="/cabinet/verification/"' in page
    assert "Все закладки" in page and "Все подписки" in page
    for private_tool in ("/legal/bookmarks/", "/legal/subscriptions/"):
        assert client.get(private_tool).status_code == 200


def test_a_verified_employee_is_offered_a_question_to_a_lawyer(client, employee):
    client.force_login(employee)
    page = client.get("/cabinet/").content.decode()
    assert "Задать вопрос юристу" in page
    assert 'href="/cabinet/verification/"' not in page
