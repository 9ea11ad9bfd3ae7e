import datetime

import pytest

from portal.accounts import roles
from practices.filters import PracticeFilter
from practices.models import Contest, Entry, Score
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(db):
    contest = Contest.objects.create(
        year=2026,
        entries_until=datetime.date.today() + datetime.timedelta(days=30),
        scoring_until=datetime.date.today() + datetime.timedelta(days=60),
    )
    nomination = contest.nominations.create(title="Городская среда")
    for number in range(4):
        Entry.objects.create(
            nomination=nomination, practice=PracticeFactory(title=f"Заявка {number}")
        )
    return contest


@pytest.fixture
def juror(contest):
    user = UserFactory(roles=[roles.EMPLOYEE, roles.JURY])
    contest.jury.add(user)
    return user


def test_a_jury_member_sees_only_the_contests_they_judge(client, contest, juror, employee):
    other = Contest.objects.create(
        year=2027, entries_until=datetime.date(2027, 6, 1), scoring_until=datetime.date(2027, 9, 1)
    )
    client.force_login(juror)
    assert client.get("/practices/contest/2026/jury/").status_code == 200
    assert client.get(f"/practices/contest/{other.year}/jury/").status_code == 403
    client.force_login(employee)
    assert client.get("/practices/contest/2026/jury/").status_code == 403


def test_scores_are_checked_and_replaced_not_doubled(client, contest, juror):
    entry = Entry.objects.first()
    client.force_login(juror)
    client.post(f"/practices/contest/2026/jury/{entry.pk}/", {"points": "11"})
    assert not Score.objects.exists()
    client.post(f"/practices/contest/2026/jury/{entry.pk}/", {"points": "7", "comment": "Хорошо"})
    client.post(f"/practices/contest/2026/jury/{entry.pk}/", {"points": "8"})
    assert Score.objects.get().points == 8


def test_publishing_results_gives_places_by_average_and_the_award_facet(
    client, contest, juror, moderator
):
    second_juror = UserFactory(roles=[roles.EMPLOYEE, roles.JURY])
    contest.jury.add(second_juror)
    entries = list(Entry.objects.order_by("pk"))
    for entry, (first, second) in zip(entries, [(5, 5), (9, 9), (7, 8), (1, 2)], strict=True):
        Score.objects.create(entry=entry, juror=juror, points=first)
        Score.objects.create(entry=entry, juror=second_juror, points=second)
    client.force_login(moderator)
    client.post("/practices/contest/2026/publish/")
    places = dict(Entry.objects.values_list("pk", "place"))
    assert [places[e.pk] for e in entries] == [3, 1, 2, None]
    assert contest.__class__.objects.get().results_published
    awarded = set(PracticeFilter.for_query({"award": "true"}).qs.values_list("pk", flat=True))
    assert awarded == {entries[0].practice_id, entries[1].practice_id, entries[2].practice_id}
    page = client.get(entries[1].practice.get_absolute_url()).content.decode()
    assert "1 место" in page


def test_only_moderators_publish_results(client, contest, juror):
    client.force_login(juror)
    assert client.post("/practices/contest/2026/publish/").status_code == 403
    assert not Contest.objects.get().results_published


def test_an_author_nominates_their_own_practice_once(client, contest, employee):
    own = PracticeFactory(author=employee, municipality=employee.municipality)
    foreign = PracticeFactory()
    nomination = contest.nominations.get()
    client.force_login(employee)
    client.post("/practices/contest/2026/", {"nomination": nomination.pk, "practice": foreign.pk})
    client.post("/practices/contest/2026/", {"nomination": nomination.pk, "practice": own.pk})
    client.post("/practices/contest/2026/", {"nomination": nomination.pk, "practice": own.pk})
    assert Entry.objects.filter(practice=own).count() == 1
    assert not Entry.objects.filter(practice=foreign).exists()
