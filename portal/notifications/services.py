"""The one function every app uses to tell a user something."""

from django.db import transaction

from portal.notifications.kinds import emails_by_default
from portal.notifications.models import EmailPreference, Notification


def wants_email(user, kind):
    preference = EmailPreference.objects.filter(user=user, kind=kind).first()
    return preference.by_email if preference else emails_by_default(kind)


def notify(user, kind, text, link=""):
    """Store a notification for `user`; e-mail it after commit if they asked for e-mails."""
    from portal.notifications.tasks import send_notification_email

    notification = Notification.objects.create(user=user, kind=kind, text=text, link=link)
    if wants_email(user, kind):
        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification
