"""Who may open every community address: each URL × each role.

LOGIN: sent to sign in; AWAY: allowed, and sent back to a page.
"""

import pytest

from portal.community.models import Comment, QuestionThread
from tests.access_grid import AWAY, LOGIN, answer
from tests.portal.community.conftest import url

ROLES = ["guest", "unverified_user", "employee", "other_employee", "moderator"]
VERIFIED_PAGE = (LOGIN, 403, 200, 200, 200)
VERIFIED_ACTION = (LOGIN, 403, AWAY, AWAY, AWAY)
SIGNED_IN_PAGE = (LOGIN, 200, 200, 200, 200)
SIGNED_IN_ACTION = (LOGIN, AWAY, AWAY, AWAY, AWAY)
PARTICIPANT_PAGE = (LOGIN, 404, 200, 404, 404)
MODERATOR_PAGE = (LOGIN, 403, 403, 403, 200)
MODERATOR_ACTION = (LOGIN, 403, 403, 403, AWAY)


@pytest.fixture
def world(item, employee):
    comment = Comment.objects.create(author=employee, text="Текст", **Comment.target_fields(item))
    return {"item": item, "comment": comment}


def grid(world, employee, author):
    item, comment = world["item"], world["comment"]
    thread = QuestionThread.objects.create(
        subject="Вопрос", asker=employee, recipient=author, **QuestionThread.target_fields(item)
    )
    return [
        ("get", url("report", item), VERIFIED_PAGE),
        ("get", url("ask", item), VERIFIED_PAGE),
        ("post", url("comment", item), VERIFIED_ACTION, {"text": "Комментарий"}),
        ("post", url("react", item), VERIFIED_ACTION, {"on": "1"}),
        ("post", url("bookmark", item), SIGNED_IN_ACTION, {"on": "1"}),
        ("post", url("follow", item), SIGNED_IN_ACTION, {"on": "1"}),
        ("get", f"/community/comments/{comment.pk}/edit/", (LOGIN, AWAY, 200, AWAY, AWAY)),
        ("post", f"/community/comments/{comment.pk}/delete/", SIGNED_IN_ACTION),
        ("get", "/community/questions/", SIGNED_IN_PAGE),
        ("get", f"/community/questions/{thread.pk}/", PARTICIPANT_PAGE),
        ("get", "/community/bookmarks/", SIGNED_IN_PAGE),
        ("get", "/community/follows/", SIGNED_IN_PAGE),
        ("get", "/community/digests/", SIGNED_IN_PAGE),
        ("get", "/community/moderation/", MODERATOR_PAGE),
        ("get", "/community/moderation/log/", MODERATOR_PAGE),
        ("get", f"/community/moderation/block/{employee.pk}/", MODERATOR_PAGE),
        ("post", "/community/moderation/decide/", MODERATOR_ACTION, {"decision": "approve"}),
    ]


@pytest.mark.django_db
def test_every_community_address_answers_each_role_as_expected(
    client, world, author, employee, unverified_user, other_employee, moderator
):
    users = {
        "guest": None,
        "unverified_user": unverified_user,
        "employee": employee,
        "other_employee": other_employee,
        "moderator": moderator,
    }
    failures = []
    for method, address, expected, *data in grid(world, employee, author):
        for role, want in zip(ROLES, expected, strict=True):
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            response = getattr(client, method)(address, *(data or [{}]))
            if answer(response) != want:
                failures.append(f"{method} {address} as {role}: {answer(response)} != {want}")
    assert failures == []


@pytest.mark.django_db
def test_an_unknown_kind_of_item_is_not_found(client, employee):
    client.force_login(employee)
    assert client.post("/community/accounts.user/1/comment/", {"text": "x"}).status_code == 404
    assert client.post("/community/nothing.here/1/useful/", {"on": "1"}).status_code == 404
