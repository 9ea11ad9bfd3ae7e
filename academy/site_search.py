"""The academy on the site-wide search page (/search/): live, public courses only, with the
matched words of their summaries marked, and title suggestions."""

from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode

from academy.documents import COURSE_INDEX
from academy.models import CoursePage
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import (
    build_search_query,
    headline,
    normalize_query,
    safe_headline,
    text_filter,
)
from portal.site_search import prefix_matches, ranked_rows

FIELDS = ("pk", "title", "url_path", "hours")


def _courses():
    return CoursePage.objects.live().public()


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    query_ = build_search_query(text)
    if query_ is None:
        return SearchResults([], 0)
    matched = text_filter(COURSE_INDEX, _courses(), text)
    snippet = headline("summary", query_)
    rows, total = ranked_rows(
        matched, F("relevance"), offset, limit, snippet=snippet, fields=FIELDS
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
            order=40,
            more_url=more_url,
            suggest=suggest,
        )
    )
