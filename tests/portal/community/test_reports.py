import threading

import pytest
from django.db import connection

from portal.community import moderation
from portal.community.models import (
    CaseKind,
    CaseState,
    Comment,
    ModerationAction,
    ModerationCase,
    Report,
)
from portal.notifications.models import Notification
from tests.portal.community.conftest import comment_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(client, item, author):
    client.force_login(author)
    comment_on(client, item, "Спорный комментарий")
    client.logout()
    return Comment.objects.get()


def report_comment(client, user, comment, reason="rude"):
    client.force_login(user)
    return client.post(
        f"/community/community.comment/{comment.pk}/report/", {"reason": reason, "text": "Грубо"}
    )


def test_three_distinct_verified_reports_hide_a_comment_and_the_author_is_told(
    client, comment, verified_users, author
):
    for user in verified_users[:2]:
        report_comment(client, user, comment)
    comment.refresh_from_db()
    assert not comment.is_hidden
    report_comment(client, verified_users[2], comment, reason="spam")
    comment.refresh_from_db()
    assert comment.is_hidden
    told = Notification.objects.get(user=author, kind="community.moderation")
    assert "Оскорбления" in told.text and "Спам" in told.text
    assert ModerationAction.objects.filter(verb="hide", moderator=None).count() == 1


def test_the_same_person_reporting_three_times_counts_once(client, comment, verified_users):
    for _ in range(3):
        report_comment(client, verified_users[0], comment)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert Report.objects.count() == 1


def test_unverified_users_cannot_report(client, comment, unverified_user):
    assert report_comment(client, unverified_user, comment).status_code == 403
    assert not Report.objects.exists()


def test_a_report_without_a_reason_is_refused_in_russian(client, comment, employee):
    client.force_login(employee)
    response = client.post(f"/community/community.comment/{comment.pk}/report/", {"text": "x"})
    assert "Выберите причину" in response.content.decode()
    assert not Report.objects.exists()


def test_one_moderator_report_hides_at_once(client, comment, moderator):
    report_comment(client, moderator, comment)
    comment.refresh_from_db()
    assert comment.is_hidden


def test_moderator_restores_a_hidden_comment_from_the_queue(
    client, comment, verified_users, moderator, author
):
    for user in verified_users[:3]:
        report_comment(client, user, comment)
    case = ModerationCase.objects.get(kind=CaseKind.REPORT)
    client.force_login(moderator)
    response = client.post(
        "/community/moderation/decide/", {"cases": [case.pk], "decision": "approve"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    case.refresh_from_db()
    assert not comment.is_hidden and case.state == CaseState.APPROVED
    assert ModerationAction.objects.filter(verb="restore", moderator=moderator).exists()
    assert Notification.objects.filter(user=author, text__contains="восстановлен").exists()


def test_rejecting_needs_a_reason_or_a_template(client, comment, moderator):
    report_comment(client, moderator, comment)
    case = ModerationCase.objects.get()
    client.force_login(moderator)
    client.post("/community/moderation/decide/", {"cases": [case.pk], "decision": "reject"})
    case.refresh_from_db()
    assert case.is_open
    client.post(
        "/community/moderation/decide/",
        {"cases": [case.pk], "decision": "reject", "reason": "Грубость"},
    )
    case.refresh_from_db()
    assert case.state == CaseState.REJECTED and case.reason == "Грубость"


def test_employees_cannot_open_the_queue_or_decide(client, comment, moderator, employee):
    report_comment(client, moderator, comment)
    case = ModerationCase.objects.get()
    client.force_login(employee)
    assert client.get("/community/moderation/").status_code == 403
    client.post("/community/moderation/decide/", {"cases": [case.pk], "decision": "approve"})
    case.refresh_from_db()
    assert case.is_open


def test_a_blocked_user_cannot_write_and_is_told_why(client, item, employee, moderator):
    client.force_login(moderator)
    client.post(f"/community/moderation/block/{employee.pk}/", {"days": 7, "reason": "Спам"})
    client.force_login(employee)
    response = comment_on(client, item, "Ещё реклама")
    assert response.status_code == 403
    assert "Спам" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_one_case_at_once_decide_it_once(comment, moderator, employee):
    from portal.accounts import roles
    from tests.factories import UserFactory

    second = UserFactory(is_staff=True, roles=[roles.EMPLOYEE, roles.MODERATOR])
    moderation.report(moderator, comment, "rude")
    case = ModerationCase.objects.get()
    results = []
    barrier = threading.Barrier(2)

    def act(user, approve):
        barrier.wait()
        try:
            results.append(moderation.decide(case.pk, user, approve, "решение"))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(moderator, True)),
        threading.Thread(target=act, args=(second, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert ModerationAction.objects.exclude(verb="hide").count() == 1
