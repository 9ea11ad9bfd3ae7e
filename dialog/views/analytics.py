"""The analytics of the problem field, for the same filters as the field."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from dialog import analytics as figures_of
from dialog.field_index import FieldQuery
from dialog.views.field import SHARED_PAGE_SECONDS, _filtered
from portal import caching


@require_GET
def analytics(request):
    """Public: counts, medians, SLA share, backlog, top supported; SVG charts with tables.

    Without a filter and a session, served from the cache for up to SHARED_PAGE_SECONDS."""
    key = caching.shared_page_key(request, "dialog:analytics")
    if (cached := caching.cached_shared_page(key)) is not None:
        return cached
    filterset = _filtered(request)
    data = figures_of.figures(FieldQuery.of(filterset))
    charts = [
        ("По направлениям", data["by_direction"], figures_of.bars(data["by_direction"])),
        ("По статусам", data["by_status"], figures_of.bars(data["by_status"])),
        ("По регионам (15 самых активных)", data["by_region"], figures_of.bars(data["by_region"])),
        (
            "По месяцам публикации",
            data["by_month"],
            figures_of.bars(data["by_month"], label_width=90),
        ),
    ]
    response = render(
        request, "dialog/analytics.html", {"filter": filterset, "data": data, "charts": charts}
    )
    return caching.store_shared_page(request, key, response, SHARED_PAGE_SECONDS)
