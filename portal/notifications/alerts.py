"""Alert digests: what a saved filter has not received yet, mailed once with an in-portal
notification.

Every service's alerts go through here; the service's `portal.registry.AlertSource` runs the
saved query and words the digest. The delivery log (`Delivery`) guarantees that an item reaches
an alert at most once, whatever the number of workers, retries or outbox re-sends.
"""

import unicodedata

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone

from portal.notifications.models import Alert, Delivery
from portal.notifications.services import notify

# A digest longer than this is unreadable; the rest goes out with the next one.
DIGEST_LIMIT = 50


def canonical_query(filterset_class, data: QueryDict, ignore=()) -> str:
    """The FilterSet's own non-empty parameters, sorted: one string per distinct filter.

    The key of a saved alert, so the same filter reached through another link (another page,
    parameter order or, with `ignore=("sort",)`, sort order) is one alert.
    """
    known = set(filterset_class.base_filters) - set(ignore)
    pairs = sorted(
        (key, value.strip())
        for key in data
        if key in known
        for value in data.getlist(key)
        if value.strip()
    )
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    return query.urlencode()


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def header_text(text):
    """`text` on one line: a line break in a header makes Django refuse the whole message."""
    printable = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(printable.split())


def pending_items(alert):
    """The service's new items for the alert that it has not received yet."""
    items = alert.source.new_items(alert)
    return items.exclude(pk__in=Delivery.objects.subject_ids(alert.delivery_channel))


def deliver_pending(alert, send, now=None):
    """Record deliveries of the pending items and pass them to `send(items)`.

    Everything runs in one transaction under a row lock: two workers never claim the same
    items, and when `send` fails (SMTP down) nothing is recorded, so a retry mails them. The
    unique constraint on the delivery log is the last line of defence.
    """
    now = now or timezone.now()
    with transaction.atomic():
        Alert.objects.select_for_update().filter(pk=alert.pk).first()
        items = list(pending_items(alert)[:DIGEST_LIMIT])
        Delivery.claim_all(alert.user_id, alert.delivery_channel, [item.pk for item in items], now)
        alert.last_sent_at = now
        alert.save(update_fields=["last_sent_at"])
        if items:
            send(items)
    return items


def send_digest(alert):
    """Mail the items the alert has not received yet; returns how many were sent.

    An SMTP error propagates and leaves the items pending, so the task can retry.
    """
    return len(deliver_pending(alert, lambda items: _mail_digest(alert, items)))


def _mail_digest(alert, items):
    source = alert.source
    context = {
        "alert": alert,
        "items": items,
        "site_url": settings.SITE_URL.rstrip("/"),
        "list_url": absolute(alert.get_list_url()),
        "unsubscribe_url": absolute(alert.get_unsubscribe_url()),
    }
    subject = header_text(source.subject(alert, len(items)))
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"{source.template}.txt", context),
        to=[alert.user.email],
        # RFC 8058: mail clients offer their own one-click «Отписаться» button.
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{source.template}.html", context), "text/html")
    # Stored in the same transaction as the deliveries: a failed send removes it again. The
    # digest is its own e-mail, so the notification must not mail it a second time.
    notify(alert.user, source.kind, subject, link=alert.get_list_url(), emailed=True)
    message.send()
