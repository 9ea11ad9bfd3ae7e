"""The navigator on the site-wide search page (/search/): published support measures, with
snippets from their summaries and title suggestions. Unpublished measures never appear."""

from django.db.models import F
from django.urls import reverse
from django.utils.http import urlencode

from navigator.models import SupportMeasure
from navigator.search import MEASURE_INDEX
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

FIELDS = ("pk", "slug", "title", "kind", "opens_on", "closes_on")


def search(query, user, limit, offset=0) -> SearchResults:
    text = normalize_query(query)
    query_ = build_search_query(text)
    if query_ is None:
        return SearchResults([], 0)
    matched = text_filter(MEASURE_INDEX, SupportMeasure.objects.published(), text)
    pks, total = ranked_page(matched, F("relevance"), offset, limit)
    measures = SupportMeasure.objects.filter(pk__in=pks).annotate(
        _headline=headline("summary", query_)
    )
    page = in_order(measures.only(*FIELDS), pks) if pks else []
    items = [
        SearchItem(
            title=measure.title,
            url=measure.get_absolute_url(),
            snippet=safe_headline(measure._headline),
            kind=f"{measure.get_kind_display()} · {measure.status_label}",
        )
        for measure in page
    ]
    return SearchResults(items, total)


def suggest(query, limit):
    """Titles of published measures matching what was typed so far."""
    prefix = prefix_query(query)
    if prefix is None:
        return []
    measures = (
        SupportMeasure.objects.published()
        .filter(search_vector=prefix)
        .annotate(_rank=rank("search_vector", prefix))
        .order_by("-_rank", "pk")
        .only("pk", "slug", "title")[:limit]
    )
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
            order=20,
            more_url=more_url,
            suggest=suggest,
        )
    )
