"""The document page for visitors without a session: stored whole, dropped by any edit."""

import pytest

from legal_vector.models import Document
from tests.legal_vector.factories import EditionFactory, StructuralUnitFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _document_with_units(count):
    edition = EditionFactory()
    for number in range(1, count + 1):
        StructuralUnitFactory(edition=edition, number=str(number), position=number)
    edition.document.topics.add(TopicFactory())
    return edition.document


@pytest.mark.parametrize("units", [3, 150])
def test_a_guest_gets_the_page_in_a_fixed_number_of_queries_and_then_from_the_cache(
    client, units, django_assert_max_num_queries, monkeypatch
):
    from legal_vector.views import documents

    monkeypatch.setattr(documents, "VIEW_SAMPLE_RATE", 0.0)
    document = _document_with_units(units)
    # Document, editions, units (outline and text at once), references, topics, backlinks,
    # questions and the practices block: however many units there are.
    with django_assert_max_num_queries(9):
        first = client.get(document.get_absolute_url())
    assert first.status_code == 200
    assert first.content.decode().count('class="legal-unit ') == units
    with django_assert_max_num_queries(1):
        again = client.get(document.get_absolute_url())
    assert again.content == first.content
    assert "Cookie" in again["Vary"]


def test_an_edit_of_the_document_drops_the_stored_page(client):
    document = _document_with_units(2)
    client.get(document.get_absolute_url())
    document = Document.objects.get(pk=document.pk)
    document.title = "Новое название документа после правки"
    document.save()
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Новое название документа после правки" in html


def test_signed_in_readers_and_queries_are_not_served_the_stored_page(client, employee):
    document = _document_with_units(2)
    client.get(document.get_absolute_url())
    Document.objects.filter(pk=document.pk).update(title="Изменено без сохранения модели")
    # Same `updated_at`, so a guest still gets the stored copy…
    assert "Изменено без сохранения" not in client.get(document.get_absolute_url()).content.decode()
    # …but a query string or a session always renders afresh.
    fresh = client.get(document.get_absolute_url(), {"part": "all"}).content.decode()
    assert "Изменено без сохранения модели" in fresh
    client.force_login(employee)
    assert (
        "Изменено без сохранения модели" in client.get(document.get_absolute_url()).content.decode()
    )
