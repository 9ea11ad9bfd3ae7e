"""Factories for the practices' tests."""

import factory
from django.utils import timezone

from practices.models import Practice
from tests.factories import MunicipalityFactory


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published practice; pass `live=False` for a draft."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Тестовая практика № {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    key_result = "Очередь сократилась вдвое"
    problem = "Жители подолгу ждали решения вопроса."
    solution = "Администрация навела порядок в работе."
    results = "Очередь сократилась вдвое."
    started_year = 2022
    budget = 1_000_000
    contact_name = "Петрова Анна Ивановна"
    contact_position = "начальник отдела"
    contact_email = "petrova@example.ru"
    contact_phone = "+7 (900) 123-45-67"
    live = True
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def spheres(self, create, extracted, **kwargs):
        if create and extracted:
            self.spheres.set(extracted)
            self.save()

    @factory.post_generation
    def support_measures(self, create, extracted, **kwargs):
        if create and extracted:
            self.support_measures.set(extracted)
            self.save()

    @factory.post_generation
    def legal_documents(self, create, extracted, **kwargs):
        if create and extracted:
            self.legal_documents.set(extracted)
            self.save()
