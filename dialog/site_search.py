"""«Муниципальный диалог» on the site-wide search page (/search/): public problems only —
never drafts, problems on moderation, rejected or hidden ones — with snippets from their
descriptions and title suggestions."""

from django.urls import reverse
from django.utils.http import urlencode

from dialog.models import Problem
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import build_search_query, headline, normalize_query, rank, safe_headline
from portal.site_search import prefix_matches, ranked_rows

STATUS_LABELS = dict(Problem._meta.get_field("status").choices)


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    query_ = build_search_query(text)
    if query_ is None:
        return SearchResults([], 0)
    matched = Problem.objects.public().filter(search_vector=query_)
    fields = ("pk", "title", "status", "direction__name", "supports_count")
    rows, total = ranked_rows(
        matched,
        rank("search_vector", query_),
        offset,
        limit,
        snippet=headline("description", query_),
        fields=fields,
    )
    items = [
        SearchItem(
            title=row["title"],
            url=reverse("dialog:problem", args=[row["pk"]]),
            snippet=safe_headline(row["_headline"]),
            kind=f"проблема · {row['direction__name']} · {STATUS_LABELS.get(row['status'], '')}",
        )
        for row in rows
    ]
    return SearchResults(items, total)


def suggest(query, limit):
    """Titles of public problems matching what was typed so far."""
    rows = prefix_matches(Problem.objects.public(), query, "-pk").values("pk", "title")[:limit]
    return [
        SearchItem(row["title"], reverse("dialog:problem", args=[row["pk"]]), kind="проблема")
        for row in rows
    ]


def more_url(query):
    return f"{reverse('dialog:index')}?{urlencode({'q': query})}"


def register():
    register_search_provider(
        SearchProvider(
            key="dialog",
            title="Муниципальный диалог",
            tab="Диалог",
            search=search,
            order=50,
            more_url=more_url,
            suggest=suggest,
        )
    )
