"""Background work of the navigator: alert digests, deadline reminders, the broken-link check,
scheduled publication and uploaded imports.

Tasks stay thin: they pick rows and call model methods or the workflow modules `digests`
and `linkcheck`.
"""

from celery import shared_task
from django.core.management import call_command

from navigator import digests, linkcheck
from navigator.importing.runs import run_import
from navigator.models import Frequency, MeasureImport
from navigator.models.alerts import SERVICE
from portal.notifications import tasks as alert_tasks

# Alert digests are the portal's tasks (portal.notifications.tasks), run by its beat for every
# service. These two names stay: messages queued before the move still name them.


@shared_task
def send_alert_digests(frequency=Frequency.DAILY):
    """Queue the digests of the navigator's due alerts."""
    return alert_tasks.send_alert_digests(frequency, service=SERVICE)


@shared_task(autoretry_for=alert_tasks.MAIL_ERRORS, retry_backoff=60, max_retries=6)
def send_alert_digest(alert_pk):
    return alert_tasks.send_alert_digest(alert_pk)


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
