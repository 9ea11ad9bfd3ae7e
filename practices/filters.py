"""The catalogue's filter: every parameter lives in the query string, so a list is a link."""

import django_filters
from django import forms
from django.db import models
from django.forms.utils import ErrorDict

from portal.models import Sphere
from portal.municipalities.models import MunicipalityType, Region
from portal.search import build_search_query, normalize_query, text_filter
from practices.models import Indicator, Practice
from practices.models.practices import FIRST_YEAR
from practices.search import PRACTICE_INDEX

SORT_NEWEST = "newest"
SORT_RELEVANCE = "relevance"
SORT_ADOPTED = "adopted"
SORT_USEFUL = "useful"
SORT_CHOICES = [
    (SORT_NEWEST, "сначала новые"),
    (SORT_RELEVANCE, "по релевантности"),
    (SORT_ADOPTED, "чаще внедряют"),
    (SORT_USEFUL, "самые полезные"),
]
ADOPTED_CHOICES = [("1", "хотя бы раз"), ("3", "3 раза и больше"), ("10", "10 раз и больше")]
LAST_YEAR = 2100


class PracticeFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", "Верхняя граница бюджета меньше нижней.")
        return data


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Поиск по практикам",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Например, раздельный сбор отходов"}
        ),
    )
    sphere = django_filters.ModelChoiceFilter(
        label="Направление",
        queryset=Sphere.objects.all(),
        to_field_name="slug",
        method="filter_sphere",
        empty_label="Все направления",
    )
    region = django_filters.ModelChoiceFilter(
        label="Регион",
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        empty_label="Любой регион",
    )
    budget_min = django_filters.NumberFilter(
        label="Бюджет от, ₽", method="filter_budget", min_value=0
    )
    budget_max = django_filters.NumberFilter(
        label="Бюджет до, ₽", method="filter_budget", min_value=0
    )
    year = django_filters.NumberFilter(
        label="Год начала", method="filter_year", min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    kind = django_filters.ChoiceFilter(
        label="Тип муниципалитета",
        choices=MunicipalityType.choices,
        method="filter_kind",
        empty_label="Любой тип",
    )
    measured = django_filters.BooleanFilter(
        label="С измеримыми показателями",
        method="filter_measured",
        widget=forms.CheckboxInput,
    )
    award = django_filters.BooleanFilter(
        label="Победители конкурса",
        method="filter_award",
        widget=forms.CheckboxInput,
    )
    adopted = django_filters.ChoiceFilter(
        label="Внедрили",
        choices=ADOPTED_CHOICES,
        method="filter_adopted",
        empty_label="не важно",
    )
    sort = django_filters.ChoiceFilter(
        label="Сортировка", choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Practice
        fields: list[str] = []
        form = PracticeFilterForm

    @classmethod
    def for_query(cls, data):
        """The filter over published practices for a query dict (request.GET)."""
        return cls(data, queryset=Practice.objects.published())

    def _cleaned(self, name):
        """A field's cleaned value; an invalid field does not spoil the others."""
        self.form.is_valid()
        return self.form.cleaned_data.get(name)

    @property
    def text(self):
        return normalize_query(self._cleaned("q") or "")

    @property
    def search_query(self):
        return build_search_query(self.text)

    @property
    def sort_order(self):
        chosen = self._cleaned("sort")
        if chosen in (SORT_ADOPTED, SORT_USEFUL):
            return chosen
        if self.text and chosen != SORT_NEWEST:
            return SORT_RELEVANCE
        return SORT_NEWEST

    # --- filters -----------------------------------------------------------------------------

    def filter_text(self, queryset, name, value):
        return text_filter(PRACTICE_INDEX, queryset, self.text)

    def filter_sphere(self, queryset, name, sphere):
        return queryset if sphere is None else queryset.in_sphere([sphere])

    def filter_region(self, queryset, name, region):
        return queryset if region is None else queryset.for_region(region)

    def filter_budget(self, queryset, name, value):
        if value is None:
            return queryset
        bound = {"budget_min": "minimum", "budget_max": "maximum"}[name]
        return queryset.with_budget(**{bound: int(value)})

    def filter_year(self, queryset, name, year):
        return queryset if year is None else queryset.started_in(int(year))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(municipality__kind=value) if value else queryset

    def filter_measured(self, queryset, name, value):
        if not value:
            return queryset
        rows = Indicator.objects.filter(practice=models.OuterRef("pk"))
        return queryset.filter(models.Exists(rows))

    def kind_counts(self):
        """Facet counts of the municipality type under every other chosen filter: one query.
        Types without practices are left out."""
        data = self.data.copy()
        data.pop("kind", None)
        others = type(self)(data, queryset=self.queryset)
        # Reuse this form's validation instead of looking the sphere and region up again.
        self.form.is_valid()
        others.form.cleaned_data = {**self.form.cleaned_data, "kind": ""}
        others.form._errors = ErrorDict(
            {name: errors for name, errors in self.form.errors.items() if name != "kind"}
        )
        rows = (
            others.qs.order_by()
            .values("municipality__kind")
            .annotate(total=models.Count("pk", distinct=True))
        )
        totals = {row["municipality__kind"]: row["total"] for row in rows}
        return [
            (value, label, totals[value])
            for value, label in MunicipalityType.choices
            if totals.get(value)
        ]

    def filter_award(self, queryset, name, value):
        return queryset.awarded() if value else queryset

    def filter_adopted(self, queryset, name, value):
        return queryset.adopted_at_least(int(value)) if value else queryset

    def filter_sort(self, queryset, name, value):
        # Ordering is applied last, in filter_queryset(), once the text filter is known.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        order = self.sort_order
        if order == SORT_RELEVANCE:
            return queryset.by_relevance()
        if order == SORT_ADOPTED:
            return queryset.most_adopted()
        if order == SORT_USEFUL:
            return queryset.most_useful()
        return queryset.newest()
