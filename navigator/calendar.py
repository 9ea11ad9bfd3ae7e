"""Application deadlines as iCalendar (.ics) events: one measure, or a user's bookmarks."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//Муниципалитеты.рф//Муниципальный навигатор//RU"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _all_day(uid, day, summary, description, url):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    return event


def measure_events(measure):
    """The dates of a measure worth a calendar entry: opening, pre-application, deadline."""
    host = settings.SITE_URL.split("//")[-1].rstrip("/")
    url = measure.absolute_url
    dates = [
        ("opens", measure.opens_on, "Начало приёма заявок"),
        ("pre", measure.pre_application_on, "Срок предварительной заявки"),
        ("closes", measure.closes_on, "Последний день приёма заявок"),
    ]
    for key, day, label in dates:
        if day is not None:
            uid = f"measure-{measure.pk}-{key}@{host}"
            summary = f"{label}: {measure.title}"
            yield _all_day(uid, day, summary, f"{measure.summary}\n\n{url}", url)


def measure_calendar(measure):
    calendar = _calendar(measure.title)
    for event in measure_events(measure):
        calendar.add_component(event)
    return calendar.to_ical()


def bookmarks_calendar(bookmarks):
    calendar = _calendar("Мои меры поддержки — сроки")
    for bookmark in bookmarks:
        for event in measure_events(bookmark.measure):
            calendar.add_component(event)
    return calendar.to_ical()
