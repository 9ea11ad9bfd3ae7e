"""The unfiltered catalogue, as a visitor without a session sees it, is stored whole; a saved
practice drops the copy at once, and filters and signed-in users always read fresh rows."""

import pytest
from django.urls import reverse

from portal import caching
from practices.models import Practice
from practices.views.catalogue import SHARED_PAGE_SECONDS
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
URL = reverse("practices:index")


def test_a_guest_reads_the_unfiltered_catalogue_from_the_cache_without_sql(
    client, django_assert_num_queries
):
    PracticeFactory(title="Раздельный сбор во дворах")
    first = client.get(URL)
    with django_assert_num_queries(0):
        second = client.get(URL)
    assert second.content == first.content
    assert "Cookie" in second["Vary"]


def test_the_guest_copy_lives_at_most_a_minute(client, monkeypatch):
    timeouts = []
    store = caching.store_shared_page

    def recording(request, key, response, timeout):
        timeouts.append(timeout)
        return store(request, key, response, timeout)

    monkeypatch.setattr(caching, "store_shared_page", recording)
    client.get(URL)
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
