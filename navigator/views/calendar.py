"""«Добавить в календарь»: .ics of one measure and the personal feed of bookmarked deadlines."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from navigator.calendar import bookmarks_calendar, measure_calendar
from navigator.models import Bookmark, CalendarFeed, SupportMeasure
from portal.accounts.decorators import confirmed_email_required

ICS_TYPE = "text/calendar; charset=utf-8"
# Deadlines this far in the past stay in the feed so a calendar does not lose fresh history.
FEED_HISTORY_DAYS = 31


def _ics_response(content, filename, *, private=False):
    response = HttpResponse(content, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def measure_ics(request, slug):
    """Public: the dates of a published measure as an .ics file."""
    measure = get_object_or_404(SupportMeasure.objects.published(), slug=slug)
    return _ics_response(measure_calendar(measure), f"{measure.slug}.ics")


@require_GET
def calendar_feed(request, token):
    """Anyone holding the secret link (calendar programs cannot sign in): the owner's
    bookmarked deadlines. An unknown token is a 404, revealing nothing."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    since = timezone.localdate() - timedelta(days=FEED_HISTORY_DAYS)
    bookmarks = (
        Bookmark.objects.for_user(feed.user)
        .with_measure()
        .filter(Q(measure__closes_on__isnull=True) | Q(measure__closes_on__gte=since))
        .filter(measure__live=True)
    )
    return _ics_response(bookmarks_calendar(bookmarks), "my-measures.ics", private=True)


@confirmed_email_required
@require_POST
def calendar_feed_renew(request):
    """Signed-in users: create their feed link, or replace it when it has leaked."""
    feed, created = CalendarFeed.objects.get_or_create(
        user=request.user, defaults={"token": CalendarFeed.new_token()}
    )
    if not created:
        feed.renew()
        messages.success(request, "Создана новая ссылка; старая больше не работает.")
    else:
        messages.success(request, "Ссылка на календарь создана.")
    return redirect("navigator:bookmarks")
