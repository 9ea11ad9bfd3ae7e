from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from navigator.models import ApplicationStatus, Bookmark, CalendarFeed
from tests.navigator.factories import BookmarkFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db


def test_guests_cannot_bookmark_or_see_bookmarks(client, measure):
    response = client.post(reverse("navigator:bookmark_add", args=[measure.slug]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(reverse("navigator:bookmarks")).status_code == 302
    assert not Bookmark.objects.exists()


def test_bookmarking_twice_keeps_one_bookmark(client, employee, measure):
    client.force_login(employee)
    url = reverse("navigator:bookmark_add", args=[measure.slug])
    client.post(url)
    client.post(url)
    assert Bookmark.objects.filter(user=employee, measure=measure).count() == 1


def test_a_user_sees_only_their_own_bookmarks(client, employee, other_employee):
    mine = BookmarkFactory(user=employee, measure=SupportMeasureFactory(title="Моя мера"))
    BookmarkFactory(user=other_employee, measure=SupportMeasureFactory(title="Чужая мера"))
    client.force_login(employee)
    html = client.get(reverse("navigator:bookmarks")).content.decode()
    assert mine.measure.title in html
    assert "Чужая мера" not in html


def test_someone_elses_bookmark_cannot_be_changed_or_deleted(client, employee, other_employee):
    theirs = BookmarkFactory(user=other_employee)
    client.force_login(employee)
    edit = client.post(
        reverse("navigator:bookmark_edit", args=[theirs.pk]), {"status": ApplicationStatus.WON}
    )
    delete = client.post(reverse("navigator:bookmark_delete", args=[theirs.pk]))
    assert edit.status_code == delete.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ApplicationStatus.PLANNED


def test_the_application_status_dates_and_note_are_saved(client, employee):
    bookmark = BookmarkFactory(user=employee)
    client.force_login(employee)
    response = client.post(
        reverse("navigator:bookmark_edit", args=[bookmark.pk]),
        {"status": ApplicationStatus.PREPARING, "note": "<script>x</script>Собрать смету"},
    )
    assert response.status_code == 302
    bookmark.refresh_from_db()
    assert bookmark.status == ApplicationStatus.PREPARING
    assert bookmark.note == "Собрать смету"


def test_a_note_keeps_ampersands_and_comparisons_as_typed_and_shows_them_once(client, employee):
    bookmark = BookmarkFactory(user=employee)
    client.force_login(employee)
    note = "ООО «Рога & Копыта»: смета < 600 тыс."
    client.post(
        reverse("navigator:bookmark_edit", args=[bookmark.pk]),
        {"status": ApplicationStatus.PREPARING, "note": note},
    )
    bookmark.refresh_from_db()
    assert bookmark.note == note
    html = client.get(reverse("navigator:bookmarks")).content.decode()
    assert "Рога &amp; Копыта»: смета &lt; 600" in html
    assert "&amp;amp;" not in html


def test_a_decision_before_the_application_is_refused(client, employee):
    bookmark = BookmarkFactory(user=employee)
    client.force_login(employee)
    response = client.post(
        reverse("navigator:bookmark_edit", args=[bookmark.pk]),
        {"status": ApplicationStatus.WON, "applied_on": "2026-05-10", "decided_on": "2026-05-01"},
    )
    assert "раньше подачи заявки" in response.content.decode()
    bookmark.refresh_from_db()
    assert bookmark.status == ApplicationStatus.PLANNED


def test_the_cabinet_section_lists_upcoming_deadlines(client, employee):
    soon = SupportMeasureFactory(
        title="Скоро срок", closes_on=timezone.localdate() + timedelta(days=5)
    )
    BookmarkFactory(user=employee, measure=soon)
    client.force_login(employee)
    html = client.get(reverse("cabinet:index")).content.decode()
    assert "Мои меры поддержки" in html
    assert "Скоро срок" in html


def test_the_personal_calendar_feed_needs_the_secret_token_and_can_be_renewed(client, employee):
    BookmarkFactory(user=employee, measure=SupportMeasureFactory(title="Грант на библиотеки"))
    client.force_login(employee)
    client.post(reverse("navigator:calendar_feed_renew"))
    feed = CalendarFeed.objects.get(user=employee)
    client.logout()
    response = client.get(feed.get_absolute_url())
    assert "Грант на библиотеки" in response.content.decode().replace("\r\n ", "")
    assert response["Cache-Control"] == "private, no-store"
    old_url = feed.get_absolute_url()
    feed.renew()
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("navigator:calendar_feed", args=["guess"])).status_code == 404


def test_unpublished_measures_stay_in_the_lists_without_a_link(client, employee):
    gone = BookmarkFactory(user=employee, measure__title="Снятая мера", measure__live=False)
    BookmarkFactory(user=employee, measure__title="Живая мера")
    client.force_login(employee)
    for url in (reverse("navigator:bookmarks"), reverse("cabinet:index")):
        html = client.get(url).content.decode()
        assert "Снятая мера" in html and "нята с публикации" in html, url
        assert gone.measure.get_absolute_url() not in html, url
        assert "Живая мера" in html, url
