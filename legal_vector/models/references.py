from django.db import models

from legal_vector.models.units import unit_url


class ReferenceQuerySet(models.QuerySet):
    def backlinks_to(self, document):
        """Mentions of `document` in current editions of other documents."""
        return (
            self.filter(target_document=document, source_unit__edition__is_current=True)
            .exclude(source_unit__document=document)
            .select_related("source_unit__document")
            .order_by("source_unit__document__title", "source_unit__position")
        )


class Reference(models.Model):
    """A mention of another act or unit found in a unit's text.

    Resolved references point at the target document and the stable key of the unit (empty for
    the whole act); unresolved ones keep only the matched text.
    """

    source_unit = models.ForeignKey(
        "legal_vector.StructuralUnit",
        verbose_name="где упоминается",
        on_delete=models.CASCADE,
        related_name="references",
    )
    text = models.CharField("текст ссылки", max_length=500)
    start = models.PositiveIntegerField("начало в тексте")
    end = models.PositiveIntegerField("конец в тексте")
    target_document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="на какой документ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="backlinks",
    )
    target_key = models.CharField("ключ единицы", max_length=200, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["source_unit", "start"]
        verbose_name = "ссылка"
        verbose_name_plural = "ссылки"
        indexes = [models.Index(fields=["target_document"], name="legal_reference_target")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        if not self.is_resolved:
            return ""
        return unit_url(self.target_document_id, self.target_key)

    @property
    def is_resolved(self):
        return self.target_document_id is not None
