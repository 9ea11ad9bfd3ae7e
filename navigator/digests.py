"""Sending alert digests and deadline reminders: e-mail plus an in-portal notification."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from navigator.models import DeadlineReminder
from navigator.models.alerts import REMINDER_DAYS_BEFORE
from portal.notifications.services import notify

ALERT_KIND = "navigator.alert"
DEADLINE_KIND = "navigator.deadline"


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def send_digest(alert):
    """Mail the measures the alert has not received yet; returns how many were sent."""
    measures = alert.claim_pending()
    if not measures:
        return 0
    context = {
        "alert": alert,
        "measures": measures,
        "site_url": settings.SITE_URL.rstrip("/"),
        "list_url": absolute(alert.get_list_url()),
        "unsubscribe_url": absolute(alert.get_unsubscribe_url()),
    }
    subject = f"Новые меры поддержки по подписке «{alert.title}»: {len(measures)}"
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
    notify(alert.user, ALERT_KIND, subject, link=alert.get_list_url())
    message.send()
    return len(measures)


def send_deadline_reminders(today=None):
    """Remind users of bookmarked measures that close within REMINDER_DAYS_BEFORE days."""
    from navigator.models import Bookmark

    today = today or timezone.localdate()
    bookmarks = Bookmark.objects.closing_within(REMINDER_DAYS_BEFORE, today=today).select_related(
        "user", "measure"
    )
    sent = 0
    for bookmark in bookmarks:
        measure = bookmark.measure
        with transaction.atomic():
            if not DeadlineReminder.claim(bookmark, measure.closes_on):
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
