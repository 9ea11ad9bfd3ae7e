"""A practice's page, as a visitor without a session sees it, is stored whole; every change it
shows (an edit, a comment, «полезно», an adoption, an award, hiding) is there at once."""

import datetime

import pytest

from portal.community import moderation
from portal.community.models import Comment
from practices.models import Adoption, Contest, Entry, Practice
from practices.views.catalogue import SHARED_DETAIL_SECONDS
from tests.factories import MunicipalityFactory
from tests.shared_pages import assert_served_from_cache, stored_timeouts

pytestmark = pytest.mark.django_db


def page(client, practice):
    return client.get(practice.get_absolute_url())


def act(client, user, practice, action, data):
    client.force_login(user)
    client.post(f"/community/practices.practice/{practice.pk}/{action}/", data)
    client.logout()


def test_a_guest_reads_a_practice_page_from_the_cache_with_one_query(
    client, practice, django_assert_num_queries
):
    assert_served_from_cache(client, practice.get_absolute_url(), django_assert_num_queries)


def test_the_guest_copy_lives_at_most_five_minutes(client, practice, monkeypatch):
    timeouts = stored_timeouts(monkeypatch, lambda: page(client, practice))
    assert timeouts == [SHARED_DETAIL_SECONDS] and SHARED_DETAIL_SECONDS <= 300


def test_an_edit_of_the_practice_shows_to_guests_at_once(client, practice):
    page(client, practice)
    practice.key_result = "Жалобы исчезли совсем"
    practice.save()
    assert "Жалобы исчезли совсем" in page(client, practice).content.decode()


def test_a_comment_and_a_useful_mark_show_to_guests_at_once(client, practice, employee):
    page(client, practice)
    act(client, employee, practice, "comment", {"text": "Повторили у себя, работает"})
    html = page(client, practice).content.decode()
    assert "Повторили у себя, работает" in html
    act(client, employee, practice, "useful", {"on": "1"})
    assert (
        "Полезно: <strong data-useful-count>1</strong>" in page(client, practice).content.decode()
    )


def test_a_hidden_comment_and_a_hidden_practice_leave_the_guest_page_at_once(
    client, practice, employee, moderator
):
    act(client, employee, practice, "comment", {"text": "Реклама подрядчика"})
    assert "Реклама подрядчика" in page(client, practice).content.decode()
    moderation.report(moderator, Comment.objects.get(), "spam", "Реклама")
    assert "Реклама подрядчика" not in page(client, practice).content.decode()
    moderation.report(moderator, practice, "spam", "Реклама")
    assert Practice.objects.get(pk=practice.pk).is_hidden
    assert page(client, practice).status_code == 404


def test_an_adoption_and_an_award_show_to_guests_at_once(client, practice):
    page(client, practice)
    Adoption.objects.create(practice=practice, municipality=MunicipalityFactory())
    assert (
        "Муниципальных образований, внедривших практику: 1."
        in page(client, practice).content.decode()
    )
    contest = Contest.objects.create(
        year=2026,
        entries_until=datetime.date.today(),
        scoring_until=datetime.date.today(),
    )
    entry = Entry.objects.create(
        nomination=contest.nominations.create(title="Городская среда"), practice=practice
    )
    Entry.objects.filter(pk=entry.pk).update(place=1)  # as publishing the results does
    page(client, practice)
    contest.results_published_at = datetime.datetime.now(datetime.UTC)
    contest.save(update_fields=["results_published_at"])
    assert "1 место" in page(client, practice).content.decode()


def test_signed_in_readers_never_get_the_guest_copy(client, practice, employee):
    page(client, practice)
    client.force_login(employee)
    assert practice.contact_email in page(client, practice).content.decode()
