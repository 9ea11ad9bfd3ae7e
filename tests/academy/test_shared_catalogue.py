"""The unfiltered catalogue, as a visitor without a session sees it, is stored whole for at most
a minute (issue 12's bench); a filtered catalogue and a signed-in user read fresh rows."""

import pytest
from django.urls import reverse

from academy.views.catalogue import SHARED_PAGE_SECONDS
from tests.shared_pages import assert_served_from_cache, stored_timeouts

pytestmark = pytest.mark.django_db


def test_a_guest_reads_the_unfiltered_catalogue_from_the_cache_without_sql(
    client, django_assert_num_queries
):
    assert_served_from_cache(client, reverse("academy:index"), django_assert_num_queries, 0)


def test_the_guest_copy_lives_at_most_a_minute(client, monkeypatch):
    def visit():
        client.get(reverse("academy:index"))
        client.get(reverse("academy:index") + "?level=basic")

    timeouts = stored_timeouts(monkeypatch, visit)
    assert timeouts == [SHARED_PAGE_SECONDS, SHARED_PAGE_SECONDS]
    assert SHARED_PAGE_SECONDS <= 60


def test_a_filtered_catalogue_and_a_signed_in_user_are_never_served_the_guest_copy(
    client, django_user_model
):
    client.get(reverse("academy:index"))
    with_filter = client.get(reverse("academy:index") + "?level=basic")
    assert with_filter.context is not None, "a filtered catalogue is rendered, not stored"
    user = django_user_model.objects.create_user(email="reader@example.ru", password="x")
    client.force_login(user)
    assert client.get(reverse("academy:index")).context is not None


def test_the_cards_read_the_site_root_paths_once_and_link_to_their_courses(client, monkeypatch):
    """Wagtail's `page.url` reads the site root paths from the cache for each page; the
    catalogue hands every card one copy."""
    from wagtail.models import Site

    from tests.academy.factories import make_course

    courses = [make_course(title=f"Курс {number}", lessons=0) for number in range(3)]
    calls = []
    read = Site.get_site_root_paths

    def counting():
        calls.append(1)
        return read()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counting))
    page = client.get(reverse("academy:index") + "?level=basic").content.decode()
    assert len(calls) == 1
    for course in courses:
        assert f'<a href="{course.url}">{course.title}</a>' in page


def test_the_catalogue_follows_unpublishing_publishing_and_restrictions(client):
    """The courses it leaves out are kept by id under the academy pages' version: each change
    shows on the next request."""
    from wagtail.models import PageViewRestriction

    from academy.models import CoursePage
    from tests.academy.factories import make_course

    course = make_course(title="Временный курс", lessons=0)
    url = reverse("academy:index") + "?level=basic"
    assert "Временный курс" in client.get(url).content.decode()
    course.unpublish()
    assert "Временный курс" not in client.get(url).content.decode()
    CoursePage.objects.get(pk=course.pk).save_revision().publish()
    assert "Временный курс" in client.get(url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Временный курс" not in client.get(url).content.decode()
    restriction.delete()
    assert "Найдено курсов: 1" in client.get(url).content.decode()


def test_the_filter_selects_escape_their_options_and_mark_the_chosen_one(client):
    from academy.models import TrackPage
    from tests.academy.factories import academy_index, make_course

    make_course(title="Курс", lessons=0)
    academy_index().add_child(
        instance=TrackPage(title="<b>Данные</b> & ИИ", slug="data", summary="Трек")
    )
    page = client.get(reverse("academy:index") + "?track=data&hours=16").content.decode()
    assert '<option value="data" selected>&lt;b&gt;Данные&lt;/b&gt; &amp; ИИ</option>' in page
    assert '<option value="16" selected>до 16 часов</option>' in page
    assert '<option value="">Любой</option><option value="8">до 8 часов</option>' in page
