"""«Подобрано для вас»: measures matched to a municipality, each with why it fits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from navigator.forms import FollowedSpheresForm, MunicipalityChoiceForm
from navigator.matching import MatchProfile, ranked_ids, scored_measures
from navigator.models import FollowedSphere
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


def _matches(profile, page_number):
    page = Paginator(ranked_ids(profile), PER_PAGE).get_page(page_number)
    page.object_list = scored_measures(page.object_list, profile)
    return page


@require_GET
def for_me(request):
    """Public: signed-in users see matches for their municipality; guests choose one first."""
    choice = MunicipalityChoiceForm(request.GET if "region" in request.GET else None)
    profile = _profile(request, choice)
    context = {"choice": choice, "profile": profile, "options": _options()}
    if profile is not None:
        context["page_obj"] = _matches(profile, request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
    if choice.is_bound:
        context["chosen_spheres"] = {
            int(pk) for pk in choice.data.getlist("spheres") if pk.isdigit()
        }
    if request.user.is_authenticated:
        context["followed"] = profile.sphere_ids if profile else _followed(request.user)
    return render(request, "navigator/for_me.html", context)


def _followed(user):
    return set(FollowedSphere.objects.filter(user=user).values_list("sphere_id", flat=True))


@login_required
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
