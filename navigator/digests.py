"""Sending alert digests and deadline reminders: e-mail plus an in-portal notification.

The portal's delivery log (`portal.notifications.models.Delivery`) guarantees that a measure
reaches a subscription, and a deadline reminder its reader, at most once, whatever the number of
workers or retries.
"""

import unicodedata

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone

from navigator.filters import MeasureFilter
from navigator.models import Bookmark, MeasureAlert
from portal.notifications.models import Delivery
from portal.notifications.services import notify

ALERT_KIND = "navigator.alert"
DEADLINE_KIND = "navigator.deadline"
# A digest longer than this is unreadable; the rest goes out with the next one.
DIGEST_LIMIT = 50


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def header_text(text):
    """`text` on one line: a line break in a header makes Django refuse the whole message."""
    printable = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(printable.split())


def matching_measures(alert):
    """Published measures that the alert's saved filter selects."""
    return MeasureFilter.for_query(QueryDict(alert.query)).qs


def pending_measures(alert):
    """Measures new or changed since the subscription started that it has not received yet."""
    return (
        matching_measures(alert)
        .changed_since(alert.created_at)
        .exclude(pk__in=Delivery.objects.subject_ids(alert.delivery_channel))
        .order_by("closes_on", "pk")
    )


def deliver_pending(alert, send, now=None):
    """Record deliveries of the pending measures and pass them to `send(measures)`.

    Everything runs in one transaction under a row lock: two workers never claim the same
    measures, and when `send` fails (SMTP down) nothing is recorded, so a retry mails them.
    The unique constraint on the delivery log is the last line of defence.
    """
    now = now or timezone.now()
    with transaction.atomic():
        MeasureAlert.objects.select_for_update().filter(pk=alert.pk).first()
        measures = list(pending_measures(alert)[:DIGEST_LIMIT])
        Delivery.claim_all(alert.user_id, alert.delivery_channel, [m.pk for m in measures], now)
        alert.last_sent_at = now
        alert.save(update_fields=["last_sent_at"])
        if measures:
            send(measures)
    return measures


def send_digest(alert):
    """Mail the measures the alert has not received yet; returns how many were sent.

    An SMTP error propagates and leaves the measures pending, so the task can retry.
    """
    return len(deliver_pending(alert, lambda measures: _mail_digest(alert, measures)))


def _mail_digest(alert, measures):
    context = {
        "alert": alert,
        "measures": measures,
        "site_url": settings.SITE_URL.rstrip("/"),
        "list_url": absolute(alert.get_list_url()),
        "unsubscribe_url": absolute(alert.get_unsubscribe_url()),
    }
    subject = f"Новые меры поддержки по подписке «{header_text(alert.title)}»: {len(measures)}"
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string("navigator/emails/alert_digest.txt", context),
        to=[alert.user.email],
        # RFC 8058: mail clients offer their own one-click «Отписаться» button.
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("navigator/emails/alert_digest.html", context), "text/html"
    )
    # Stored in the same transaction as the deliveries: a failed send removes it again. The
    # digest is its own e-mail, so the notification must not mail it a second time.
    notify(alert.user, ALERT_KIND, subject, link=alert.get_list_url(), emailed=True)
    message.send()


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
