"""What the navigator's alert digests hold, and the deadline reminders.

Alerts are the portal's (`portal.notifications.alerts` sends every service's digests); the
navigator says through `ALERT_SOURCE` which measures are new for a saved filter and how the
digest reads. The delivery log (`portal.notifications.models.Delivery`) guarantees that a
measure reaches a subscription, and a deadline reminder its reader, at most once, whatever the
number of workers or retries.
"""

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from navigator.filters import MeasureFilter
from navigator.models import Bookmark
from navigator.models.alerts import SERVICE
from portal.notifications import alerts
from portal.notifications.models import Delivery
from portal.notifications.services import notify
from portal.registry import AlertSource

ALERT_KIND = "navigator.alert"
DEADLINE_KIND = "navigator.deadline"


def matching_measures(alert):
    """Published measures that the alert's saved filter selects."""
    return MeasureFilter.for_query(QueryDict(alert.query)).qs


def new_measures(alert):
    """Measures new or changed since the subscription started, for its digest."""
    return matching_measures(alert).changed_since(alert.created_at).order_by("closes_on", "pk")


def digest_subject(alert, count):
    return f"Новые меры поддержки по подписке «{alert.title}»: {count}"


ALERT_SOURCE = AlertSource(
    service=SERVICE,
    title="Меры поддержки",
    list_url_name="navigator:index",
    new_items=new_measures,
    subject=digest_subject,
    template="navigator/emails/alert_digest",
    kind=ALERT_KIND,
)


def send_digest(alert):
    """Mail the measures the alert has not received yet (portal.notifications.alerts)."""
    return alerts.send_digest(alert)


def send_deadline_reminders(today=None):
    """Remind users of bookmarked measures closing within the lead time each of them chose.

    One reminder per reader, measure and deadline (the delivery log), whatever the lead time
    changes; a deadline the organiser extends is a new channel, so it is reminded again.
    """
    today = today or timezone.localdate()
    bookmarks = Bookmark.objects.due_for_reminder(today).select_related("user", "measure")
    sent = 0
    for bookmark in bookmarks:
        measure = bookmark.measure
        with transaction.atomic():
            channel = f"{DEADLINE_KIND}:{measure.closes_on:%Y-%m-%d}"
            if not Delivery.claim(bookmark.user_id, channel, measure.pk):
                continue
            days_left = (measure.closes_on - today).days
            notify(
                bookmark.user,
                DEADLINE_KIND,
                f"Приём заявок по мере «{measure.title}» завершается "
                f"{measure.closes_on:%d.%m.%Y} (осталось дней: {days_left}).",
                link=measure.get_absolute_url(),
            )
        sent += 1
    return sent
