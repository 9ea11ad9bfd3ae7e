"""Webinars: the list, a page, registration with a seat limit and the .ics file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from academy.models import Webinar, WebinarError, WebinarRegistration


@require_GET
def webinar_list(request):
    """Public: upcoming webinars and recordings of past ones."""
    return render(
        request,
        "academy/webinars.html",
        {"upcoming": Webinar.objects.upcoming()[:50], "past": Webinar.objects.past()[:50]},
    )


@require_GET
def webinar_detail(request, webinar_id):
    """Public: a webinar; the platform link is shown to registered users only."""
    webinar = get_object_or_404(
        Webinar.objects.select_related("course", "materials"), pk=webinar_id
    )
    registered = (
        request.user.is_authenticated
        and WebinarRegistration.objects.filter(webinar=webinar, user=request.user).exists()
    )
    return render(
        request,
        "academy/webinar.html",
        {
            "webinar": webinar,
            "registered": registered,
            "seats_taken": webinar.registrations.count(),
        },
    )


@login_required
@require_POST
def webinar_register(request, webinar_id):
    """Signed-in users: take a seat; a repeated request takes nothing more."""
    webinar = get_object_or_404(Webinar, pk=webinar_id)
    try:
        webinar.register(request.user)
        messages.success(request, "Вы зарегистрированы. Напомним за день и за час.")
    except WebinarError as error:
        messages.error(request, str(error))
    return redirect("academy:webinar", webinar.pk)


@require_GET
def webinar_ics(request, webinar_id):
    """Public: the webinar as a calendar event."""
    webinar = get_object_or_404(Webinar, pk=webinar_id)
    calendar = Calendar()
    calendar.add("prodid", "-//Муниципалитеты.рф//Академия//RU")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"academy-webinar-{webinar.pk}@municipalitety")
    event.add("summary", webinar.title)
    event.add("dtstart", webinar.starts_at)
    event.add("dtend", webinar.ends_at)
    event.add("dtstamp", webinar.starts_at)
    event.add("description", webinar.description)
    event.add("url", request.build_absolute_uri(f"/academy/webinars/{webinar.pk}/"))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="webinar-{webinar.pk}.ics"'
    return response
