"""The document's and the edition's fields copied onto units by database triggers."""

import datetime

import pytest

from legal_vector.models import Document, StructuralUnit
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample
from tests.legal_vector.factories import EditionFactory

COPIED = (
    "is_current",
    "document_kind",
    "document_level",
    "document_status",
    "document_region_id",
    "document_adopted_on",
    "document_year",
)

pytestmark = pytest.mark.django_db


def copies(**lookup):
    return set(StructuralUnit.objects.filter(**lookup).values_list(*COPIED))


def test_imported_units_carry_their_document_and_edition_fields(municipality):
    document = import_sample(region_id=municipality.region_id).document

    assert copies(document=document) == {
        (True, "federal_law", "federal", "in_force", municipality.region_id,
         datetime.date(2003, 10, 6), 2003),
    }  # fmt: skip


def test_changing_a_document_changes_its_units_however_it_is_saved(law):
    law.status = "repealed"
    law.save()
    assert copies(document=law) == {(True, "federal_law", "federal", "repealed", None,
                                     datetime.date(2003, 10, 6), 2003)}  # fmt: skip

    Document.objects.filter(pk=law.pk).update(kind="code", adopted_on=datetime.date(1998, 7, 31))
    assert {row[1:] for row in copies(document=law)} == {
        ("code", "federal", "repealed", None, datetime.date(1998, 7, 31), 1998)
    }


def test_a_new_edition_moves_current_from_the_old_units_to_the_new(amended_law):
    old, new = amended_law.editions.order_by("valid_from")

    assert {row[0] for row in copies(edition=old)} == {False}
    assert {row[0] for row in copies(edition=new)} == {True}
    assert set(StructuralUnit.objects.current()) == set(new.units.all())


def test_saving_a_unit_cannot_write_stale_copies_back(law):
    unit = StructuralUnit.objects.get(document=law, stable_key="st14")
    Document.objects.filter(pk=law.pk).update(status="suspended")

    unit.heading = "Новый заголовок"
    unit.save()  # still holds status «in_force» in memory

    assert StructuralUnit.objects.get(pk=unit.pk).document_status == "suspended"


def test_units_of_an_edition_that_is_not_current_are_not_searched(law):
    draft = EditionFactory(document=law, valid_from=datetime.date(2030, 1, 1), is_current=False)
    StructuralUnit.objects.create(
        edition=draft, document=law, kind="article", number="99", text="бюджет поселения",
        stable_key="st99", position=0,
    )  # fmt: skip

    assert not StructuralUnit.objects.current().filter(stable_key="st99").exists()
    draft.make_current()
    assert list(StructuralUnit.objects.current().filter(document=law)) == [
        StructuralUnit.objects.get(stable_key="st99")
    ]


def test_units_copied_in_bulk_get_their_fields_too(law):
    source = SAMPLE_LAW.replace("Статья 36.", "Статья 37.")
    edition = import_sample(source, edition_date=datetime.date(2026, 1, 1)).edition

    assert copies(edition=edition) and {row[0] for row in copies(edition=edition)} == {True}
