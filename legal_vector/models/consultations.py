import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from legal_vector.models.consultation_thread import ConsultationAttachment, ConsultationMessage
from legal_vector.models.qa import QACitation, QAItem
from legal_vector.models.units import unit_url
from portal.accounts import roles
from portal.notifications.services import notify

NOTIFICATION_KIND = "legal.consultation"


class ConsultationStatus(models.TextChoices):
    NEW = "new", "новая"
    IN_WORK = "in_work", "в работе"
    ANSWERED = "answered", "дан ответ"
    CLOSED = "closed", "закрыта"


class ConsultationQuerySet(models.QuerySet):
    def queue(self):
        """What lawyers still have to answer, the closest deadline first."""
        open_statuses = [ConsultationStatus.NEW, ConsultationStatus.IN_WORK]
        return self.filter(status__in=open_statuses).order_by("due_on", "created_at", "pk")


class Consultation(models.Model):
    """A question to the portal's lawyers: new → in work → answered → closed.

    Private to its author and to lawyers. Every step notifies the author.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        on_delete=models.CASCADE,
        related_name="legal_consultations",
    )
    question = models.TextField("вопрос")
    status = models.CharField(
        "статус", max_length=16, choices=ConsultationStatus.choices, default=ConsultationStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="юрист",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_assigned_consultations",
    )
    # One token per form render: a second submit of the same form finds the first consultation.
    submission_token = models.UUIDField("ключ отправки формы")
    due_on = models.DateField("срок ответа")
    answer = models.TextField("ответ юриста", blank=True)
    rating = models.PositiveSmallIntegerField("оценка ответа", null=True, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    taken_at = models.DateTimeField("взята в работу", null=True, blank=True)
    answered_at = models.DateTimeField("дан ответ", null=True, blank=True)
    closed_at = models.DateTimeField("закрыта", null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "консультация юриста"
        verbose_name_plural = "консультации юристов"
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="legal_consultation_single_submit"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="legal_consultation_rating_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="legal_consultation_queue"),
            models.Index(fields=["author", "-created_at"], name="legal_consultation_author"),
            models.Index(fields=["assignee", "status"], name="legal_consultation_assignee"),
        ]

    def __str__(self):
        return f"Консультация № {self.pk}"

    def get_absolute_url(self):
        return reverse("legal_vector:consultation", args=[self.pk])

    @property
    def is_overdue(self):
        open_statuses = (ConsultationStatus.NEW, ConsultationStatus.IN_WORK)
        return self.status in open_statuses and self.due_on < timezone.localdate()

    @property
    def can_be_rated(self):
        return self.status in (ConsultationStatus.ANSWERED, ConsultationStatus.CLOSED)

    def is_visible_to(self, user):
        return user.is_authenticated and (user.pk == self.author_id or user.has_role(roles.LAWYER))

    @classmethod
    @transaction.atomic
    def submit(cls, author, question, token, citations=()):
        """Create the consultation once per form token, with the bot's citations; notify."""
        due_on = timezone.localdate() + datetime.timedelta(days=settings.CONSULTATION_SLA_DAYS)
        consultation, created = cls.objects.get_or_create(
            author=author,
            submission_token=token,
            defaults={"question": question, "due_on": due_on},
        )
        if created:
            consultation.add_citations(citations, ConsultationCitation.Source.BOT)
            consultation._tell_author(
                f"Консультация № {consultation.pk} принята. Юрист ответит до {due_on:%d.%m.%Y}."
            )
        return consultation, created

    def add_citations(self, units, source):
        ConsultationCitation.objects.bulk_create(
            [
                ConsultationCitation(
                    consultation=self,
                    document_id=unit.document_id,
                    stable_key=unit.stable_key,
                    label=unit.citation()[:300],
                    source=source,
                    position=position,
                )
                for position, unit in enumerate(units)
            ],
            ignore_conflicts=True,
        )

    def _locked(self):
        return Consultation.objects.select_for_update().get(pk=self.pk)

    def _require(self, current, *allowed):
        if current.status not in allowed:
            raise ValidationError(
                f"Действие недоступно: консультация в статусе «{current.get_status_display()}»."
            )

    def _tell_author(self, text):
        notify(self.author, NOTIFICATION_KIND, text, link=self.get_absolute_url())

    @transaction.atomic
    def take(self, lawyer):
        current = self._locked()
        self._require(current, ConsultationStatus.NEW)
        Consultation.objects.filter(pk=self.pk).update(
            status=ConsultationStatus.IN_WORK, assignee=lawyer, taken_at=timezone.now()
        )
        self.refresh_from_db()
        self._tell_author(f"Юрист взял в работу консультацию № {self.pk}.")

    @property
    def is_open(self):
        """The author may still add to it: until it is closed."""
        return self.status != ConsultationStatus.CLOSED

    @transaction.atomic
    def add_follow_up(self, author, text, uploads=()):
        """The author's follow-up question with checked files (`(upload, kind)` pairs). An
        answered consultation goes back to work: the lawyer owes another answer."""
        current = self._locked()
        if author.pk != current.author_id:
            raise ValidationError("Дополнить консультацию может только её автор.")
        self._require(
            current, ConsultationStatus.NEW, ConsultationStatus.IN_WORK, ConsultationStatus.ANSWERED
        )
        message = ConsultationMessage.objects.create(consultation=self, author=author, text=text)
        for upload, kind in uploads:
            ConsultationAttachment.objects.create(
                message=message, file=upload, name=upload.name[-200:], kind=kind, size=upload.size
            )
        if current.status == ConsultationStatus.ANSWERED:
            Consultation.objects.filter(pk=self.pk).update(status=ConsultationStatus.IN_WORK)
        self.refresh_from_db()
        if self.assignee_id:
            notify(
                self.assignee,
                NOTIFICATION_KIND,
                f"Автор дополнил консультацию № {self.pk}.",
                link=self.get_absolute_url(),
            )
        return message

    @transaction.atomic
    def give_answer(self, lawyer, text, units=()):
        """The lawyer's answer; once the first answer is given, later ones (to follow-ups) join
        the thread and the first stays as it was."""
        current = self._locked()
        self._require(current, ConsultationStatus.NEW, ConsultationStatus.IN_WORK)
        if current.answer:
            ConsultationMessage.objects.create(
                consultation=self, author=lawyer, from_lawyer=True, text=text
            )
            text = current.answer
        Consultation.objects.filter(pk=self.pk).update(
            status=ConsultationStatus.ANSWERED,
            assignee=current.assignee or lawyer,
            taken_at=current.taken_at or timezone.now(),
            answer=text,
            answered_at=timezone.now(),
        )
        self.refresh_from_db()
        self.add_citations(units, ConsultationCitation.Source.LAWYER)
        self._tell_author(f"Юрист ответил на консультацию № {self.pk}.")

    @transaction.atomic
    def close(self):
        current = self._locked()
        self._require(current, ConsultationStatus.ANSWERED)
        Consultation.objects.filter(pk=self.pk).update(
            status=ConsultationStatus.CLOSED, closed_at=timezone.now()
        )
        self.refresh_from_db()
        self._tell_author(f"Консультация № {self.pk} закрыта.")

    @transaction.atomic
    def rate(self, value):
        """The author's rating; rating an answered consultation also closes it."""
        current = self._locked()
        self._require(current, ConsultationStatus.ANSWERED, ConsultationStatus.CLOSED)
        was_answered = current.status == ConsultationStatus.ANSWERED
        Consultation.objects.filter(pk=self.pk).update(rating=value)
        self.refresh_from_db()
        if was_answered:
            self.close()

    @transaction.atomic
    def publish_to_qa(self, question, answer):
        """Publish an anonymised question and answer, citing what the lawyer cited."""
        current = self._locked()
        self._require(current, ConsultationStatus.ANSWERED, ConsultationStatus.CLOSED)
        try:
            # A savepoint: the unique question is checked by the database, race-free.
            with transaction.atomic():
                item, _ = QAItem.objects.update_or_create(
                    source_consultation=self,
                    defaults={"question": question, "answer": answer, "is_published": True},
                )
        except IntegrityError:
            raise ValidationError(
                {"question": "В базе уже есть вопрос с такой формулировкой. Уточните вопрос."}
            ) from None
        cited = self.citations.filter(source=ConsultationCitation.Source.LAWYER)
        QACitation.objects.bulk_create(
            [
                QACitation(
                    item=item,
                    document_id=c.document_id,
                    stable_key=c.stable_key,
                    position=c.position,
                )
                for c in cited
            ],
            ignore_conflicts=True,
        )
        return item


class ConsultationCitation(models.Model):
    """A unit attached to a consultation: suggested by the bot or cited by the lawyer."""

    class Source(models.TextChoices):
        BOT = "bot", "чат-бот"
        LAWYER = "lawyer", "юрист"

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="citations"
    )
    document = models.ForeignKey(
        "legal_vector.Document", verbose_name="документ", on_delete=models.CASCADE, related_name="+"
    )
    stable_key = models.CharField("ключ единицы", max_length=200, blank=True)
    label = models.CharField("цитата", max_length=300)
    source = models.CharField("кем добавлена", max_length=8, choices=Source.choices)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["consultation", "source", "position"]
        verbose_name = "ссылка консультации"
        verbose_name_plural = "ссылки консультации"
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "source", "document", "stable_key"],
                name="legal_consultation_citation_unique",
            )
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return unit_url(self.document_id, self.stable_key)
