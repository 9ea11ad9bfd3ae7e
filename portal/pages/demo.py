"""Demo page tree for `manage.py seed_demo`: home, news, events and the standard pages.

Idempotent: pages are found by slug and created only when missing, so editors' changes to
existing pages survive a second run.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from portal.pages.demo_content import info, legal
from portal.pages.demo_content.events import EVENTS
from portal.pages.demo_content.news import NEWS
from portal.pages.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)
from portal.registry import ordered, services

TILE_TEXTS = {
    "legal_vector:index": "Законы, муниципальные акты, судебная практика и ответы юристов",
    "navigator:index": "Субсидии, гранты и конкурсы, подобранные под ваш муниципалитет",
    "practices:index": "Решения коллег из других регионов: проблема, решение, результат",
    "academy:index": "Курсы, программы повышения квалификации и вебинары",
    "dialog:index": "Проблемы и предложения, которые рассматривают федеральные эксперты",
}


def seed(stdout):
    with transaction.atomic():
        home = ensure_home_page()
        news_index = _child(home, NewsIndexPage, "news", "Новости", intro=NEWS_INTRO)
        events_index = _child(home, EventIndexPage, "events", "Мероприятия", intro=EVENTS_INTRO)
        created = _seed_news(news_index) + _seed_events(events_index) + _seed_standard(home)
    stdout.write(f"Страницы: главная, новости, мероприятия; создано новых страниц: {created}.")


NEWS_INTRO = "Новости портала и сервисов для муниципальных служащих."
EVENTS_INTRO = "Вебинары, форумы и очные встречи для муниципальных служащих."


def ensure_home_page():
    """The HomePage at the default site's root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node() or _create_root()
    home = HomePage.objects.first()
    if home is None:
        _remove_welcome_page(root)
        home = HomePage(title="Главная", slug="home", tiles=_default_tiles())
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


def _create_root():
    # Only on a database whose Wagtail data was wiped (a flushed test database, for instance).
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(title="Root", slug="root")


def _remove_welcome_page(root):
    # Wagtail's initial migration creates a plain "Welcome" page with the slug "home".
    for child in root.get_children().filter(slug="home"):
        if child.specific_class is Page and not child.get_children().exists():
            child.delete()


def _default_tiles():
    return [
        (
            "service",
            {
                "service": service.url_name,
                "title": service.title,
                "description": TILE_TEXTS.get(service.url_name, service.description),
            },
        )
        for service in ordered(services)
    ]


def _child(parent, page_class, slug, title, **fields):
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = page_class(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _missing(parent, slug):
    return not parent.get_children().filter(slug=slug).exists()


def _seed_news(news_index):
    today = timezone.localdate()
    created = 0
    for item in NEWS:
        if not _missing(news_index, item["slug"]):
            continue
        page = NewsPage(
            title=item["title"],
            slug=item["slug"],
            date=today - timedelta(days=item["days_ago"]),
            lead=item["lead"],
            body=item["body"],
        )
        page.tags.add(*item["tags"])
        news_index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def _seed_events(events_index):
    today = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    created = 0
    for item in EVENTS:
        if not _missing(events_index, item["slug"]):
            continue
        start = today.replace(hour=item["hour"]) + timedelta(days=item["days_from_now"])
        page = EventPage(
            title=item["title"],
            slug=item["slug"],
            start=start,
            end=start + timedelta(hours=item["duration_hours"]),
            place=item["place"],
            online_url=f"https://example.org/stream/{item['slug']}" if item["online"] else "",
            registration_url=f"https://example.org/register/{item['slug']}",
            lead=item["lead"],
            body=item["body"],
        )
        events_index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


STANDARD_PAGES = [
    ("about", "О портале", info.ABOUT_INTRO, info.ABOUT_BODY, False),
    ("help", "Помощь", info.HELP_INTRO, info.HELP_BODY, False),
    (
        "privacy",
        "Политика обработки персональных данных",
        legal.PRIVACY_INTRO,
        legal.PRIVACY_BODY,
        True,
    ),
    ("terms", "Пользовательское соглашение", legal.TERMS_INTRO, legal.TERMS_BODY, True),
]


def _seed_standard(home):
    created = 0
    for slug, title, intro, body, versioned in STANDARD_PAGES:
        if not _missing(home, slug):
            continue
        version = settings.PRIVACY_POLICY_VERSION if versioned else ""
        _child(home, StandardPage, slug, title, intro=intro, body=body, document_version=version)
        created += 1
    return created
