"""The lists' FilterSet base (`portal.filtering`): cheap copies of the filters, one form class
per filter class, and still nothing shared between two requests."""

import django_filters
import pytest
from django.http import QueryDict

from portal.filtering import FilterSet
from portal.models import Sphere
from practices.filters import PracticeFilter
from practices.models import Practice
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


class SphereFilter(FilterSet):
    sphere = django_filters.ModelMultipleChoiceFilter(
        queryset=Sphere.objects.all(), to_field_name="slug", method="filter_sphere"
    )

    class Meta:
        model = Practice
        fields: list[str] = []

    def filter_sphere(self, queryset, name, value):
        return queryset.filter(spheres__in=value).distinct() if value else queryset


def test_two_requests_share_the_form_class_but_not_the_fields():
    first, second = SphereFilter(QueryDict("sphere=a")), SphereFilter(QueryDict())
    assert type(first.form) is type(second.form)
    assert first.form.fields["sphere"] is not second.form.fields["sphere"]
    assert first.form.fields["sphere"].queryset is not second.form.fields["sphere"].queryset


def test_each_request_has_its_own_filters_bound_to_it():
    first, second = SphereFilter(QueryDict()), SphereFilter(QueryDict())
    assert first.filters["sphere"] is not second.filters["sphere"]
    assert first.filters["sphere"].parent is first and second.filters["sphere"].parent is second
    assert first.filters["sphere"].filter.f is first.filters["sphere"]  # its method proxy


def test_a_value_added_after_the_first_form_validates():
    assert not SphereFilter(QueryDict("sphere=novaya-sfera")).is_valid()
    Sphere.objects.create(name="Новая сфера", slug="novaya-sfera")
    assert SphereFilter(QueryDict("sphere=novaya-sfera")).is_valid()


def test_filtering_gives_the_same_rows_as_before_the_copies():
    sphere = Sphere.objects.filter(parent__isnull=True).first()
    inside = PracticeFactory(spheres=[sphere])
    PracticeFactory(spheres=[])
    for _ in range(2):  # a second filterset reuses the form class
        found = PracticeFilter.for_query(QueryDict(f"sphere={sphere.slug}")).qs
        assert list(found) == [inside]
