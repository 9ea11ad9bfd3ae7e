"""Factories of the legal base, shared by the legal_vector tests (core and search)."""

import datetime

import factory

from legal_vector.models import (
    Document,
    DocumentKind,
    DocumentLevel,
    DocumentStatus,
    Edition,
    StructuralUnit,
    Topic,
)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Тема {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = DocumentKind.FEDERAL_LAW
    title = factory.Sequence(lambda n: f"О тестовом регулировании № {n}")
    number = factory.Sequence(lambda n: f"{n + 1000}-ФЗ")
    adopted_on = datetime.date(2020, 1, 15)
    level = DocumentLevel.FEDERAL
    status = DocumentStatus.IN_FORCE


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    document = factory.SubFactory(DocumentFactory)
    valid_from = factory.LazyAttribute(lambda o: o.document.adopted_on)
    is_current = True
    checksum = factory.Sequence(lambda n: f"checksum-{n}")


class StructuralUnitFactory(factory.django.DjangoModelFactory):
    """An article by default; pass kind/number/stable_key/parent for deeper units."""

    class Meta:
        model = StructuralUnit

    edition = factory.SubFactory(EditionFactory)
    document = factory.LazyAttribute(lambda o: o.edition.document)
    kind = "article"
    number = factory.Sequence(lambda n: str(n + 1))
    heading = "Тестовая статья"
    text = "Органы местного самоуправления решают вопросы местного значения."
    stable_key = factory.LazyAttribute(lambda o: f"st{o.number}")
    short_label = factory.LazyAttribute(lambda o: f"ст. {o.number}")
    position = factory.Sequence(lambda n: n)
