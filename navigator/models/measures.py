"""A support measure or competition that municipalities can apply for."""

from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.search import index

from navigator.models.choices import (
    CLOSING_SOON_DAYS,
    MeasureKind,
    MeasureLevel,
    MeasureStatus,
    Recurrence,
)
from navigator.models.querysets import SupportMeasureQuerySet
from portal.editorial import Editorial
from portal.municipalities.models import MunicipalityType
from portal.search.vectors import weighted_search_vector

PERCENT = [MaxValueValidator(100)]


class SupportMeasure(Editorial, index.Indexed, ClusterableModel):
    title = models.CharField("название", max_length=300)
    slug = models.SlugField("адрес страницы", max_length=100, unique=True, blank=True)
    summary = models.TextField("кратко", max_length=600)
    description = RichTextField("подробное описание", blank=True)
    kind = models.CharField("вид поддержки", max_length=20, choices=MeasureKind.choices)
    level = models.CharField("уровень", max_length=10, choices=MeasureLevel.choices)
    organiser = models.ForeignKey(
        "navigator.Organisation",
        verbose_name="организатор",
        on_delete=models.PROTECT,
        related_name="organised_measures",
    )
    operator = models.ForeignKey(
        "navigator.Organisation",
        verbose_name="оператор",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_measures",
        help_text="Кто принимает заявки, если не сам организатор.",
    )
    programme = models.ForeignKey(
        "navigator.Programme",
        verbose_name="нацпроект или госпрограмма",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    spheres = ParentalManyToManyField(
        "portal.Sphere", verbose_name="сферы", blank=True, related_name="support_measures"
    )
    # --- eligibility ---
    regions = ParentalManyToManyField(
        "municipalities.Region",
        verbose_name="субъекты РФ",
        blank=True,
        related_name="support_measures",
        help_text="Пусто — мера действует по всей России.",
    )
    municipalities = ParentalManyToManyField(
        "municipalities.Municipality",
        verbose_name="только для муниципалитетов",
        blank=True,
        related_name="support_measures",
        help_text="Пусто — для всех; выбранный район включает свои поселения.",
    )
    municipality_types = ArrayField(
        models.CharField(max_length=32, choices=MunicipalityType.choices),
        verbose_name="типы муниципальных образований",
        default=list,
        blank=True,
        help_text="Пусто — любые типы.",
    )
    population_min = models.PositiveIntegerField("население от, чел.", null=True, blank=True)
    population_max = models.PositiveIntegerField("население до, чел.", null=True, blank=True)
    other_conditions = models.TextField("другие условия", blank=True)
    funded_items = models.TextField("что финансируется", blank=True)
    # --- money ---
    amount_min = models.PositiveBigIntegerField("сумма от, ₽", null=True, blank=True)
    amount_max = models.PositiveBigIntegerField("сумма до, ₽", null=True, blank=True)
    cofinancing_min = models.PositiveSmallIntegerField(
        "софинансирование от, %", null=True, blank=True, validators=PERCENT
    )
    cofinancing_max = models.PositiveSmallIntegerField(
        "софинансирование до, %", null=True, blank=True, validators=PERCENT
    )
    is_competitive = models.BooleanField("конкурсный отбор", default=False)
    # --- calendar ---
    opens_on = models.DateField("приём с", null=True, blank=True)
    pre_application_on = models.DateField("предварительная заявка до", null=True, blank=True)
    closes_on = models.DateField("приём до", null=True, blank=True)
    recurrence = models.CharField(
        "периодичность", max_length=10, choices=Recurrence.choices, default=Recurrence.ONE_OFF
    )
    # --- applying ---
    required_documents = models.TextField(
        "необходимые документы", blank=True, help_text="Каждый документ с новой строки."
    )
    how_to_apply = models.TextField(
        "как подать заявку", blank=True, help_text="Каждый шаг с новой строки."
    )
    legal_documents = ParentalManyToManyField(
        "legal_vector.Document",
        verbose_name="правовые основания",
        blank=True,
        related_name="support_measures",
    )
    legal_basis_note = models.TextField(
        "правовые основания (текстом)",
        blank=True,
        help_text="Акты, которых ещё нет в правовой базе портала; каждый с новой строки.",
    )
    contacts = models.TextField("контакты", blank=True)
    application_url = models.URLField("ссылка для подачи заявки", max_length=1000, blank=True)
    source_id = models.CharField("идентификатор в источнике", max_length=100, blank=True)
    source_url = models.URLField("источник", max_length=1000, blank=True)
    verified_on = models.DateField("сведения проверены", null=True, blank=True)
    created_at = models.DateTimeField("создана", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    # Title > summary > conditions > full text.
    search_vector = weighted_search_vector(
        [
            (("title",), "A"),
            (("summary",), "B"),
            (("funded_items", "other_conditions"), "C"),
            (("description",), "D"),
        ]
    )

    objects = SupportMeasureQuerySet.as_manager()

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["closes_on", "pk"]
        verbose_name = "мера поддержки"
        verbose_name_plural = "меры поддержки"
        constraints = [
            models.UniqueConstraint(
                fields=["source_id"], condition=~models.Q(source_id=""), name="nav_measure_source"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="nav_measure_search"),
            GinIndex(fields=["municipality_types"], name="nav_measure_mun_types"),
            models.Index(fields=["live", "closes_on"], name="nav_measure_live_closes"),
            models.Index(fields=["live", "opens_on"], name="nav_measure_live_opens"),
            models.Index(fields=["live", "kind"], name="nav_measure_live_kind"),
            models.Index(fields=["live", "level"], name="nav_measure_live_level"),
            models.Index(fields=["live", "-amount_max"], name="nav_measure_live_amount"),
            models.Index(fields=["live", "cofinancing_min"], name="nav_measure_live_cofin"),
            models.Index(fields=["live", "is_competitive"], name="nav_measure_live_compet"),
            models.Index(fields=["population_min", "population_max"], name="nav_measure_pop"),
            models.Index(fields=["-first_published_at"], name="nav_measure_newest"),
            models.Index(fields=["last_published_at"], name="nav_measure_republished"),
            models.Index(Lower("title"), name="nav_measure_title_lower"),
        ]

    def __str__(self):
        return self.title

    def slug_source(self):
        return self.title

    def get_absolute_url(self):
        return reverse("navigator:measure", args=[self.slug])

    @property
    def absolute_url(self):
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    def get_preview_template(self, request, mode_name):
        return "navigator/measure_preview.html"

    def clean(self):
        super().clean()
        errors = {}
        pairs = [
            ("population_min", "population_max", "Нижняя граница населения больше верхней."),
            ("amount_min", "amount_max", "Минимальная сумма больше максимальной."),
            (
                "cofinancing_min",
                "cofinancing_max",
                "Нижняя граница софинансирования больше верхней.",
            ),
            ("opens_on", "closes_on", "Приём не может закончиться раньше, чем начнётся."),
        ]
        for low, high, message in pairs:
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                errors[high] = message
        if self.recurrence != Recurrence.PERMANENT and self.closes_on is None:
            errors["closes_on"] = "Укажите дату окончания приёма или выберите «постоянно»."
        if errors:
            raise ValidationError(errors)

    # --- status by dates ---

    def status_on(self, today):
        if self.opens_on and self.opens_on > today:
            return MeasureStatus.UPCOMING
        if self.closes_on and self.closes_on < today:
            return MeasureStatus.CLOSED
        return MeasureStatus.OPEN

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def status_label(self):
        return MeasureStatus(self.status).label

    def days_left(self, today=None):
        """Days until the application window closes (0 on the last day); None if not open."""
        today = today or timezone.localdate()
        if self.closes_on is None or self.status_on(today) != MeasureStatus.OPEN:
            return None
        return (self.closes_on - today).days

    @property
    def is_closing_soon(self):
        days = self.days_left()
        return days is not None and days <= CLOSING_SOON_DAYS

    def next_cycle_opens_on(self, today=None):
        """For an annual measure whose window is over: the same date next year (an estimate)."""
        today = today or timezone.localdate()
        if self.recurrence != Recurrence.ANNUAL or self.status_on(today) != MeasureStatus.CLOSED:
            return None
        start = self.opens_on or self.closes_on
        return _same_day_next_year(start)

    # --- text fields shown as lists ---

    @property
    def document_list(self):
        return _lines(self.required_documents)

    @property
    def steps(self):
        return _lines(self.how_to_apply)

    @property
    def legal_basis_lines(self):
        return _lines(self.legal_basis_note)

    @property
    def municipality_type_labels(self):
        return [MunicipalityType(value).label for value in self.municipality_types]


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _same_day_next_year(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)
