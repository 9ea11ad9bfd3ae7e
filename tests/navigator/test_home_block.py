"""The home block «Скоро завершается приём» follows what editors publish and the calendar."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from tests.navigator.factories import SupportMeasureFactory
from tests.portal.page_helpers import home_with_indexes

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return home_with_indexes()


def closing_soon(**fields):
    return SupportMeasureFactory(
        title="Грант, который скоро закроется",
        closes_on=timezone.localdate() + timedelta(days=3),
        **fields,
    )


def shown(client):
    return "Грант, который скоро закроется" in client.get("/").content.decode()


def test_publishing_a_measure_refreshes_the_cached_home_page(
    client, home, django_capture_on_commit_callbacks
):
    measure = closing_soon(live=False)
    assert not shown(client)
    with django_capture_on_commit_callbacks(execute=True):
        measure.save_revision().publish()
    assert shown(client)


def test_unpublishing_a_measure_refreshes_the_cached_home_page(
    client, home, django_capture_on_commit_callbacks
):
    measure = closing_soon()
    assert shown(client)
    with django_capture_on_commit_callbacks(execute=True):
        measure.unpublish()
    assert not shown(client)


def test_deleting_a_measure_refreshes_the_cached_home_page(
    client, home, django_capture_on_commit_callbacks
):
    measure = closing_soon()
    assert shown(client)
    with django_capture_on_commit_callbacks(execute=True):
        measure.delete()
    assert not shown(client)


def test_the_cached_home_page_is_not_served_after_midnight(client, home):
    measure = closing_soon()
    client.get("/")
    # Behind the editors' back (no signal): only the new date can reveal the change.
    type(measure).objects.filter(pk=measure.pk).update(title="Переименованная мера")
    assert shown(client)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert not shown(client)
