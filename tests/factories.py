"""Factories shared by every app's tests."""

import factory
from django.contrib.auth.models import Group

from portal.accounts.models import User
from portal.municipalities.models import Municipality, MunicipalityType, Region

TEST_PASSWORD = "Proverka-2026!"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    # Letters, never a real (numeric) code: a test that picks a region by its code never finds
    # a factory's region sharing it.
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.LazyAttribute(lambda o: f"Тестовый регион {o.code}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Городской округ Тестовый-{n}")
    kind = MunicipalityType.URBAN_OKRUG
    region = factory.SubFactory(RegionFactory)
    oktmo = factory.Sequence(lambda n: f"{90000000 + n:08d}")
    population = 50000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ru")
    last_name = "Иванов"
    first_name = factory.Sequence(lambda n: f"Иван{n}")
    patronymic = "Петрович"
    position = "Специалист администрации"
    municipality = factory.SubFactory(MunicipalityFactory)
    is_verified = True
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()
