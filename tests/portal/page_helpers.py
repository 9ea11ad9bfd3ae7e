"""Building blocks for tests of the Wagtail pages: a home page and published children."""

from datetime import timedelta

from django.utils import timezone

from portal.pages.demo import ensure_home_page
from portal.pages.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, StandardPage


def publish(parent, page):
    """Add a live page quickly (no revision); tests of editors' publishing use revisions."""
    parent.add_child(instance=page)
    return page


def add_draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    return page


def home_with_indexes():
    home = ensure_home_page()
    news_index = publish(home, NewsIndexPage(title="Новости", slug="news"))
    events_index = publish(home, EventIndexPage(title="Мероприятия", slug="events"))
    return home, news_index, events_index


def add_news(news_index, number, days_ago=0, draft=False, **fields):
    fields.setdefault("lead", f"Анонс новости {number}")
    return (add_draft if draft else publish)(
        news_index,
        NewsPage(
            title=f"Новость номер {number}",
            slug=f"news-{number}",
            date=timezone.localdate() - timedelta(days=days_ago),
            body=f"<p>Текст новости {number}</p>",
            **fields,
        ),
    )


def add_event(events_index, number, days_from_now, **fields):
    start = timezone.now() + timedelta(days=days_from_now)
    fields.setdefault("place", "Администрация городского округа")
    fields.setdefault("lead", f"Анонс мероприятия {number}")
    return publish(
        events_index,
        EventPage(
            title=f"Мероприятие номер {number}",
            slug=f"event-{number}",
            start=start,
            end=start + timedelta(hours=2),
            **fields,
        ),
    )


def add_standard(parent, slug, title="Текстовая страница"):
    return publish(parent, StandardPage(title=title, slug=slug, body="<p>Текст</p>"))
