"""The unfiltered catalogue, as a visitor without a session sees it, is stored whole; a saved
practice drops the copy at once, and filters and signed-in users always read fresh rows."""

import pytest
from django.urls import reverse

from practices.models import Practice
from practices.views.catalogue import SHARED_PAGE_SECONDS
from tests.practices.factories import PracticeFactory
from tests.shared_pages import assert_served_from_cache, stored_timeouts

pytestmark = pytest.mark.django_db
URL = reverse("practices:index")


def test_a_guest_reads_the_unfiltered_catalogue_from_the_cache_without_sql(
    client, django_assert_num_queries
):
    PracticeFactory(title="Раздельный сбор во дворах")
    assert_served_from_cache(client, URL, django_assert_num_queries, 0)


def test_the_guest_copy_lives_at_most_a_minute(client, monkeypatch):
    timeouts = stored_timeouts(monkeypatch, lambda: client.get(URL))
    assert timeouts == [SHARED_PAGE_SECONDS] and SHARED_PAGE_SECONDS <= 60


def test_a_saved_practice_shows_to_guests_at_once(client, django_capture_on_commit_callbacks):
    PracticeFactory(title="Первая практика про освещение")
    client.get(URL)
    with django_capture_on_commit_callbacks(execute=True):
        PracticeFactory(title="Вторая практика про освещение")
    assert "Вторая практика" in client.get(URL).content.decode()


def test_filters_and_signed_in_users_are_never_served_the_guest_copy(client, employee):
    PracticeFactory(title="Первая практика про освещение")
    client.get(URL)
    client.get(URL, {"q": "освещение"})
    # Written around the signals, as a direct SQL change or a late adoption would be.
    Practice.objects.filter(title__startswith="Первая").update(title="Обновлённая практика")
    assert "Обновлённая" in client.get(URL, {"q": "практика"}).content.decode()
    client.force_login(employee)
    assert "Обновлённая" in client.get(URL).content.decode()
