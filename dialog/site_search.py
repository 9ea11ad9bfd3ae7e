"""«Муниципальный диалог» on the site-wide search page (/search/): public problems only —
never drafts, problems on moderation, rejected or hidden ones — with snippets from their
descriptions and title suggestions."""

from django.urls import reverse
from django.utils.http import urlencode

from dialog.documents import PROBLEM_INDEX
from dialog.models import Problem
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import safe_headline
from portal.site_search import prefix_matches, ranked_matches

STATUS_LABELS = dict(Problem._meta.get_field("status").choices)


def search(query, user, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset)


def search_part(query, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset, partial=True)


def _found(query, limit, offset, partial=False) -> SearchResults:
    rows, total = ranked_matches(
        PROBLEM_INDEX,
        Problem.objects.public(),
        query,
        offset,
        limit,
        snippet="description",
        fields=("pk", "title", "status", "direction__name", "supports_count"),
        partial=partial,
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
            search_part=search_part,
            order=50,
            more_url=more_url,
            suggest=suggest,
        )
    )
