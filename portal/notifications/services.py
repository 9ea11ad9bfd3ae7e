"""The one function every app uses to tell a user something."""

from portal.notifications.models import EmailPreference, Notification, forget_unread_count
from portal.outbox import enqueue_on_commit


def notify(user, kind, text, link="", *, emailed=False):
    """Store a notification for `user`; e-mail it after commit if they asked for e-mails.

    `kind` is registered with `portal.notifications.kinds.register_kind()`; `link` is a path
    on the portal ("/practices/12/"). `emailed=True`: the caller has mailed its own message
    about the event (a digest), so the user's e-mail choice for the kind sends nothing more.
    """
    notification = Notification.objects.create(user=user, kind=kind, text=text, link=link)
    forget_unread_count([user.pk])
    if not emailed and EmailPreference.objects.wants_email(user, kind):
        # Named, not imported: the tasks module sends digests, which notify through here.
        enqueue_on_commit("portal.notifications.tasks.send_notification_email", notification.pk)
    return notification
