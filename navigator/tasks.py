"""Background work of the navigator: alert digests, deadline reminders, the broken-link check,
scheduled publication and uploaded imports.

Tasks stay thin: they pick rows and call model methods or the workflow modules `digests`
and `linkcheck`.
"""

from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command

from navigator import digests, linkcheck
from navigator.importing.runs import run_import
from navigator.models import Frequency, MeasureAlert, MeasureImport


@shared_task
def send_alert_digests(frequency=Frequency.DAILY):
    """Queue one digest per subscription that is due, so one failing mailbox delays no one."""
    pks = list(MeasureAlert.objects.due(frequency).values_list("pk", flat=True))
    for pk in pks:
        send_alert_digest.delay(pk)
    return len(pks)


# An unreachable or refusing SMTP server; the digest stays pending until a retry gets through.
MAIL_ERRORS = (SMTPException, OSError)


@shared_task(autoretry_for=MAIL_ERRORS, retry_backoff=60, max_retries=6)
def send_alert_digest(alert_pk):
    alert = MeasureAlert.objects.select_related("user").filter(pk=alert_pk).first()
    if alert is None or not alert.is_active:
        return 0
    return digests.send_digest(alert)


@shared_task
def send_deadline_reminders():
    return digests.send_deadline_reminders()


@shared_task
def check_measure_links():
    return linkcheck.check_links()


@shared_task
def publish_scheduled():
    """Wagtail's go_live_at/expire_at only take effect when this command runs (pages too)."""
    call_command("publish_scheduled")


@shared_task
def run_measure_import(import_pk):
    """Run an uploaded import (see importing.runs); a finished one is left as it is."""
    record = MeasureImport.objects.select_related("user").filter(pk=import_pk).first()
    if record is None:
        return None
    run_import(record)
    return record.status
