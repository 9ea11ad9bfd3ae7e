"""Practices on the site-wide search page (/search/): published, not hidden practices, with
snippets cut from their story (never the contacts) and title suggestions."""

from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode

from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import (
    build_search_query,
    headline,
    normalize_query,
    safe_headline,
    text_filter,
)
from portal.site_search import prefix_matches, ranked_rows
from practices.models import Practice
from practices.search import PRACTICE_INDEX, SNIPPET_SOURCE


def _url(slug):
    return reverse("practices:detail", args=[slug])


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    query_ = build_search_query(text)
    if query_ is None:
        return SearchResults([], 0)
    matched = text_filter(PRACTICE_INDEX, Practice.objects.published(), text)
    fields = ("pk", "slug", "title", "key_result", "municipality__name")
    snippet = headline(SNIPPET_SOURCE, query_)
    rows, total = ranked_rows(
        matched, F("relevance"), offset, limit, snippet=snippet, fields=fields
    )
    items = [
        SearchItem(
            title=row["title"],
            url=_url(row["slug"]),
            snippet=safe_headline(row["_headline"]) if row["_headline"] else row["key_result"],
            kind=f"практика · {row['municipality__name']}",
        )
        for row in rows
    ]
    return SearchResults(items, total)


def suggest(query, limit):
    """Titles of published practices matching what was typed so far."""
    rows = prefix_matches(Practice.objects.published(), query, "-pk").values("slug", "title")
    rows = rows[:limit]
    return [SearchItem(row["title"], _url(row["slug"]), kind="практика") for row in rows]


def more_url(query):
    return f"{reverse('practices:index')}?{urlencode({'q': query})}"


def register():
    register_search_provider(
        SearchProvider(
            key="practices",
            title="Муниципальные практики",
            tab="Практики",
            search=search,
            order=30,
            more_url=more_url,
            suggest=suggest,
        )
    )
