from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from portal.registry import ordered, search_providers

LOW_VISION_COOKIE_AGE = 365 * 24 * 3600


@never_cache
@require_GET
def healthz(request):
    """Public: load balancers ask whether this node can reach the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Exempt from CSRF: the switch only flips a display preference of the requester's own browser,
# and a token in the header would stop the anonymous home page from being cached and shared.
@csrf_exempt
@require_POST
def toggle_low_vision(request):
    """Public: switch the version for the visually impaired on or off, remembered in a cookie."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.COOKIES.get("low_vision") == "1":
        response.delete_cookie("low_vision")
    else:
        response.set_cookie("low_vision", "1", max_age=LOW_VISION_COOKIE_AGE, samesite="Lax")
    return response


@require_GET
def site_search(request):
    """Public: one query across every service; each app contributes its own group of results."""
    query = request.GET.get("q", "").strip()[:200]
    groups = []
    if query:
        for provider in ordered(search_providers):
            items, total = provider.search(query, request.user, 5)
            groups.append({"provider": provider, "items": items, "total": total})
    return render(request, "portal/search.html", {"query": query, "groups": groups})


@require_GET
def development_media(request, path, document_root):
    """Development only (DEBUG): uploaded files; production serves them from storage. A name
    the file system refuses (too long, invalid) is a missing file, not a server error."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:
        raise Http404("Файл не найден.") from error
