from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.municipalities.forms import CHOOSER_LIMIT, ChooserForm
from portal.municipalities.models import Municipality

AUTOCOMPLETE_LIMIT = 10
AUTOCOMPLETE_MAX_LIMIT = 20


def _limit(request):
    try:
        return max(
            1, min(int(request.GET.get("limit", AUTOCOMPLETE_LIMIT)), AUTOCOMPLETE_MAX_LIMIT)
        )
    except ValueError:
        return AUTOCOMPLETE_LIMIT


@require_GET
@cache_control(public=True, max_age=600)
def autocomplete(request):
    """Public: municipalities whose names resemble `q`, best first, in one bounded query."""
    query = request.GET.get("q", "")[:100]
    found = Municipality.objects.select_related("region", "parent").search(query)[: _limit(request)]
    results = [
        {
            "id": municipality.pk,
            "text": municipality.full_name,
            "name": municipality.name,
            "kind": municipality.get_kind_display(),
            "oktmo": municipality.oktmo,
        }
        for municipality in found
    ]
    return JsonResponse({"results": results})


def _safe_next(request):
    next_url = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if next_url and allowed else ""


def _return_url(next_url, field, municipality):
    """`next_url` with `field=<id>` added, so the form page can preselect the municipality."""
    parts = urlsplit(next_url)
    query = f"{parts.query}&" if parts.query else ""
    query += urlencode({field: municipality.pk})
    return urlunsplit(parts._replace(query=query))


@require_GET
def choose(request):
    """Public: a chooser that works without JavaScript; lists matches as links back to the form."""
    form = ChooserForm(request.GET if request.GET.get("q") or request.GET.get("region") else None)
    found = form.results() if form.is_bound and form.is_valid() else []
    field = request.GET.get("field", "municipality")
    field = field if field.isidentifier() else "municipality"
    next_url = _safe_next(request)
    choices = [
        (municipality, _return_url(next_url, field, municipality) if next_url else "")
        for municipality in found[:CHOOSER_LIMIT]
    ]
    context = {
        "form": form,
        "choices": choices,
        "has_more": len(found) > CHOOSER_LIMIT,
        "searched": form.is_bound,
        "next_url": next_url,
        "field": field,
        "limit": CHOOSER_LIMIT,
    }
    return render(request, "municipalities/choose.html", context)
