from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from portal import site_search as site
from portal.search import normalize_query

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


def _search_page(params) -> int:
    page = params.get("page", "1")
    return min(int(page), site.MAX_PAGE) if page.isdigit() and 0 < len(page) < 4 else 1


def _tabs(query, groups, tab):
    """The «Все» tab and one per provider, each a link carrying the query, with its count."""
    tabs = [{"key": site.ALL, "title": "Все", "total": site.total_of(groups)}]
    tabs += [{"key": g.key, "title": g.provider.tab_title, "total": g.total} for g in groups]
    for entry in tabs:
        params = {"q": query} if entry["key"] == site.ALL else {"q": query, "in": entry["key"]}
        entry["url"] = f"?{urlencode(params)}"
        entry["current"] = entry["key"] == tab
    return tabs


@require_GET
def site_search(request):
    """Public: one query across every service: a tab per service with its count, the top
    results of each on «Все», one service's results page by page on its tab (`?in=legal`).
    A bare citation («ст. 14 131-ФЗ») goes straight to the unit (`exact=0` searches the text);
    a query that finds nothing is retried with its typos corrected, and the correction is
    offered only when it finds something; failing that, with part of its meaningful words
    («найдено по части слов»: a question in one's own words rarely has all of them in a row)."""
    query = normalize_query(request.GET.get("q"))
    providers = {provider.key: provider for provider in site.providers()}
    tab = request.GET.get("in", site.ALL)
    tab = tab if tab in providers else site.ALL
    page = _search_page(request.GET)
    context = {"query": query, "tab": tab, "page": page, "groups": [], "providers": providers}
    if not query:
        return render(request, "portal/search.html", context)
    jump = site.find_jump(query) if page == 1 else None
    if jump and jump.exact and request.GET.get("exact") != "0":
        site.log(query, 1, request.user)
        return redirect(jump.url)
    shown_query, groups = query, [site.run(p, query, site.ALL_SHOWN) for p in providers.values()]
    typed_total = site.total_of(groups)
    suggestion = site.corrected(query) if not typed_total and not jump else ""
    if suggestion:
        retried = [site.run(p, suggestion, site.ALL_SHOWN) for p in providers.values()]
        if site.total_of(retried):
            shown_query, groups = suggestion, retried
        else:
            suggestion = ""  # a correction that finds nothing either is no help to offer
    partial = not typed_total and not suggestion
    if partial:
        groups = [site.run(p, query, site.ALL_SHOWN, partial=True) for p in providers.values()]
        typed_total = site.total_of(groups)  # the log counts what the user was shown
    if page == 1 and tab == site.ALL:
        site.log(query, typed_total, request.user)
    current = None
    if tab != site.ALL:
        offset = (page - 1) * site.PER_PAGE
        current = site.run(providers[tab], shown_query, site.PER_PAGE, offset, partial=partial)
    context.update(
        {
            "shown_query": shown_query,
            "suggestion": suggestion,
            "jump": jump,
            "groups": groups,
            "partial": partial and bool(typed_total),
            "total": site.total_of(groups),
            "tabs": _tabs(shown_query, groups, tab),
            "current": current,
            "pagination": _pagination(shown_query, tab, page, current),
        }
    )
    return render(request, "portal/search.html", context)


def _pagination(query, tab, page, current):
    """Links to the previous and next page of one service's tab."""
    if current is None:
        return None
    last = min(site.MAX_PAGE, max(1, -(-int(current.total) // site.PER_PAGE)))

    def link(number):
        return f"?{urlencode({'q': query, 'in': tab, 'page': number})}"

    return {
        "number": page,
        "last": last,
        "previous": link(page - 1) if page > 1 else "",
        "next": link(page + 1) if page < last else "",
    }


@require_GET
def site_search_suggest(request):
    """Public: suggestions under the header search box, as JSON — document, measure, practice
    and course titles for at least three typed characters; an empty list otherwise."""
    query = normalize_query(request.GET.get("q"))
    return JsonResponse(
        {
            "query": query,
            "suggestions": site.suggestions(query),
            "search_url": f"{reverse('site_search')}?{urlencode({'q': query})}",
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def development_media(request, path, document_root):
    """Development only (DEBUG): uploaded files; production serves them from storage. A name
    the file system refuses (too long, invalid) is a missing file, not a server error."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:
        raise Http404("Файл не найден.") from error
