"""Daily and weekly digests of the notifications a user chose not to get one by one.

`send_digests(frequency)` covers the last closed day or week. The `DigestDelivery` row is
written before the mail leaves and its unique constraint admits one per user and period, so a
repeated or concurrent run sends nothing twice; the mail goes after commit.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.community.models import DigestChoice, DigestDelivery, Frequency
from portal.community.models.digests import period_of
from portal.notifications.models import Notification

LONGEST = 200  # notifications listed in one digest; the rest are counted


def last_closed_period(frequency, now=None):
    now = now or timezone.now()
    step = datetime.timedelta(days=7 if frequency == Frequency.WEEKLY else 1)
    return period_of(frequency, now - step)


def send_digests(frequency, now=None):
    """Compose and mail the digest of the last closed period to every user who chose one."""
    start, end = last_closed_period(frequency, now)
    kinds_by_user = {}
    for user_id, kind in DigestChoice.objects.filter(frequency=frequency).values_list(
        "user_id", "kind"
    ):
        kinds_by_user.setdefault(user_id, []).append(kind)
    sent = 0
    for user_id, kinds in kinds_by_user.items():
        sent += bool(_send_one(user_id, kinds, frequency, start, end))
    return sent


def _send_one(user_id, kinds, frequency, start, end):
    notifications = Notification.objects.filter(
        user_id=user_id, kind__in=kinds, created_at__gte=start, created_at__lt=end
    ).order_by("created_at")
    count = notifications.count()
    if not count:
        return None
    listed = list(notifications.select_related("user")[:LONGEST])
    user = listed[0].user
    context = {
        "user": user,
        "notifications": listed,
        "count": count,
        "frequency": Frequency(frequency).label,
        "start": start,
        "end": end,
        "site_url": settings.SITE_URL,
    }
    body = render_to_string("community/digest_email.txt", context)
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(
                user=user,
                frequency=frequency,
                period_start=start,
                period_end=end,
                count=count,
                body=body,
            )
    except IntegrityError:  # another run already sent this period's digest
        return None
    transaction.on_commit(lambda: _mail(delivery.pk))
    return delivery


def _mail(delivery_id):
    delivery = DigestDelivery.objects.select_related("user").get(pk=delivery_id)
    if delivery.emailed_at is not None or not delivery.user.email:
        return
    send_mail(
        subject=f"[Муниципалитеты.рф] Сводка уведомлений ({delivery.get_frequency_display()})",
        message=delivery.body,
        from_email=None,
        recipient_list=[delivery.user.email],
    )
    DigestDelivery.objects.filter(pk=delivery.pk).update(emailed_at=timezone.now())
