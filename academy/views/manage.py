"""Academy administrators: enrolment requests, bulk assignment, accommodations."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from academy.forms import AccommodationForm, AssignForm
from academy.models import Accommodation, Enrollment, EnrollmentStatus
from portal.accounts import roles
from portal.accounts.decorators import role_required

REQUESTS_SHOWN = 200
ACCOMMODATIONS_SHOWN = 100


@role_required(roles.ACADEMY_ADMIN)
def requests(request):
    """Academy administrators: pending enrolment requests."""
    pending = (
        Enrollment.objects.filter(status=EnrollmentStatus.REQUESTED)
        .select_related("user", "course", "user__municipality")
        .order_by("created_at")[:REQUESTS_SHOWN]
    )
    return render(request, "academy/manage_requests.html", {"pending": pending})


@role_required(roles.ACADEMY_ADMIN)
@require_POST
def decide(request, enrollment_id):
    """Academy administrators: approve or reject one request; a repeated click changes nothing."""
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id)
    if request.POST.get("decision") == "approve":
        enrollment.approve(request.user)
    else:
        enrollment.reject(request.user)
    return redirect("academy:requests")


@role_required(roles.ACADEMY_ADMIN)
def assign(request):
    """Academy administrators: assign a course to people by a file of e-mails or a territory."""
    form = AssignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = get_user_model().objects.filter(is_active=True)
        if data["emails_file"]:
            people = people.filter(email__in=data["emails_file"])
        elif data["region"]:
            people = people.filter(municipality__region=data["region"])
        else:
            people = people.filter(municipality__lineage__contains=[data["municipality"].pk])
        count = 0
        for person in people.iterator():
            Enrollment.enrol(person, data["course"], by=request.user)
            count += 1
        messages.success(request, f"Курс назначен: {count} чел.")
        return redirect("academy:assign")
    return render(request, "academy/manage_assign.html", {"form": form})


@role_required(roles.ACADEMY_ADMIN)
def accommodations(request):
    """Academy administrators: grant a learner extra time and attempts on a quiz; the latest
    grants are listed. Granting again for the same learner and quiz replaces the values."""
    form = AccommodationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        Accommodation.grant(
            data["learner"],
            data["quiz"],
            extra_minutes=data["extra_minutes"],
            extra_attempts=data["extra_attempts"],
            by=request.user,
        )
        messages.success(
            request,
            f"Условия сохранены: {data['learner'].email}, тест «{data['quiz'].title}».",
        )
        return redirect("academy:accommodations")
    granted = Accommodation.objects.select_related("user", "quiz", "granted_by").order_by(
        "-granted_at", "-pk"
    )[:ACCOMMODATIONS_SHOWN]
    return render(request, "academy/manage_accommodations.html", {"form": form, "granted": granted})
