"""The academy on the site-wide search page (/search/): live, public courses only, with their
summaries as snippets and title suggestions."""

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode

from academy.models import CoursePage
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import build_search_query, normalize_query
from portal.site_search import bounded_total, mark_words, prefix_query

# Courses are a few hundred rows: their words are read on the fly, title first.
VECTOR = SearchVector("title", weight="A", config="russian") + SearchVector(
    "summary", weight="B", config="russian"
)


def _courses():
    return CoursePage.objects.live().public().annotate(_vector=VECTOR)


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    query_ = build_search_query(text)
    if query_ is None:
        return SearchResults([], 0)
    matched = _courses().filter(_vector=query_)
    rows = list(
        matched.annotate(_rank=SearchRank(F("_vector"), query_))
        .order_by(F("_rank").desc(), "path")
        .only("title", "url_path", "summary", "hours")[offset : offset + limit]
    )
    items = [
        SearchItem(
            title=course.title,
            url=course.url,
            snippet=mark_words(course.summary, text),
            kind=f"курс · {course.hours} ч." if course.hours else "курс",
        )
        for course in rows
    ]
    return SearchResults(items, bounded_total(matched, len(rows), offset, limit))


def suggest(query, limit):
    prefix = prefix_query(query)
    if prefix is None:
        return []
    courses = _courses().filter(_vector=prefix).order_by("path").only("title", "url_path")
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
