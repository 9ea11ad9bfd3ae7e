"""The catalogue's filter: every parameter lives in the query string, so a list is a link.

One FilterSet serves the page, the JSON API and saved filters. The facets (sphere, region,
municipality type, population band, year, award, measurable results, adoptions) may each take
several values, joined by «or»; different filters are joined by «and». The catalogue counts
every facet's values under the other chosen filters from its column snapshot
(`practices.catalogue_index`), asked with this filter's cleaned values.
"""

import django_filters
from django import forms
from django.http import QueryDict

from portal.filtering import FilterSet
from portal.models import Sphere
from portal.municipalities.bands import BAND_CHOICES
from portal.municipalities.models import MunicipalityType, Region
from portal.search import build_search_query, normalize_query, text_filter
from practices.models import Practice
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
# Filters counted as facets; the others (text, budget) narrow every facet alike.
FACETS = ("sphere", "region", "kind", "population", "year", "award", "measured", "adopted")


class YearsField(forms.Field):
    """Years of start, repeated in the query string (`year=2021&year=2022`)."""

    widget = forms.SelectMultiple

    def __init__(self, *, min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs):
        self.year = forms.IntegerField(
            min_value=min_value,
            max_value=max_value,
            error_messages={"invalid": "Введите год числом, например 2023."},
        )
        super().__init__(**kwargs)

    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        return sorted({self.year.clean(item) for item in values if item not in ("", None)})


class YearsFilter(django_filters.Filter):
    field_class = YearsField


class PracticeFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", "Верхняя граница бюджета меньше нижней.")
        return data


def _as_query_dict(data):
    """A plain dict (a saved filter, a test) read like a query string."""
    if data is None or hasattr(data, "getlist"):
        return data
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, [str(item) for item in value] if isinstance(value, list) else [value])
    return query


class PracticeFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Поиск по практикам",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Например, раздельный сбор отходов"}
        ),
    )
    sphere = django_filters.ModelMultipleChoiceFilter(
        label="Направление",
        queryset=Sphere.objects.all(),
        to_field_name="slug",
        method="filter_sphere",
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label="Регион",
        queryset=Region.objects.all(),
        to_field_name="code",
        method="filter_region",
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Тип муниципалитета", choices=MunicipalityType.choices, method="filter_kind"
    )
    population = django_filters.MultipleChoiceFilter(
        label="Численность населения", choices=BAND_CHOICES, method="filter_population"
    )
    year = YearsFilter(label="Год начала", method="filter_year")
    budget_min = django_filters.NumberFilter(
        label="Бюджет от, ₽", method="filter_budget", min_value=0
    )
    budget_max = django_filters.NumberFilter(
        label="Бюджет до, ₽", method="filter_budget", min_value=0
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

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_as_query_dict(data), *args, **kwargs)

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

    def chosen(self, name):
        """The valid values chosen for a facet, as the text the query string carries."""
        value = self._cleaned(name)
        if value in (None, "", False):
            return set()
        if name == "sphere":
            return {sphere.slug for sphere in value}
        if name == "region":
            return {region.code for region in value}
        if isinstance(value, list | tuple | set):
            return {str(item) for item in value}
        return {"1"} if value is True else {str(value)}

    # --- filters -----------------------------------------------------------------------------

    def filter_text(self, queryset, name, value):
        return text_filter(PRACTICE_INDEX, queryset, self.text)

    def filter_sphere(self, queryset, name, spheres):
        return queryset.in_sphere(spheres) if spheres else queryset

    def filter_region(self, queryset, name, regions):
        return queryset.in_regions(regions) if regions else queryset

    def filter_kind(self, queryset, name, kinds):
        return queryset.of_municipality_kinds(kinds) if kinds else queryset

    def filter_population(self, queryset, name, bands):
        return queryset.in_population_bands(bands) if bands else queryset

    def filter_year(self, queryset, name, years):
        return queryset.started_in_years(years) if years else queryset

    def filter_budget(self, queryset, name, value):
        if value is None:
            return queryset
        bound = {"budget_min": "minimum", "budget_max": "maximum"}[name]
        return queryset.with_budget(**{bound: int(value)})

    def filter_measured(self, queryset, name, value):
        return queryset.measured() if value else queryset

    def filter_award(self, queryset, name, value):
        return queryset.awarded() if value else queryset

    def filter_adopted(self, queryset, name, value):
        return queryset.adopted_at_least(int(value)) if value else queryset

    def filter_sort(self, queryset, name, value):
        # Ordering is applied last, in filter_queryset(), once the text filter is known.
        return queryset

    # --- the list and its facets -------------------------------------------------------------

    def _narrowed(self):
        """The practices under the filters that are not facets (text, budget): built once, so
        the search backend is asked once however many facets are counted."""
        if not hasattr(self, "_narrowed_qs"):
            self.form.is_valid()
            queryset = self.queryset.all()
            for name, value in self.form.cleaned_data.items():
                if name not in FACETS:
                    queryset = self.filters[name].filter(queryset, value)
            self._narrowed_qs = queryset
        return self._narrowed_qs

    def under_facets(self):
        """The practices under every chosen filter, unordered."""
        queryset = self._narrowed()
        cleaned = self.form.cleaned_data
        for name in FACETS:
            if name in cleaned:
                queryset = self.filters[name].filter(queryset, cleaned[name])
        return queryset.order_by()

    def filter_queryset(self, queryset):
        queryset = self.under_facets()
        order = self.sort_order
        if order == SORT_RELEVANCE:
            return queryset.by_relevance()
        if order == SORT_ADOPTED:
            return queryset.most_adopted()
        if order == SORT_USEFUL:
            return queryset.most_useful()
        return queryset.newest()
