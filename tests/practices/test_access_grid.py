"""Who may open every new practices address: each URL × each role.

LOGIN: sent to sign in; AWAY: allowed and sent on to a page.
"""

import datetime

import pytest

from portal.accounts import roles
from practices.models import Contest, Entry
from tests.access_grid import AWAY, LOGIN, answer
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory

ROLES = ["guest", "unverified_user", "employee", "other_employee", "moderator", "juror"]


@pytest.fixture
def world(employee):
    draft = PracticeFactory(author=employee, municipality=employee.municipality, live=False)
    published = PracticeFactory(author=UserFactory())
    contest = Contest.objects.create(
        year=2026,
        entries_until=datetime.date.today() + datetime.timedelta(days=10),
        scoring_until=datetime.date.today() + datetime.timedelta(days=20),
    )
    entry = Entry.objects.create(
        nomination=contest.nominations.create(title="Среда"), practice=published
    )
    juror = UserFactory(roles=[roles.EMPLOYEE, roles.JURY])
    contest.jury.add(juror)
    return {"draft": draft, "published": published, "entry": entry, "juror": juror}


def grid(world):
    draft, published, entry = world["draft"], world["published"], world["entry"]
    return [
        ("get", "/practices/", (200,) * 6),
        ("get", f"/practices/{published.slug}/", (200,) * 6),
        ("get", f"/practices/{draft.slug}/", (404,) * 6),
        ("get", "/practices/new/", (LOGIN, 403, 200, 200, 200, 200)),
        ("get", "/practices/mine/", (LOGIN, 403, 200, 200, 200, 200)),
        ("get", f"/practices/edit/{draft.pk}/", (LOGIN, 403, AWAY, 404, 404, 404)),
        ("get", f"/practices/edit/{draft.pk}/about/", (LOGIN, 403, 200, 404, 404, 404)),
        ("get", f"/practices/edit/{draft.pk}/files/", (LOGIN, 403, 200, 404, 404, 404)),
        ("post", f"/practices/edit/{draft.pk}/story/", (LOGIN, 403, 200, 404, 404, 404)),
        ("get", f"/practices/edit/{draft.pk}/review/", (LOGIN, 403, 200, 404, 404, 404)),
        ("post", f"/practices/edit/{draft.pk}/review/", (LOGIN, 403, 200, 404, 404, 404)),
        ("get", f"/practices/preview/{draft.pk}/", (LOGIN, 403, 200, 404, 200, 404)),
        ("get", "/practices/similar/?title=двор", (200,) * 6),
        ("get", "/practices/api/practices/?region=xx&page=1", (200,) * 6),
        ("get", f"/practices/authors/{published.author_id}/", (200,) * 6),
        ("get", f"/practices/authors/{draft.author_id}/", (404,) * 6),
        ("get", "/practices/adopted/", (200,) * 6),
        ("get", f"/practices/{published.slug}/adopt/", (LOGIN, 403, 200, 200, 200, 200)),
        ("get", "/practices/contest/2026/", (200,) * 6),
        # «Подписаться на эту подборку»: the portal's alert form for the catalogue's filter.
        ("get", "/cabinet/notifications/alerts/new/practices/?award=on", (LOGIN, 403) + (200,) * 4),
        (
            "post",
            "/cabinet/notifications/alerts/new/practices/",
            (LOGIN, 403) + (AWAY,) * 4,
            {"title": "Победители", "frequency": "weekly", "query": "award=on"},
        ),
        ("get", "/practices/contest/2026/jury/", (LOGIN, 403, 403, 403, 403, 200)),
        (
            "post",
            f"/practices/contest/2026/jury/{entry.pk}/",
            (LOGIN, 403, 403, 403, 403, AWAY),
            {"points": "5"},
        ),
        ("post", "/practices/contest/2026/publish/", (LOGIN, 403, 403, 403, AWAY, 403)),
    ]


@pytest.mark.django_db
def test_every_practices_address_answers_each_role_as_expected(
    client, world, employee, unverified_user, other_employee, moderator
):
    users = {
        "guest": None,
        "unverified_user": unverified_user,
        "employee": employee,
        "other_employee": other_employee,
        "moderator": moderator,
        "juror": world["juror"],
    }
    failures = []
    # Publishing results is last: it changes what the jury may do.
    for method, address, expected, *data in grid(world):
        for role, want in zip(ROLES, expected, strict=True):
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            response = getattr(client, method)(address, *(data or [{}]))
            if answer(response) != want:
                failures.append(f"{method} {address} as {role}: {answer(response)} != {want}")
    assert failures == []


@pytest.mark.django_db
def test_guests_never_see_contacts_and_employees_do(client, employee):
    practice = PracticeFactory()
    assert practice.contact_email not in client.get(practice.get_absolute_url()).content.decode()
    client.force_login(employee)
    assert practice.contact_email in client.get(practice.get_absolute_url()).content.decode()
