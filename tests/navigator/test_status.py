from datetime import date, timedelta

import pytest

from navigator.models import MeasureStatus, Recurrence, SupportMeasure
from tests.navigator.factories import SupportMeasureFactory

TODAY = date(2026, 3, 15)


def measure_with(opens_on, closes_on, recurrence=Recurrence.ONE_OFF):
    return SupportMeasure(opens_on=opens_on, closes_on=closes_on, recurrence=recurrence)


def test_a_measure_whose_window_has_not_started_is_upcoming():
    measure = measure_with(TODAY + timedelta(days=1), TODAY + timedelta(days=40))
    assert measure.status_on(TODAY) == MeasureStatus.UPCOMING


def test_a_measure_is_open_on_its_first_and_last_day():
    measure = measure_with(TODAY, TODAY + timedelta(days=5))
    assert measure.status_on(TODAY) == MeasureStatus.OPEN
    assert measure.status_on(TODAY + timedelta(days=5)) == MeasureStatus.OPEN


def test_a_measure_is_closed_the_day_after_its_deadline():
    measure = measure_with(TODAY - timedelta(days=30), TODAY - timedelta(days=1))
    assert measure.status_on(TODAY) == MeasureStatus.CLOSED


def test_a_permanent_measure_without_dates_is_always_open():
    measure = measure_with(None, None, Recurrence.PERMANENT)
    assert measure.status_on(TODAY) == MeasureStatus.OPEN


def test_days_left_counts_to_the_deadline_and_is_none_when_not_open():
    assert measure_with(None, TODAY + timedelta(days=3)).days_left(TODAY) == 3
    assert measure_with(None, TODAY - timedelta(days=3)).days_left(TODAY) is None


def test_an_annual_measure_after_its_window_expects_the_next_cycle_a_year_later():
    measure = measure_with(date(2025, 2, 1), date(2025, 3, 1), Recurrence.ANNUAL)
    assert measure.next_cycle_opens_on(TODAY) == date(2026, 2, 1)


@pytest.mark.django_db
def test_queryset_status_filters_agree_with_the_status_of_each_measure():
    today = date.today()
    upcoming = SupportMeasureFactory(opens_on=today + timedelta(days=3))
    open_ = SupportMeasureFactory()
    closed = SupportMeasureFactory(
        opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=1)
    )
    measures = SupportMeasure.objects.all()
    assert set(measures.open()) == {open_}
    assert set(measures.upcoming()) == {upcoming}
    assert set(measures.with_status(MeasureStatus.CLOSED)) == {closed}
    annotated = {m.pk: m.current_status for m in measures.annotate_status()}
    assert annotated == {m.pk: m.status for m in (upcoming, open_, closed)}


@pytest.mark.django_db
def test_closing_within_selects_open_measures_ending_in_the_period():
    today = date.today()
    soon = SupportMeasureFactory(closes_on=today + timedelta(days=5))
    SupportMeasureFactory(closes_on=today + timedelta(days=40))
    SupportMeasureFactory(opens_on=today - timedelta(days=9), closes_on=today - timedelta(days=1))
    assert list(SupportMeasure.objects.closing_within(7)) == [soon]


@pytest.mark.django_db
def test_published_leaves_out_drafts():
    SupportMeasureFactory(live=False)
    live = SupportMeasureFactory()
    assert list(SupportMeasure.objects.published()) == [live]


@pytest.mark.django_db
def test_the_home_block_lists_published_measures_closing_within_two_weeks():
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from navigator.integration import closing_soon_context

    today = date.today()
    soon = SupportMeasureFactory(closes_on=today + timedelta(days=10))
    SupportMeasureFactory(closes_on=today + timedelta(days=20))
    SupportMeasureFactory(closes_on=today + timedelta(days=2), live=False)
    guest = RequestFactory().get("/")
    guest.user = AnonymousUser()
    assert closing_soon_context(guest)["closing"] == [soon]


@pytest.mark.django_db
def test_deadline_order_puts_nearest_open_deadlines_first_and_closed_measures_last():
    closed_long_ago = SupportMeasureFactory(closes_on=TODAY - timedelta(days=60))
    closed_yesterday = SupportMeasureFactory(closes_on=TODAY - timedelta(days=1))
    permanent = SupportMeasureFactory(opens_on=None, closes_on=None)
    closing_later = SupportMeasureFactory(closes_on=TODAY + timedelta(days=30))
    closing_soon = SupportMeasureFactory(closes_on=TODAY + timedelta(days=2))

    ordered = list(SupportMeasure.objects.by_deadline(today=TODAY))

    assert ordered == [closing_soon, closing_later, permanent, closed_yesterday, closed_long_ago]
