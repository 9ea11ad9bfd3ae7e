"""Periodic work of the dialog: thin tasks over dialog.workflow."""

from celery import shared_task

from dialog.workflow import escalate_overdue as run


@shared_task(name="dialog.escalate_overdue")
def escalate_overdue():
    """Escalate overdue problems; idempotent (each problem is escalated once)."""
    return run()
