"""The catalogue's filter: every parameter in the query string, applied by a button."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from academy.documents import COURSE_INDEX
from academy.models import (
    CourseFormat,
    CoursePage,
    Enrollment,
    EnrollmentStatus,
    Level,
    Position,
    TrackPage,
    positions_of,
)
from portal.filtering import FilterSet
from portal.search import normalize_query, text_filter

STATUS_CHOICES = [
    ("new", "ещё не записан"),
    ("learning", "учусь"),
    ("completed", "завершил"),
]
HOURS_CHOICES = [
    ("8", "до 8 часов"),
    ("16", "до 16 часов"),
    ("36", "до 36 часов"),
    ("72", "до 72 часов"),
]


class CourseFilter(FilterSet):
    q = django_filters.CharFilter(
        label="Поиск по курсам",
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Например, анализ данных"}),
    )
    # Choices (live tracks by slug) are read once per form, in `form`.
    track = django_filters.ChoiceFilter(
        label="Трек", choices=[], method="filter_track", empty_label="Все треки"
    )
    level = django_filters.ChoiceFilter(label="Уровень", choices=Level.choices, empty_label="Любой")
    format = django_filters.ChoiceFilter(
        label="Формат", choices=CourseFormat.choices, empty_label="Любой"
    )
    hours = django_filters.ChoiceFilter(
        label="Объём", choices=HOURS_CHOICES, method="filter_hours", empty_label="Любой"
    )
    audience = django_filters.ChoiceFilter(
        label="Для должности",
        choices=Position.choices,
        method="filter_audience",
        empty_label="Любой",
    )
    for_me = django_filters.BooleanFilter(
        label="Для моей должности", method="filter_for_me", widget=forms.CheckboxInput
    )
    status = django_filters.ChoiceFilter(
        label="Мой статус", choices=STATUS_CHOICES, method="filter_status", empty_label="Любой"
    )

    class Meta:
        model = CoursePage
        fields: list[str] = []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # Plain choices from the cache: a model choice field would count the tracks, then
            # read them through a server-side cursor each time the select is drawn.
            form.fields["track"].choices = TrackPage.live_choices()
        return self._form

    @classmethod
    def for_request(cls, request):
        courses = CoursePage.objects.exclude(pk__in=CoursePage.unlisted_ids())
        return cls(request.GET, queryset=courses, user=request.user)

    def filter_text(self, queryset, name, value):
        """Every word (or a synonym wording) in the title or summary, with a `relevance` alias.

        In PostgreSQL the stored `search_vector` (russian stemming, ё folded) is matched through
        its GIN index; with Elasticsearch configured, `portal.search` asks the course index.
        """
        return text_filter(COURSE_INDEX, queryset, value)

    def ordered(self):
        """The filtered courses, most relevant first when searching, else in the tree's order."""
        courses = self.qs  # validates the form: cleaned_data holds the fields that were valid
        if normalize_query(self.form.cleaned_data.get("q") or ""):
            return courses.order_by("-relevance", "path")
        return courses.order_by("path")

    def filter_track(self, queryset, name, slug):
        track = TrackPage.objects.live().filter(slug=slug).first() if slug else None
        return queryset.child_of(track) if track else queryset

    def filter_hours(self, queryset, name, value):
        return queryset.filter(hours__lte=int(value)) if value else queryset

    def filter_audience(self, queryset, name, value):
        return queryset.filter(audience__contains=[value]) if value else queryset

    def filter_for_me(self, queryset, name, value):
        if not value or not (self.user and self.user.is_authenticated):
            return queryset
        positions = positions_of(self.user.position)
        return queryset.filter(audience__overlap=positions) if positions else queryset.none()

    def filter_status(self, queryset, name, value):
        if not value or not (self.user and self.user.is_authenticated):
            return queryset
        mine = Enrollment.objects.filter(user=self.user, course=OuterRef("pk"))
        if value == "new":
            return queryset.exclude(Exists(mine.taken()))
        wanted = EnrollmentStatus.COMPLETED if value == "completed" else EnrollmentStatus.ACTIVE
        return queryset.filter(Exists(mine.filter(status=wanted)))
