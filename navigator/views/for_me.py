"""«Подобрано для вас»: measures matched to a municipality, each with why it fits."""

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from navigator import listcache
from navigator.forms import FollowedSpheresForm, MunicipalityChoiceForm
from navigator.matching import (
    RANKING_CACHE_SECONDS,
    MatchProfile,
    ranked_ids,
    scored_measures,
)
from portal import caching
from portal.accounts.decorators import confirmed_email_required
from portal.accounts.models import Interest
from portal.models import Sphere
from portal.municipalities.models import Region

PER_PAGE = 20
# Regions and directions are reference data: the option lists are built once an hour, not
# rendered through form widgets on every request.
OPTIONS_CACHE_SECONDS = 60 * 60


def _options():
    def build():
        return {
            "regions": list(Region.objects.order_by("name").values_list("code", "name")),
            "spheres": list(
                Sphere.objects.directions().order_by("order", "name").values_list("pk", "name")
            ),
        }

    return cache.get_or_set("navigator:for-me:options", build, OPTIONS_CACHE_SECONDS)


def _profile(request, choice):
    """Whom to match: the municipality chosen in the form, else the user's own."""
    user = request.user
    chosen = choice.chosen
    if user.is_authenticated:
        followed = MatchProfile.for_user(user, municipality=chosen)
        return followed if followed.municipality else None
    if chosen is None:
        return None
    return MatchProfile(chosen, choice.chosen_sphere_ids)


def _choice_query(choice):
    """The guest's valid choice as a query string, in a fixed order: what the page links keep.

    Built from cleaned values, never from the raw query string: unknown or repeated parameters
    must neither reach the links nor make new cache entries.
    """
    if choice.chosen is None:
        return ""
    data = choice.cleaned_data
    query = QueryDict(mutable=True)
    query["region"] = data["region"].code
    query["municipality"] = str(data["municipality"].pk)
    query.setlist("spheres", sorted(str(sphere.pk) for sphere in data["spheres"]))
    return query.urlencode()


def _matches_html(request, profile, query):
    """The rendered page of matches; the same for everyone with the same profile, so cached.

    The key holds the page actually shown (a made-up number falls back to a real page) and a
    digest of the profile and the query, so it stays short and its number of variants bounded.
    """
    paginator = Paginator(ranked_ids(profile), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    digest = caching.digest(profile.cache_key, query)
    key = caching.versioned_key(listcache.VERSION, "for-me", digest, page.number, daily=True)
    html = cache.get(key)
    if html is None:
        page.object_list = scored_measures(page.object_list, profile)
        context = {"page_obj": page, "query": query}
        html = render_to_string("navigator/includes/for_me_matches.html", context, request)
        cache.set(key, html, RANKING_CACHE_SECONDS)
    return html


@require_GET
def for_me(request):
    """Public: signed-in users see matches for their municipality; guests choose one first."""
    choice = MunicipalityChoiceForm(request.GET if "region" in request.GET else None)
    profile = _profile(request, choice)
    context = {"choice": choice, "profile": profile, "options": _options()}
    if profile is not None:
        context["matches_html"] = _matches_html(request, profile, _choice_query(choice))
    if choice.is_bound:
        context["chosen_spheres"] = {
            int(pk) for pk in choice.data.getlist("spheres") if pk.isdigit()
        }
    if request.user.is_authenticated:
        context["followed"] = profile.sphere_ids if profile else _followed(request.user)
    return render(request, "navigator/for_me.html", context)


def _followed(user):
    return Interest.objects.sphere_ids(user)


@confirmed_email_required
@require_POST
def follow_spheres(request):
    """Signed-in users: choose the spheres they work in, for better matching."""
    form = FollowedSpheresForm(request.POST)
    if form.is_valid():
        form.save(request.user)
        messages.success(request, "Сферы сохранены: подбор учитывает их.")
    else:
        messages.error(request, "Не удалось сохранить сферы: выберите их из списка.")
    return redirect("navigator:for_me")
