"""The pages' group on the site-wide search page: news, events and standard pages."""

from django.utils.text import Truncator
from wagtail.models import Page

from portal.registry import SearchProvider, register_search_provider

SNIPPET_WORDS = 30


def _searchable_types():
    from portal.pages.models import EventPage, NewsPage, StandardPage

    return {NewsPage: "Новость", EventPage: "Мероприятие", StandardPage: "Страница"}


def site_search(query, user, limit):
    """Wagtail's search over published public pages; a bounded number of queries per call."""
    kinds = _searchable_types()
    results = Page.objects.live().public().type(*kinds).search(query)
    found_ids = [page.pk for page in results[:limit]]
    pages = Page.objects.filter(pk__in=found_ids).specific().in_bulk()
    items = []
    for pk in found_ids:
        page = pages[pk]
        text = getattr(page, "lead", "") or getattr(page, "intro", "")
        items.append(
            {
                "title": page.title,
                "url": page.url,
                "snippet": Truncator(text).words(SNIPPET_WORDS),
                "kind": kinds.get(type(page), ""),
            }
        )
    return items, results.count()


def register():
    register_search_provider(
        SearchProvider(key="pages", title="Новости, мероприятия и страницы", search=site_search)
    )
