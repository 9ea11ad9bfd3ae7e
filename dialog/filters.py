"""The one filter of the problem field: the page, the JSON API, the export and follows.

Every parameter lives in the query string, so a filtered field is a shareable link.
"""

import django_filters
from django import forms
from django.contrib.postgres.search import SearchRank, TrigramSimilarity
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.http import QueryDict
from django.utils import timezone

from dialog.documents import PROBLEM_INDEX
from dialog.models import Problem, ProblemLevel, ProblemStatus
from dialog.models.choices import ANSWERED_STATUSES, AWAITING_ANSWER, PUBLIC_STATUSES
from portal.filtering import FilterSet
from portal.models import Sphere
from portal.municipalities.models import MunicipalityType, Region
from portal.search import normalize_query, text_filter
from portal.search.postgres import build_search_query

SORT_CHOICES = [
    ("newest", "сначала новые"),
    ("supported", "больше всего поддержали"),
    ("waiting", "дольше всего без ответа"),
]
YES_NO = [("yes", "да"), ("no", "нет")]
PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in ProblemStatus if s in PUBLIC_STATUSES]
NON_FILTER_PARAMS = {"page", "format"}


def _without_empty(data):
    """The form sends every field, empty ones too («region=»): they mean «any», not invalid."""
    if data is None:
        return None
    cleaned = QueryDict(mutable=True)
    for key in data:
        raw = data.getlist(key) if hasattr(data, "getlist") else data[key]
        values = [v for v in (raw if isinstance(raw, list) else [raw]) if v != ""]
        if values:
            cleaned.setlist(key, values)
    return cleaned


class ProblemFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Поиск",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Например, бесхозяйные сети"}
        ),
    )
    direction = django_filters.ModelMultipleChoiceFilter(
        label="Направление",
        field_name="direction__slug",
        queryset=Sphere.objects.directions(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label="Регион",
        field_name="region__code",
        queryset=Region.objects.all(),
        to_field_name="code",
        widget=forms.SelectMultiple,
    )
    kind = django_filters.MultipleChoiceFilter(
        label="Тип муниципального образования",
        field_name="municipality_kind",
        choices=MunicipalityType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    status = django_filters.MultipleChoiceFilter(
        label="Статус", choices=PUBLIC_STATUS_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    level = django_filters.MultipleChoiceFilter(
        label="Уровень решения", choices=ProblemLevel.choices, widget=forms.CheckboxSelectMultiple
    )
    answered = django_filters.ChoiceFilter(
        label="Есть ответ", choices=YES_NO, method="filter_answered", empty_label="неважно"
    )
    overdue = django_filters.ChoiceFilter(
        label="Просрочена", choices=YES_NO, method="filter_overdue", empty_label="неважно"
    )
    cluster = django_filters.NumberFilter(field_name="cluster_id", widget=forms.HiddenInput)
    sort = django_filters.ChoiceFilter(
        label="Сортировка", choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Problem
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        queryset = Problem.objects.public() if queryset is None else queryset
        super().__init__(_without_empty(data), queryset=queryset, **kwargs)

    @classmethod
    def for_query(cls, data):
        """The filter over public problems for a query dict (the field's, or a saved alert's)."""
        return cls(data)

    @property
    def sort_order(self):
        value = (self.data or {}).get("sort")
        return value if value in dict(SORT_CHOICES) else "newest"

    def filter_text(self, queryset, name, value):
        """Matching problems, from PostgreSQL or Elasticsearch (`portal.search`)."""
        return text_filter(PROBLEM_INDEX, queryset, value)

    def filter_answered(self, queryset, name, value):
        answered = Q(status__in=ANSWERED_STATUSES)
        return queryset.filter(answered) if value == "yes" else queryset.exclude(answered)

    def filter_overdue(self, queryset, name, value):
        overdue = Q(
            status__in=AWAITING_ANSWER, due_at__lt=timezone.now(), sla_paused_at__isnull=True
        )
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)

    def filter_sort(self, queryset, name, value):
        return queryset  # ordering is applied last, in `qs`

    @property
    def qs(self):
        queryset = super().qs
        order = {
            "newest": [F("published_at").desc(nulls_last=True), "-pk"],
            "supported": ["-supports_count", "-pk"],
            "waiting": ["-is_prioritized", F("published_at").asc(nulls_last=True), "pk"],
        }[self.sort_order]
        if self.sort_order == "waiting":
            queryset = queryset.filter(status__in=AWAITING_ANSWER)
        return queryset.order_by(*order)


def similar_problems(text, direction_id=None, exclude_pk=None, limit=5):
    """Public problems like `text`: the same direction first, then by full-text and trigram
    closeness. Never blocks a submission; it only offers to support an existing problem."""
    text = normalize_query(text)[:300]
    if len(text) < 5:
        return []
    query = build_search_query(text, match_all=False)
    title = text[:200]
    matches = Q(title__trigram_similar=title)
    if query is not None:
        matches |= Q(search_vector=query)
    problems = Problem.objects.public().filter(matches)
    if exclude_pk:
        problems = problems.exclude(pk=exclude_pk)
    score = TrigramSimilarity("title", title)
    if query is not None:
        score = score + SearchRank("search_vector", query)
    same = Q(direction_id=direction_id) if direction_id else Q(pk__in=[])
    problems = problems.annotate(
        same_direction=ExpressionWrapper(same, output_field=BooleanField()), score=score
    )
    return list(
        problems.select_related("direction")
        .only("pk", "title", "status", "supports_count", "direction__name")
        .order_by("-same_direction", "-score", "pk")[:limit]
    )
