from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse

from portal.search.vectors import weighted_search_vector


class QAItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class QAItem(models.Model):
    """A question with a checked answer, citing the units that answer it.

    Written by editors, or published by a lawyer from an answered consultation (anonymised).
    """

    question = models.CharField("вопрос", max_length=500)
    answer = models.TextField("ответ")
    is_published = models.BooleanField("опубликован", default=True)
    source_consultation = models.OneToOneField(
        "legal_vector.Consultation",
        verbose_name="из консультации",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_qa",
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)
    search_vector = weighted_search_vector([(("question",), "A"), (("answer",), "C")], fold_yo=True)

    objects = QAItemQuerySet.as_manager()

    class Meta:
        ordering = ["question"]
        verbose_name = "вопрос и ответ"
        verbose_name_plural = "вопросы и ответы"
        constraints = [
            models.UniqueConstraint(fields=["question"], name="legal_qa_unique_question"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="legal_qa_search"),
            models.Index(fields=["is_published", "question"], name="legal_qa_published"),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("legal_vector:qa_detail", args=[self.pk])


class QACitation(models.Model):
    """A unit the answer relies on, by document and stable key so it survives new editions."""

    item = models.ForeignKey(QAItem, on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(
        "legal_vector.Document",
        verbose_name="документ",
        on_delete=models.CASCADE,
        related_name="qa_citations",
    )
    stable_key = models.CharField("ключ единицы", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        ordering = ["item", "position", "pk"]
        verbose_name = "цитата ответа"
        verbose_name_plural = "цитаты ответа"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "document", "stable_key"], name="legal_qa_citation_unique"
            ),
        ]
        indexes = [models.Index(fields=["document", "stable_key"], name="legal_qa_cited_unit")]

    def __str__(self):
        return f"{self.document_id}#{self.stable_key}"
