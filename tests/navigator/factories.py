"""Factories for the navigator's tests (shared by every navigator test module)."""

from datetime import timedelta

import factory
from django.utils import timezone

from navigator.models import (
    Bookmark,
    MeasureKind,
    MeasureLevel,
    Organisation,
    Programme,
    ProgrammeKind,
    Recurrence,
    SupportMeasure,
)
from portal.models import Sphere
from tests.factories import UserFactory


class SphereFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sphere
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Тестовая сфера {n}")
    slug = factory.Sequence(lambda n: f"test-sphere-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Тестовое министерство № {n}")
    live = True


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    kind = ProgrammeKind.NATIONAL_PROJECT
    name = factory.Sequence(lambda n: f"Тестовый национальный проект {n}")
    live = True


class SupportMeasureFactory(factory.django.DjangoModelFactory):
    """A published measure open for another month, for any municipality in Russia."""

    class Meta:
        model = SupportMeasure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Субсидия на тестовые цели № {n}")
    summary = "Тестовая мера поддержки."
    kind = MeasureKind.SUBSIDY
    level = MeasureLevel.FEDERAL
    organiser = factory.SubFactory(OrganisationFactory)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    recurrence = Recurrence.ONE_OFF
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def spheres(self, create, extracted, **kwargs):
        if create and extracted:
            self.spheres.set(extracted)
            self.save()

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)
            self.save()

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)
            self.save()


class BookmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bookmark

    user = factory.SubFactory(UserFactory)
    measure = factory.SubFactory(SupportMeasureFactory)
