"""The academy on the site-wide search page (/search/): live, public courses only, with the
matched words of their summaries marked, and title suggestions."""

from django.urls import reverse
from django.utils.http import urlencode

from academy.documents import COURSE_INDEX
from academy.models import CoursePage
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import safe_headline
from portal.site_search import prefix_matches, ranked_matches

FIELDS = ("pk", "title", "url_path", "hours")


def _courses():
    return CoursePage.objects.live().public()


def search(query, user, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset)


def search_part(query, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset, partial=True)


def _found(query, limit, offset, partial=False) -> SearchResults:
    rows, total = ranked_matches(
        COURSE_INDEX,
        _courses(),
        query,
        offset,
        limit,
        snippet="summary",
        fields=FIELDS,
        partial=partial,
    )
    items = [
        SearchItem(
            title=row["title"],
            url=CoursePage(pk=row["pk"], url_path=row["url_path"]).url,
            snippet=safe_headline(row["_headline"]),
            kind=f"курс · {row['hours']} ч." if row["hours"] else "курс",
        )
        for row in rows
    ]
    return SearchResults(items, total)


def suggest(query, limit):
    """Titles of live public courses matching what was typed so far."""
    courses = prefix_matches(_courses(), query, "path").only("title", "url_path")
    return [SearchItem(course.title, course.url, kind="курс") for course in courses[:limit]]


def more_url(query):
    return f"{reverse('academy:index')}?{urlencode({'q': query})}"


def register():
    register_search_provider(
        SearchProvider(
            key="academy",
            title="Курсы академии",
            tab="Академия",
            search=search,
            search_part=search_part,
            order=40,
            more_url=more_url,
            suggest=suggest,
        )
    )
