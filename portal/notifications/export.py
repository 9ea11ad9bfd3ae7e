"""What the notifications app stores about a user, for their personal data export."""

from portal.notifications.models import Alert, Delivery, EmailPreference, Notification


def export_notifications(user):
    notifications = Notification.objects.for_user(user).values(
        "kind", "text", "link", "created_at", "read_at", "emailed_at"
    )
    preferences = EmailPreference.objects.filter(user=user).values("kind", "by_email")
    deliveries = Delivery.objects.filter(user=user).values("channel", "subject_id", "sent_at")
    alerts = Alert.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "items": list(notifications),
        "email_preferences": list(preferences),
        "deliveries": list(deliveries),
        "alerts": list(
            alerts.values(
                "service", "title", "query", "frequency", "is_active", "created_at", "last_sent_at"
            )
        ),
    }
