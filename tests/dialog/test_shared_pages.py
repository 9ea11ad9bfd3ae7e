"""The unfiltered field and analytics, as a visitor without a session sees them, are stored whole
for at most a minute (issue 13's bench); filters and signed-in users always read fresh rows."""

import pytest
from django.urls import reverse

from dialog.models import ProblemStatus
from dialog.views.field import SHARED_PAGE_SECONDS
from tests.dialog.factories import problem_in
from tests.shared_pages import assert_served_from_cache, stored_timeouts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["dialog:index", "dialog:analytics"])
def test_a_guest_reads_the_unfiltered_page_from_the_cache_without_sql(
    client, url_name, django_assert_num_queries
):
    problem_in(ProblemStatus.REVIEW, title="Бесхозяйные сети в посёлке")
    assert_served_from_cache(client, reverse(url_name), django_assert_num_queries, 0)


@pytest.mark.parametrize("url_name", ["dialog:index", "dialog:analytics"])
def test_the_guest_copy_lives_at_most_a_minute(client, url_name, monkeypatch):
    timeouts = stored_timeouts(monkeypatch, lambda: client.get(reverse(url_name)))
    assert timeouts == [SHARED_PAGE_SECONDS]
    assert SHARED_PAGE_SECONDS <= 60


def test_a_filtered_field_and_a_signed_in_user_see_new_problems_at_once(client, author):
    problem_in(ProblemStatus.REVIEW, title="Первая проблема про освещение")
    client.get(reverse("dialog:index"))
    problem_in(ProblemStatus.REVIEW, title="Вторая проблема про освещение")
    filtered = client.get(reverse("dialog:index"), {"q": "освещение"}).content.decode()
    assert "Вторая проблема" in filtered
    client.force_login(author)
    assert "Вторая проблема" in client.get(reverse("dialog:index")).content.decode()
    analytics = client.get(reverse("dialog:analytics")).context["data"]
    assert analytics["total"] == 2
