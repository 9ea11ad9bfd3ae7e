"""Structured results of a practice: indicators (before → after) and budget lines by source.

Both are children of the practice cluster (ParentalKey), so Wagtail revisions carry them and
an edit of a published practice keeps its public rows until a moderator approves.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable


class FundingSource(models.TextChoices):
    LOCAL = "local", "Местный бюджет"
    REGIONAL = "regional", "Региональный бюджет"
    FEDERAL = "federal", "Федеральный бюджет"
    EXTRA = "extra", "Внебюджетные средства"


class Indicator(Orderable):
    """A measured result: name, unit, the value before and after, when it was measured."""

    practice = ParentalKey(
        "practices.Practice", on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField("показатель", max_length=200)
    unit = models.CharField("единица", max_length=40, help_text="Например: дней, %, человек.")
    before = models.DecimalField("было", max_digits=14, decimal_places=2)
    after = models.DecimalField("стало", max_digits=14, decimal_places=2)
    measured_on = models.DateField("дата измерения", null=True, blank=True)

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
