"""Import options beyond the requisites: numbering of codes, citation names, territory."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from legal_vector.importing.importer import MalformedAct
from legal_vector.models import Document, StructuralUnit
from portal.municipalities.models import Municipality, Region
from tests.legal_vector.conftest import SAMPLE_CODE, SAMPLE_LAW, SAMPLE_MUNICIPAL_ACT, import_sample

pytestmark = pytest.mark.django_db

HOUSING_CODE = """РОССИЙСКАЯ ФЕДЕРАЦИЯ
ЖИЛИЩНЫЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ
Принят Государственной Думой 22 декабря 2004 года
Статья 14. Полномочия органов местного самоуправления
1. К полномочиям органов местного самоуправления относятся:
1) учет муниципального жилищного фонда;
2) признание жилых помещений непригодными для проживания.
Президент Российской Федерации
В.ПУТИН
29 декабря 2004 года
N 188-ФЗ
"""


def citation(document, key):
    unit = StructuralUnit.objects.current().select_related("document")
    return unit.get(document=document, stable_key=key).citation()


def test_a_housing_code_from_the_command_line_is_cited_by_parts_with_its_name(tmp_path):
    path = tmp_path / "zhk.txt"
    path.write_text(HOUSING_CODE, encoding="utf-8")

    call_command("import_legal", str(path))

    code = Document.objects.get()
    assert code.citation_name == "Жилищного кодекса Российской Федерации"
    assert citation(code, "st14/ch1") == "ч. 1 ст. 14 Жилищного кодекса Российской Федерации"
    assert citation(code, "st14/ch1/p2") == (
        "п. 2 ч. 1 ст. 14 Жилищного кодекса Российской Федерации"
    )


def test_a_budget_code_is_cited_by_points_with_its_name():
    code = import_sample(SAMPLE_CODE).document

    assert citation(code, "st81/p2") == "п. 2 ст. 81 Бюджетного кодекса Российской Федерации"


def test_a_law_keeps_the_citation_built_from_kind_date_and_number():
    law = import_sample().document

    assert law.citation_name == ""
    assert citation(law, "st36/ch1") == "ч. 1 ст. 36 Федерального закона от 06.10.2003 № 131-ФЗ"


def test_command_options_override_the_numbering_and_the_citation_name(tmp_path):
    path = tmp_path / "zhk.txt"
    path.write_text(HOUSING_CODE, encoding="utf-8")

    call_command(
        "import_legal",
        str(path),
        "--numbered-items",
        "points",
        "--citation-name",
        "Жилищного кодекса РФ",
    )

    code = Document.objects.get()
    assert citation(code, "st14/p1/pp2") == "пп. 2 п. 1 ст. 14 Жилищного кодекса РФ"


def test_an_unknown_numbering_is_refused_in_russian(tmp_path):
    path = tmp_path / "zhk.txt"
    path.write_text(HOUSING_CODE, encoding="utf-8")

    with pytest.raises(CommandError, match="Неверное значение numbered_items «chapters»"):
        call_command("import_legal", str(path), "--numbered-items", "chapters")
    assert not Document.objects.exists()


def test_a_new_edition_keeps_the_numbering_of_the_current_one():
    first = import_sample(HOUSING_CODE, numbered_items="points")
    amended = HOUSING_CODE.replace("учет", "ведение учета")

    second = import_sample(amended, edition_date=datetime.date(2025, 1, 1))

    assert second.document == first.document
    assert second.edition.units.filter(stable_key="st14/p1/pp1").exists()
    assert any("как в текущей редакции" in warning for warning in second.warnings)


@pytest.fixture
def city():
    return Municipality.objects.select_related("region").order_by("oktmo").first()


def test_manifest_sets_the_region_and_the_municipality(tmp_path, city):
    (tmp_path / "act.txt").write_text(SAMPLE_MUNICIPAL_ACT, encoding="utf-8")
    (tmp_path / "law.txt").write_text(SAMPLE_LAW, encoding="utf-8")
    manifest = [
        {"file": "act.txt", "municipality": city.oktmo},
        {"file": "law.txt", "kind": "regional_law", "region": city.region.code},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    call_command("import_legal", str(tmp_path))

    act, law = Document.objects.get(number="312"), Document.objects.get(number="131-ФЗ")
    assert (act.municipality, act.region, act.level) == (city, city.region, "municipal")
    assert (law.municipality, law.region, law.level) == (None, city.region, "regional")


def test_command_sets_the_territory_and_the_register_number(tmp_path, city):
    path = tmp_path / "act.txt"
    path.write_text(SAMPLE_MUNICIPAL_ACT, encoding="utf-8")

    call_command(
        "import_legal",
        str(path),
        "--region",
        city.region.code,
        "--municipality",
        city.oktmo,
        "--register-number",
        "RU000000002024000312",
    )

    act = Document.objects.get()
    assert (act.region, act.municipality) == (city.region, city)
    assert act.register_number == "RU000000002024000312"


def test_an_unknown_region_code_is_refused_and_nothing_is_imported(tmp_path):
    path = tmp_path / "act.txt"
    path.write_text(SAMPLE_MUNICIPAL_ACT, encoding="utf-8")
    assert not Region.objects.filter(code="00").exists()

    with pytest.raises(CommandError, match="Неизвестный код субъекта РФ «00»"):
        call_command("import_legal", str(path), "--region", "00")

    assert not Document.objects.exists()
    assert not StructuralUnit.objects.exists()


def test_an_unknown_oktmo_or_a_municipality_of_another_region_is_refused(city):
    other_region = Region.objects.exclude(pk=city.region_id).first()

    with pytest.raises(MalformedAct, match="ОКТМО «99999999999» не найдено"):
        import_sample(SAMPLE_MUNICIPAL_ACT, municipality="99999999999")
    with pytest.raises(MalformedAct, match="в другом субъекте"):
        import_sample(SAMPLE_MUNICIPAL_ACT, municipality=city.oktmo, region=other_region.code)

    assert not Document.objects.exists()


def test_a_register_number_of_another_document_is_refused():
    import_sample(register_number="RU000000002024000312")

    with pytest.raises(MalformedAct, match="уже есть у другого документа"):
        import_sample(SAMPLE_MUNICIPAL_ACT, register_number="RU000000002024000312")

    assert Document.objects.count() == 1


def test_an_unknown_level_is_refused():
    with pytest.raises(MalformedAct, match="Неверное значение level «city»"):
        import_sample(level="city")
