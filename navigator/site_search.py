"""The navigator on the site-wide search page (/search/): published support measures, with
snippets from their summaries and title suggestions. Unpublished measures never appear."""

from django.urls import reverse
from django.utils.http import urlencode

from navigator.models import SupportMeasure
from navigator.search import MEASURE_INDEX
from portal.registry import SearchItem, SearchProvider, SearchResults, register_search_provider
from portal.search import safe_headline
from portal.site_search import prefix_matches, ranked_matches

FIELDS = ("pk", "slug", "title", "kind", "opens_on", "closes_on")


def search(query, user, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset)


def search_part(query, limit, offset=0) -> SearchResults:
    return _found(query, limit, offset, partial=True)


def _found(query, limit, offset, partial=False) -> SearchResults:
    rows, total = ranked_matches(
        MEASURE_INDEX,
        SupportMeasure.objects.published(),
        query,
        offset,
        limit,
        snippet="summary",
        fields=FIELDS,
        partial=partial,
    )
    items = []
    for row in rows:
        measure = SupportMeasure(**{k: v for k, v in row.items() if k != "_headline"})
        items.append(
            SearchItem(
                title=measure.title,
                url=measure.get_absolute_url(),
                snippet=safe_headline(row["_headline"]),
                kind=f"{measure.get_kind_display()} · {measure.status_label}",
            )
        )
    return SearchResults(items, total)


def suggest(query, limit):
    """Titles of published measures matching what was typed so far."""
    measures = prefix_matches(SupportMeasure.objects.published(), query, "pk")
    measures = measures.only("pk", "slug", "title")[:limit]
    return [SearchItem(m.title, m.get_absolute_url(), kind="мера поддержки") for m in measures]


def more_url(query):
    return f"{reverse('navigator:index')}?{urlencode({'q': query})}"


def register():
    register_search_provider(
        SearchProvider(
            key="navigator",
            title="Меры поддержки",
            tab="Навигатор",
            search=search,
            search_part=search_part,
            order=20,
            more_url=more_url,
            suggest=suggest,
        )
    )
