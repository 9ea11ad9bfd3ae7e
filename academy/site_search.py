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
    rank,
    safe_headline,
    text_filter,
)
from portal.site_search import in_order, prefix_query, ranked_page


def _courses():
    return CoursePage.objects.live().public()


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    query_ = build_search_query(text)
    if query_ is None:
        return SearchResults([], 0)
    matched = text_filter(COURSE_INDEX, _courses(), text)
    pks, total = ranked_page(matched, F("relevance"), offset, limit)
    courses = CoursePage.objects.filter(pk__in=pks).annotate(_headline=headline("summary", query_))
    courses = in_order(courses.only("title", "url_path", "hours"), pks) if pks else []
    items = [
        SearchItem(
            title=course.title,
            url=course.url,
            snippet=safe_headline(course._headline),
            kind=f"курс · {course.hours} ч." if course.hours else "курс",
        )
        for course in courses
    ]
    return SearchResults(items, total)


def suggest(query, limit):
    """Titles of live public courses matching what was typed so far."""
    prefix = prefix_query(query)
    if prefix is None:
        return []
    courses = (
        _courses()
        .filter(search_vector=prefix)
        .annotate(_rank=rank("search_vector", prefix))
        .order_by("-_rank", "path")
        .only("title", "url_path")
    )
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
