"""«Подобрано для вас»: measures matched to a municipality, each with why it fits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from navigator.forms import FollowedSpheresForm, MunicipalityChoiceForm
from navigator.matching import MatchProfile, explain_match
from navigator.models import FollowedSphere, SupportMeasure

PER_PAGE = 20


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
    measures = (
        SupportMeasure.objects.published()
        .not_closed()
        .matching(profile)
        .select_related("organiser")
    )
    page = Paginator(measures, PER_PAGE).get_page(page_number)
    for measure in page.object_list:
        measure.explanation = explain_match(measure, profile)
    return page


@require_GET
def for_me(request):
    """Public: signed-in users see matches for their municipality; guests choose one first."""
    choice = MunicipalityChoiceForm(request.GET if "region" in request.GET else None)
    profile = _profile(request, choice)
    context = {"choice": choice, "profile": profile}
    if profile is not None:
        context["page_obj"] = _matches(profile, request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
    if request.user.is_authenticated:
        followed = FollowedSphere.objects.filter(user=request.user).values_list("sphere", flat=True)
        context["spheres_form"] = FollowedSpheresForm(initial={"spheres": list(followed)})
    return render(request, "navigator/for_me.html", context)


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
