"""Structured results of a practice: indicators (before → target → after, with evidence) and
budget lines by source.

Both are children of the practice cluster (ParentalKey), so Wagtail revisions carry them and
an edit of a published practice keeps its public rows until a moderator approves.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from practices.models.attachments import CONTENT_TYPES, stored_path


class FundingSource(models.TextChoices):
    LOCAL = "local", "Местный бюджет"
    REGIONAL = "regional", "Региональный бюджет"
    FEDERAL = "federal", "Федеральный бюджет"
    EXTRA = "extra", "Внебюджетные средства"


def evidence_path(instance, filename):
    return stored_path(instance.evidence_kind)


class WebAddressField(models.URLField):
    """A URL whose form field completes «example.ru» to https://, as browsers do today."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Indicator(Orderable):
    """A measured result: name, unit, the value before, the target and the value after, when
    it was measured and where a colleague can check it (a link to a report, a dataset)."""

    practice = ParentalKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField("показатель", max_length=200)
    unit = models.CharField("единица", max_length=40, help_text="Например: дней, %, человек.")
    before = models.DecimalField("было", max_digits=14, decimal_places=2)
    after = models.DecimalField("стало", max_digits=14, decimal_places=2)
    target = models.DecimalField(
        "цель",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Какого значения хотели добиться; можно не указывать.",
    )
    measured_on = models.DateField("дата измерения", null=True, blank=True)
    evidence_url = WebAddressField(
        "подтверждение: ссылка",
        max_length=500,
        blank=True,
        # Only web addresses: a javascript: or file: link must never reach the page.
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Где проверить значение: отчёт, открытые данные, публикация. "
        "Начинается с https://.",
    )
    # A report or a scan that proves the value; checked like the practice's files
    # (practices/attachment_forms.py) and served by `practices:file` as a download.
    evidence_file = models.FileField(
        "подтверждение: файл",
        upload_to=evidence_path,
        max_length=200,
        blank=True,
        help_text="Отчёт, справка или фото: PDF, DOCX, XLSX, JPEG, PNG или WebP до 10 МБ.",
    )
    evidence_name = models.CharField(
        "имя файла подтверждения", max_length=200, blank=True, editable=False
    )
    evidence_kind = models.CharField(
        "тип файла подтверждения", max_length=8, blank=True, editable=False
    )

    class Meta(Orderable.Meta):
        verbose_name = "показатель"
        verbose_name_plural = "показатели"

    def __str__(self):
        return f"{self.name}: {self.before} → {self.after} {self.unit}"

    @property
    def change(self):
        return self.after - self.before

    @property
    def before_shown(self):
        return _number(self.before)

    @property
    def after_shown(self):
        return _number(self.after)

    @property
    def evidence_stored_name(self):
        return self.evidence_file.name.rsplit("/", 1)[-1] if self.evidence_file else ""

    def get_evidence_url(self):
        return reverse("practices:file", args=[self.practice_id, self.evidence_stored_name])

    @property
    def evidence_content_type(self):
        return CONTENT_TYPES.get(self.evidence_kind, "application/octet-stream")

    @property
    def target_shown(self):
        return "" if self.target is None else _number(self.target)

    @property
    def target_reached(self):
        """Whether «стало» reached the target in the direction of change from «было»;
        None without a target."""
        if self.target is None or self.target == self.before:
            return None
        if self.target > self.before:
            return self.after >= self.target
        return self.after <= self.target


def _number(value):
    """12.50 → «12,5», 600.00 → «600»: the Russian decimal comma, no trailing zeros."""
    text = format(value.quantize(Decimal("0.01")), "f").rstrip("0").rstrip(".")
    return text.replace(".", ",")


class BudgetLine(Orderable):
    """How much one source of funding paid for the practice, in roubles."""

    practice = ParentalKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="budget_lines"
    )
    source = models.CharField("источник", max_length=16, choices=FundingSource.choices)
    amount = models.PositiveBigIntegerField("сумма, ₽", validators=[MinValueValidator(1)])

    class Meta(Orderable.Meta):
        verbose_name = "строка бюджета"
        verbose_name_plural = "бюджет по источникам"

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount} ₽"
