"""The pages' group on the site-wide search page: news, events and standard pages."""

from wagtail.models import Page

from portal.pages.models import EventPage, NewsPage, StandardPage
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import normalize_query, plan_words
from portal.site_search import COUNT_CAP, LowerBound, mark_words


def _searchable_types():

    return {NewsPage: "Новость", EventPage: "Мероприятие", StandardPage: "Страница"}


def site_search(query, user, limit, offset=0):
    """Wagtail's search over live public pages (never drafts or private pages); a bounded
    number of queries per call."""
    text = normalize_query(query)
    if not text:
        return SearchResults([], 0)
    return _found(text, limit, offset)


def search_part(query, limit, offset=0):
    """Pages holding any of the query's meaningful words, those with more of them first."""
    words = plan_words(normalize_query(query)).words
    if len(words) < 2:
        return SearchResults([], 0)
    return _found(" ".join(words), limit, offset, operator="or")


def _found(text, limit, offset, operator="and"):
    kinds = _searchable_types()
    results = Page.objects.live().public().type(*kinds).search(text, operator=operator)
    found_ids = [page.pk for page in results[offset : offset + limit]]
    pages = Page.objects.filter(pk__in=found_ids).specific().in_bulk()
    items = []
    for pk in found_ids:
        page = pages[pk]
        lead = getattr(page, "lead", "") or getattr(page, "intro", "")
        items.append(
            SearchItem(
                title=page.title,
                url=page.url,
                snippet=mark_words(lead, text),
                kind=kinds.get(type(page), ""),
            )
        )
    if len(found_ids) < limit and (found_ids or not offset):
        return SearchResults(items, offset + len(found_ids))
    total = results.count()
    return SearchResults(items, LowerBound(COUNT_CAP) if total > COUNT_CAP else total)


def register():
    register_search_provider(
        SearchProvider(
            key="pages",
            title="Новости, мероприятия и страницы",
            tab="Новости и страницы",
            search=site_search,
            search_part=search_part,
            order=60,
        )
    )
