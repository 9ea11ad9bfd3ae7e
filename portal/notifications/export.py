"""What the notifications app stores about a user, for their personal data export."""

from portal.notifications.models import EmailPreference, Notification


def export_notifications(user):
    notifications = Notification.objects.for_user(user).values(
        "kind", "text", "link", "created_at", "read_at", "emailed_at"
    )
    preferences = EmailPreference.objects.filter(user=user).values("kind", "by_email")
    return {"items": list(notifications), "email_preferences": list(preferences)}
