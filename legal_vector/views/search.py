from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from legal_vector.models.search_log import SERVICE
from legal_vector.search.requisites import resolve
from legal_vector.search.service import search_legal_base
from portal.models import SearchLog
from portal.search import normalize_query


def _citation_target(request, query):
    """The document or unit a bare citation names, or None for a text search.

    The jump is logged as a query with one result; a cited unit the document lacks
    («ст. 999») opens the document with a message instead of silently.
    """
    citation, document, unit = resolve(query)
    if citation is None or not citation.is_pure or document is None:
        return None
    SearchLog.record(query, SearchLog.Source.SEARCH, 1, request.user, service=SERVICE)
    if unit is None and citation.units:
        messages.warning(
            request,
            f"Норма «{citation.unit_label()}» в документе не найдена, открыт документ целиком.",
        )
    return unit or document


@require_GET
def search(request):
    """Public: search the legal base; a bare citation jumps straight to the document or unit."""
    query = normalize_query(request.GET.get("q"))
    if query and request.GET.get("exact") != "0":
        target = _citation_target(request, query)
        if target is not None:
            return redirect(target.get_absolute_url())
    page = search_legal_base(query, request.GET, request.user) if query else None
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "legal_vector/search.html",
        {
            "query": query,
            "page": page,
            "params": params.urlencode(),
            "sort": request.GET.get("sort"),
        },
    )
