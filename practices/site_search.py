"""Practices on the site-wide search page (/search/): published, not hidden practices, with
snippets cut from their story (never the contacts) and title suggestions."""

from django.urls import reverse
from django.utils.http import urlencode

from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import safe_headline
from portal.site_search import prefix_matches, ranked_matches
from practices.models import Practice
from practices.search import PRACTICE_INDEX, SNIPPET_SOURCE


def _url(slug):
    return reverse("practices:detail", args=[slug])


def search(query, user, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset)


def search_part(query, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset, partial=True)


def _found(query, limit, offset, partial=False) -> SearchResults:
    rows, total = ranked_matches(
        PRACTICE_INDEX,
        Practice.objects.published(),
        query,
        offset,
        limit,
        snippet=SNIPPET_SOURCE,
        fields=("pk", "slug", "title", "key_result", "municipality__name"),
        partial=partial,
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
            search_part=search_part,
            order=30,
            more_url=more_url,
            suggest=suggest,
        )
    )
