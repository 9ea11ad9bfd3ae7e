"""Measures for the finding tests (filter, list, alerts, export, API, logs)."""

from datetime import timedelta

import factory
from django.utils import timezone

from navigator.models import MeasureKind, MeasureLevel, Organisation, Programme, SupportMeasure
from portal.models import Sphere


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Министерство тестового развития №{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    kind = "national_project"
    name = factory.Sequence(lambda n: f"Национальный проект «Тестовый-{n}»")


class SphereFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sphere

    name = factory.Sequence(lambda n: f"Тестовая сфера {n}")
    slug = factory.Sequence(lambda n: f"test-sphere-{n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportMeasure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Субсидия на тестовые цели №{n}")
    summary = "Поддержка муниципальных проектов в демонстрационных целях."
    kind = MeasureKind.SUBSIDY
    level = MeasureLevel.FEDERAL
    organiser = factory.SubFactory(OrganisationFactory)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    # Spheres and regions are parental relations (modelcluster): they reach the database on save.
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
