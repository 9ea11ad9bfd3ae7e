"""References imported before the act they cite are linked once that act arrives."""

import datetime

import pytest

from legal_vector.models import Reference
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample
from tests.legal_vector.test_import_options import HOUSING_CODE

pytestmark = pytest.mark.django_db

CITING_ACT = """АДМИНИСТРАЦИЯ ГОРОДСКОГО ОКРУГА ТЕСТОВСК
ПОСТАНОВЛЕНИЕ
от 01.03.2024 № 400
О порядке учета жилищного фонда
1. Учет ведется в соответствии с частью 1 статьи 14 Жилищного кодекса Российской Федерации.
2. Глава отчитывается по части 3 статьи 36 Федерального закона от 06.10.2003 № 131-ФЗ.
3. Срок полномочий установлен статьей 36 Федерального закона от 06.10.2003 № 999-ФЗ.
"""


def reference(fragment):
    return Reference.objects.select_related("source_unit__edition").get(text__contains=fragment)


@pytest.fixture
def citing_act():
    return import_sample(CITING_ACT).document


def test_references_stay_plain_text_while_their_targets_are_missing(citing_act):
    assert not Reference.objects.filter(target_document__isnull=False).exists()


def test_a_new_document_links_the_references_that_waited_for_it(citing_act):
    version = reference("Жилищного").source_unit.edition.links_version

    code = import_sample(HOUSING_CODE).document
    law = import_sample(SAMPLE_LAW).document

    assert (reference("Жилищного").target_document, reference("Жилищного").target_key) == (
        code,
        "st14/ch1",
    )
    # The law has no ч. 3 ст. 36 yet: the reference points at the law as a whole.
    assert (reference("131-ФЗ").target_document, reference("131-ФЗ").target_key) == (law, "")
    assert reference("999-ФЗ").target_document is None
    assert reference("Жилищного").source_unit.edition.links_version == version + 2


def test_a_new_edition_links_references_to_the_units_it_adds(citing_act):
    import_sample(SAMPLE_LAW, edition_date=datetime.date(2020, 1, 1))
    amended = SAMPLE_LAW.replace(
        "Президент Российской Федерации",
        "3. Срок полномочий главы не может быть менее двух лет.\nПрезидент Российской Федерации",
    )

    import_sample(amended, edition_date=datetime.date(2025, 1, 1))

    assert reference("131-ФЗ").target_key == "st36/ch3"
