"""Background work of the academy: certificate PDFs, webinar and deadline reminders.

Tasks are thin and idempotent: they load rows and call model methods or `reminders`.
"""

from celery import shared_task
from django.core.files.base import ContentFile

from academy import reminders
from academy.models import Certificate
from portal.outbox import enqueue_on_commit


@shared_task
def render_certificate_pdf(certificate_uuid):
    """Store the PDF once; running again for a certificate that has one does nothing."""
    certificate = Certificate.objects.filter(uuid=certificate_uuid).first()
    if certificate is None or certificate.pdf:
        return False
    # Imported here: fpdf with its font tools adds ~60 MB to a process; only a worker that
    # draws certificates needs it, never a web process.
    from academy import pdf

    certificate.pdf.save(
        f"{certificate.uuid}.pdf", ContentFile(pdf.render(certificate)), save=False
    )
    Certificate.objects.filter(pk=certificate.pk, pdf="").update(pdf=certificate.pdf.name)
    return True


def queue_certificate_pdf(sender, certificate, **kwargs):
    """Receiver of `certificate_issued`: render the PDF once the issue commits."""
    enqueue_on_commit(render_certificate_pdf, str(certificate.uuid))


@shared_task
def send_webinar_reminders():
    return reminders.remind_webinars()


@shared_task
def send_deadline_reminders():
    return reminders.remind_deadlines()
