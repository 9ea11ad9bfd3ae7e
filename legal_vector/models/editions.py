import datetime

from django.db import models, transaction
from django.urls import reverse

from portal.notifications.models import Delivery
from portal.notifications.services import notify

NEW_EDITION_KIND = "legal.new_edition"


class EditionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class Edition(models.Model):
    """The text of a document in force from one date to another (open-ended while current)."""

    document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="документ",
        on_delete=models.CASCADE,
        related_name="editions",
    )
    valid_from = models.DateField("действует с")
    valid_to = models.DateField("действует по", null=True, blank=True)
    is_current = models.BooleanField("текущая редакция", default=False)
    amending_act = models.CharField("изменяющий акт", max_length=500, blank=True)
    # «Список изменяющих документов» of an export: [{"text": …, "acts": [{"date", "number"}]}].
    amending_acts = models.JSONField(
        "изменяющие документы",
        default=list,
        db_default=models.Value([], models.JSONField()),
        blank=True,
    )
    checksum = models.CharField("контрольная сумма текста", max_length=64)
    source_name = models.CharField("файл", max_length=300, blank=True)
    warnings = models.JSONField("предупреждения разбора", default=list, blank=True)
    # Bumped when references are found again, so cached renderings of the text expire.
    links_version = models.PositiveIntegerField(default=0, editable=False)
    imported_at = models.DateTimeField("импортирована", auto_now_add=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = "редакция"
        verbose_name_plural = "редакции"
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(is_current=True),
                name="legal_edition_one_current_per_document",
            ),
            models.UniqueConstraint(
                fields=["document", "checksum"], name="legal_edition_unique_text"
            ),
            models.UniqueConstraint(
                fields=["document", "valid_from"], name="legal_edition_unique_start"
            ),
        ]
        indexes = [models.Index(fields=["document", "-valid_from"], name="legal_edition_doc_date")]

    def __str__(self):
        return f"{self.document} — редакция от {self.valid_from:%d.%m.%Y}"

    def get_absolute_url(self):
        url = reverse("legal_vector:document", args=[self.document_id])
        return f"{url}?as_of={self.valid_from.isoformat()}"

    @property
    def period_label(self):
        if self.valid_to:
            return f"с {self.valid_from:%d.%m.%Y} по {self.valid_to:%d.%m.%Y}"
        return f"с {self.valid_from:%d.%m.%Y}"

    @transaction.atomic
    def make_current(self):
        """Make this edition the current one and close the period of the one it replaces.

        Editions are kept in date order: the latest start date is current, and every earlier
        edition ends the day before the next one starts.
        """
        editions = list(
            Edition.objects.select_for_update()
            .filter(document_id=self.document_id)
            .order_by("valid_from")
        )
        Edition.objects.filter(document_id=self.document_id, is_current=True).update(
            is_current=False
        )
        for earlier, later in zip(editions, editions[1:], strict=False):
            valid_to = later.valid_from - datetime.timedelta(days=1)
            Edition.objects.filter(pk=earlier.pk).update(valid_to=valid_to)
        latest = editions[-1]
        Edition.objects.filter(pk=latest.pk).update(is_current=True, valid_to=None)
        self.refresh_from_db(fields=["is_current", "valid_to"])

    def text_cache_key(self, url_query=""):
        """Cache key of the rendered text; it changes when the edition's links are redone."""
        return f"legal:text:{self.pk}:{self.checksum}:{self.links_version}:{url_query}"

    def units_in_order(self):
        return self.units.order_by("position")

    def previous(self):
        """The edition this one replaced (the latest that started before it)."""
        return (
            Edition.objects.filter(document_id=self.document_id, valid_from__lt=self.valid_from)
            .order_by("-valid_from")
            .first()
        )

    def diff_url(self, older):
        url = reverse("legal_vector:diff", args=[self.document_id])
        return f"{url}?from={older.pk}&to={self.pk}"

    def notify_subscribers(self):
        """Notify everyone watching the document, or a unit of it that changed; each person
        once per edition (the delivery log), however often the task runs.

        Returns the number of notifications sent.
        """
        # Both import this module's models: the comparison and the subscriptions sit above it.
        from legal_vector.comparison import changed_keys
        from legal_vector.models.bookmarks import Subscription

        older = self.previous()
        if older is None:
            return 0
        changed = changed_keys(older, self)
        link = self.diff_url(older)
        sent = 0
        for subscription in Subscription.objects.watching(self.document):
            if subscription.stable_key and not subscription.covers_any(changed):
                continue
            with transaction.atomic():
                if not Delivery.claim(subscription.user_id, NEW_EDITION_KIND, self.pk):
                    continue
                notify(
                    subscription.user,
                    NEW_EDITION_KIND,
                    f"Новая редакция от {self.valid_from:%d.%m.%Y}: {subscription.target_title}. "
                    "Посмотрите, что изменилось.",
                    link=link,
                )
            sent += 1
        return sent
