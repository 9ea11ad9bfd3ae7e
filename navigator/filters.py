"""The one filter of support measures: the list page, the alerts, the export and the JSON API.

Every parameter lives in the query string, so a filtered list is a shareable link and a saved
alert is just that query string.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.http import QueryDict

from navigator.models import (
    MeasureKind,
    MeasureLevel,
    MeasureStatus,
    Organisation,
    Programme,
    SupportMeasure,
)
from navigator.search import MEASURE_INDEX
from portal.filtering import FilterSet
from portal.models import Sphere
from portal.municipalities.models import MunicipalityType, Region
from portal.search import build_search_query, normalize_query, text_filter

SORT_RELEVANCE = "relevance"
SORT_CLOSING = "closing"
SORT_AMOUNT = "amount"
SORT_NEWEST = "newest"
SORT_CHOICES = [
    (SORT_RELEVANCE, "по релевантности"),
    (SORT_CLOSING, "по сроку окончания приёма"),
    (SORT_AMOUNT, "по сумме поддержки"),
    (SORT_NEWEST, "сначала новые"),
]
COMPETITIVE_CHOICES = [("yes", "конкурсный отбор"), ("no", "без конкурса")]
# Parameters that are not part of the filter itself.
NON_FILTER_PARAMS = {"page", "format"}


class MeasureFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Поиск",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Например, благоустройство дворов"}
        ),
    )
    sphere = django_filters.ModelMultipleChoiceFilter(
        label="Сфера",
        queryset=Sphere.objects.all(),
        to_field_name="slug",
        method="filter_sphere",
        widget=forms.CheckboxSelectMultiple,
    )
    # Plain columns and foreign keys never duplicate rows: no DISTINCT over the whole row.
    kind = django_filters.MultipleChoiceFilter(
        label="Вид поддержки",
        choices=MeasureKind.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    level = django_filters.MultipleChoiceFilter(
        label="Уровень",
        choices=MeasureLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    organiser = django_filters.ModelMultipleChoiceFilter(
        label="Организатор",
        field_name="organiser__slug",
        queryset=Organisation.objects.published().only("pk", "slug", "name", "short_name"),
        to_field_name="slug",
        distinct=False,
    )
    programme = django_filters.ModelMultipleChoiceFilter(
        label="Нацпроект или госпрограмма",
        queryset=Programme.objects.published().only("pk", "slug", "name"),
        to_field_name="slug",
        method="filter_programme",
    )
    region = django_filters.ModelChoiceFilter(
        label="Регион",
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
        empty_label="Любой регион",
    )
    municipality_type = django_filters.MultipleChoiceFilter(
        label="Тип муниципального образования",
        choices=MunicipalityType.choices,
        method="filter_municipality_type",
        widget=forms.CheckboxSelectMultiple,
    )
    population = django_filters.NumberFilter(
        label="Население муниципалитета, чел.", method="filter_population", min_value=0
    )
    amount_min = django_filters.NumberFilter(
        label="Сумма поддержки от, ₽", method="filter_amount_min", min_value=0
    )
    cofinancing_max = django_filters.NumberFilter(
        label="Софинансирование не более, %",
        method="filter_cofinancing_max",
        min_value=0,
        max_value=100,
    )
    competitive = django_filters.MultipleChoiceFilter(
        label="Отбор",
        choices=COMPETITIVE_CHOICES,
        method="filter_competitive",
        widget=forms.CheckboxSelectMultiple,
    )
    status = django_filters.MultipleChoiceFilter(
        label="Статус приёма",
        choices=MeasureStatus.choices,
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
    )
    closes_before = django_filters.DateFilter(
        label="Приём до (не позднее)",
        field_name="closes_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        label="Сортировка", choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = SupportMeasure
        fields: list[str] = []

    @classmethod
    def for_query(cls, data, queryset=None):
        """The filter over published measures for a query dict (request.GET or a saved alert)."""
        if queryset is None:
            queryset = SupportMeasure.objects.published()
        return cls(data, queryset=queryset)

    # --- the query string ---------------------------------------------------------------------

    @classmethod
    def canonical_query(cls, data: QueryDict) -> str:
        """The filter's own non-empty parameters, sorted: one string per distinct filter.

        Used as the key of saved alerts, caches and the search log.
        """
        known = set(cls.base_filters)
        pairs = sorted(
            (key, value)
            for key in data
            if key in known
            for value in data.getlist(key)
            if value.strip()
        )
        query = QueryDict(mutable=True)
        for key, value in pairs:
            query.appendlist(key, value.strip())
        return query.urlencode()

    @classmethod
    def narrows(cls, data: QueryDict) -> bool:
        """Whether the query selects fewer measures than the whole base (sorting does not)."""
        return any(
            value.strip()
            for key in data
            if key in cls.base_filters and key != "sort"
            for value in data.getlist(key)
        )

    def _cleaned(self, name):
        """A field's cleaned value; an invalid field does not spoil the others."""
        if not self.is_bound:
            return None
        self.form.is_valid()
        return self.form.cleaned_data.get(name)

    @property
    def text(self):
        return normalize_query(self._cleaned("q") or "")

    @property
    def search_query(self):
        """The PostgreSQL query the page's snippets are cut with, whichever backend matched."""
        return build_search_query(self.text)

    # --- filters -----------------------------------------------------------------------------

    def filter_text(self, queryset, name, value):
        """Matching measures with a `relevance` alias, from PostgreSQL or Elasticsearch."""
        return text_filter(MEASURE_INDEX, queryset, value)

    def filter_sphere(self, queryset, name, spheres):
        """A direction selects its sub-spheres too."""
        if not spheres:
            return queryset
        ids = {s.pk for s in spheres}
        selected = Q(pk__in=ids) | Q(parent_id__in=ids)
        through = SupportMeasure.spheres.through
        matching = through.objects.filter(
            supportmeasure_id=OuterRef("pk"), sphere__in=Sphere.objects.filter(selected)
        )
        return queryset.filter(Exists(matching))

    def filter_programme(self, queryset, name, programmes):
        """A national project selects the measures of its federal projects too."""
        if not programmes:
            return queryset
        return queryset.in_programmes(programmes)

    def filter_region(self, queryset, name, region):
        if region is None:
            return queryset
        return queryset.for_region(region)

    def filter_municipality_type(self, queryset, name, kinds):
        if not kinds:
            return queryset
        return queryset.for_municipality_types(kinds)

    def filter_population(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.for_population(int(value))

    def filter_amount_min(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Q(amount_max__gte=value) | Q(amount_max__isnull=True))

    def filter_cofinancing_max(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(Q(cofinancing_min__lte=value) | Q(cofinancing_min__isnull=True))

    def filter_competitive(self, queryset, name, values):
        # Both boxes ticked means the same as none: any kind of selection.
        if len(set(values)) != 1:
            return queryset
        return queryset.filter(is_competitive=values[0] == "yes")

    def filter_status(self, queryset, name, statuses):
        if not statuses:
            return queryset
        return queryset.with_status(*statuses)

    def filter_sort(self, queryset, name, value):
        # Ordering is applied last, in filter_queryset(), once the text filter is known.
        return queryset

    def filter_queryset(self, queryset):
        return self.order(super().filter_queryset(queryset))

    def unordered(self, skip=""):
        """The filtered measures without ordering, ignoring the parameter `skip` (for facets).

        Reuses the already cleaned form, so counting a facet costs one query and no validation.
        """
        queryset = self.queryset.all()
        if not self.is_bound:
            return queryset
        self.form.is_valid()  # cleans every field; an invalid one is simply left out
        for name, value in self.form.cleaned_data.items():
            if name not in (skip, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # --- ordering ----------------------------------------------------------------------------

    @property
    def sort_order(self):
        chosen = self._cleaned("sort")
        if chosen == SORT_RELEVANCE and not self.text:
            chosen = ""
        return chosen or (SORT_RELEVANCE if self.text else SORT_CLOSING)

    def order(self, queryset):
        sort = self.sort_order
        if sort == SORT_RELEVANCE:
            # Only chosen with a text, so filter_text() has added the `relevance` alias.
            return queryset.order_by(F("relevance").desc(), "pk")
        if sort == SORT_AMOUNT:
            return queryset.order_by(F("amount_max").desc(nulls_last=True), "pk")
        if sort == SORT_NEWEST:
            return queryset.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
        return queryset.by_deadline()
