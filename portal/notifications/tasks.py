from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.notifications.alerts import send_digest
from portal.notifications.models import Alert, AlertFrequency, Notification
from portal.outbox import enqueue_on_commit
from portal.registry import alert_sources


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id):
    notification = (
        Notification.objects.select_related("user")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    context = {"notification": notification, "site_url": settings.SITE_URL}
    send_mail(
        subject=f"[Муниципалитеты.рф] {notification.get_kind_display()}",
        message=render_to_string("notifications/email.txt", context),
        from_email=None,
        recipient_list=[notification.user.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


# An unreachable or refusing SMTP server; the digest stays pending until a retry gets through.
MAIL_ERRORS = (SMTPException, OSError)


@shared_task
def send_alert_digests(frequency=AlertFrequency.DAILY, service=None):
    """Queue one digest per due alert (of every service, or of `service`), so one failing
    mailbox delays no one. Queued through the outbox: a broker that is down loses none."""
    due = Alert.objects.due(frequency).filter(service__in=list(alert_sources))
    if service is not None:
        due = due.of(service)
    with transaction.atomic():
        pks = list(due.values_list("pk", flat=True))
        for pk in pks:
            enqueue_on_commit(send_alert_digest, pk)
    return len(pks)


@shared_task(autoretry_for=MAIL_ERRORS, retry_backoff=60, max_retries=6)
def send_alert_digest(alert_pk):
    """One alert's digest; running it twice sends nothing twice (the delivery log)."""
    alert = Alert.objects.select_related("user").filter(pk=alert_pk, is_active=True).first()
    if alert is None or alert.service not in alert_sources:
        return 0
    return send_digest(alert)
