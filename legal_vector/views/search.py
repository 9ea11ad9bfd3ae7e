from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from legal_vector.search.requisites import resolve
from legal_vector.search.service import search_legal_base
from portal.search import normalize_query


@require_GET
def search(request):
    """Public: search the legal base; a bare citation jumps straight to the document or unit."""
    query = normalize_query(request.GET.get("q"))
    if query and request.GET.get("exact") != "0":
        citation, document, unit = resolve(query)
        if citation is not None and citation.is_pure and document is not None:
            target = unit or document
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
