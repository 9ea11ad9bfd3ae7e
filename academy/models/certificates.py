"""Certificates of completion: gap-free numbers, content frozen at issue, revocation.

The number «МА-2026-000123» comes from a per-year counter row locked in the same transaction that
inserts the certificate: concurrent issues wait for each other, and a rolled-back issue gives its
number back, so numbers have neither gaps nor duplicates.
"""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from academy.credentials import signed_credential
from academy.models.programmes import CertificateTemplate

# Sent inside the issuing transaction; academy.tasks queues the PDF on it (connected in
# integration.register()), so the models never import the tasks that load them.
certificate_issued = Signal()

NUMBER_FORMAT = "МА-{year}-{sequence:06d}"
NOT_STATE_DOCUMENT = (
    "Сертификат подтверждает прохождение обучения на портале «Муниципалитеты.рф» и не является "
    "документом о квалификации установленного государством образца."
)


class CertificateSequence(models.Model):
    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def take(cls, year):
        """The next number of `year`; call inside the transaction that stores the certificate."""
        cls.objects.bulk_create([cls(year=year)], ignore_conflicts=True)
        counter = cls.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last


class CertificateQuerySet(models.QuerySet):
    def issue_for_course(self, enrollment):
        course = enrollment.course
        return self._issue(
            enrollment.user, course.certificate_template, course.title, course.hours, course=course
        )

    def issue_for_programme(self, user, programme):
        return self._issue(
            user,
            programme.certificate_template,
            programme.title,
            programme.hours,
            programme=programme,
        )

    def _issue(self, user, template, title, hours, *, course=None, programme=None):
        with transaction.atomic():
            existing = self.filter(user=user, course=course, programme=programme).first()
            if existing:
                return existing
            today = timezone.localdate()
            certificate = self.create(
                user=user,
                course=course,
                programme=programme,
                number=NUMBER_FORMAT.format(
                    year=today.year, sequence=CertificateSequence.take(today.year)
                ),
                holder_name=user.get_full_name() or user.email,
                title=title,
                hours=hours,
                issued_on=today,
                wording=_frozen_wording(template, user, title, hours),
            )
            certificate.sign()
            certificate_issued.send(Certificate, certificate=certificate)
        return certificate

    def valid(self):
        return self.filter(revoked_at__isnull=True)


def _frozen_wording(template, user, title, hours):
    template = template or CertificateTemplate()
    values = {"name": user.get_full_name() or user.email, "course": title, "hours": hours}
    try:
        text = template.wording.format(**values)
    except (KeyError, IndexError, ValueError):
        text = CertificateTemplate().wording.format(**values)
    return {
        "title": template.title,
        "text": text,
        "signatory_name": template.signatory_name,
        "signatory_title": template.signatory_title,
    }


class Certificate(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField("номер", max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="academy_certificates",
    )
    course = models.ForeignKey(
        "academy.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    programme = models.ForeignKey(
        "academy.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Frozen at issue: later edits of the course, the template or the profile change nothing.
    holder_name = models.CharField("владелец", max_length=300)
    title = models.CharField("курс или программа", max_length=300)
    hours = models.PositiveSmallIntegerField("часов")
    issued_on = models.DateField("дата выдачи")
    wording = models.JSONField(default=dict)
    credential = models.JSONField("подписанное цифровое удостоверение", default=dict)
    pdf = models.FileField(upload_to="academy/certificates/", blank=True)
    revoked_at = models.DateTimeField("отозван", null=True, blank=True)
    revoked_reason = models.TextField("причина отзыва", blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = "сертификат"
        verbose_name_plural = "сертификаты"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(course__isnull=False),
                name="certificate_course_once",
            ),
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=Q(programme__isnull=False),
                name="certificate_programme_once",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("academy:certificate_verify", args=[self.uuid])

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def verification_url(self):
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    def sign(self):
        self.credential = signed_credential(self)
        self.save(update_fields=["credential"])

    def revoke(self, by, reason):
        if self.is_revoked:
            return False
        self.revoked_at, self.revoked_by, self.revoked_reason = timezone.now(), by, reason
        self.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        return True
