"""`manage.py import_oktmo FILE`: upsert by ОКТМО, all-or-nothing, clear Russian errors."""

import pytest
from django.core.management import CommandError, call_command

from portal.municipalities.models import Municipality, MunicipalityType

pytestmark = pytest.mark.django_db

HEADER = "oktmo,name,kind,region,parent_oktmo,population\n"
# Codes 92690… are not used by the shipped data; 92 is Татарстан's ОКТМО prefix.
GOOD_ROWS = (
    "92690000,Тестовый муниципальный район,municipal_district,16,,21000\n"
    "92690101,Город Тестовск,urban_settlement,16,92690000,12000\n"
    "92690401,Опытное сельское поселение,сельское поселение,16,92690000,900\n"
)


def write_csv(tmp_path, body, header=HEADER, name="oktmo.csv"):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return str(path)


def run_import(path, *args):
    from io import StringIO

    out = StringIO()
    call_command("import_oktmo", path, *args, stdout=out)
    return out.getvalue()


def snapshot():
    return list(
        Municipality.objects.order_by("pk").values_list(
            "pk", "oktmo", "name", "kind", "region_id", "parent_id", "population", "lineage"
        )
    )


def test_a_good_file_creates_municipalities_with_parents_and_lineage(tmp_path):
    output = run_import(write_csv(tmp_path, GOOD_ROWS))

    district = Municipality.objects.get(oktmo="92690000")
    town = Municipality.objects.get(oktmo="92690101")
    village = Municipality.objects.get(oktmo="92690401")
    assert "добавлено 3" in output
    assert district.region.name == "Республика Татарстан"
    assert town.parent == district and village.parent == district
    assert village.kind == MunicipalityType.RURAL_SETTLEMENT
    assert town.lineage == [district.pk, town.pk]
    assert district.lineage == [district.pk]


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path, GOOD_ROWS)
    run_import(path)
    before = snapshot()

    output = run_import(path)

    assert "добавлено 0, обновлено 0, без изменений 3" in output
    assert snapshot() == before


def test_a_changed_row_updates_in_place_and_recomputes_lineage(tmp_path):
    run_import(write_csv(tmp_path, GOOD_ROWS))
    town_pk = Municipality.objects.get(oktmo="92690101").pk
    moved = (
        "92691000,Соседний муниципальный район,municipal_district,16,,8000\n"
        "92690101,Город Тестовск,urban_settlement,16,92691000,12500\n"
    )

    output = run_import(write_csv(tmp_path, moved, name="update.csv"))

    town = Municipality.objects.get(oktmo="92690101")
    assert "добавлено 1, обновлено 1" in output
    assert town.pk == town_pk
    assert town.population == 12500
    assert town.lineage == [town.parent_id, town.pk]
    assert town.parent.oktmo == "92691000"


def test_a_malformed_row_names_the_row_and_field_and_imports_nothing(tmp_path):
    body = GOOD_ROWS + "9269A402,Ошибочное сельское поселение,rural_settlement,16,92690000,10\n"
    before = snapshot()

    with pytest.raises(CommandError) as error:
        run_import(write_csv(tmp_path, body))

    assert "Строка 5, поле «oktmo»" in str(error.value)
    assert "ничего не изменено" in str(error.value)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("92690402,,rural_settlement,16,92690000,10", "поле «name»: название не заполнено"),
        ("92690402,Село,хутор,16,92690000,10", "поле «kind»: неизвестный тип «хутор»"),
        ("92690402,Село,rural_settlement,16,92690000,много", "поле «population»"),
        ("92690402,Село,rural_settlement,1a,92690000,10", "поле «region»"),
    ],
)
def test_each_malformed_field_gets_its_own_russian_message(tmp_path, row, message):
    with pytest.raises(CommandError, match=message):
        run_import(write_csv(tmp_path, GOOD_ROWS + row + "\n"))
    assert not Municipality.objects.filter(oktmo__startswith="9269").exists()


def test_a_failure_while_writing_rolls_everything_back(tmp_path, monkeypatch):
    from portal.municipalities import importing

    def broken_rebuild(model):
        raise RuntimeError("сбой при пересчёте")

    monkeypatch.setattr(importing, "rebuild_lineage", broken_rebuild)
    before = snapshot()

    with pytest.raises(RuntimeError):
        run_import(write_csv(tmp_path, GOOD_ROWS))

    assert snapshot() == before


def test_an_unknown_region_is_refused_and_nothing_is_imported(tmp_path):
    body = GOOD_ROWS + "99701000,Нигдеград,urban_okrug,99,,100\n"

    with pytest.raises(
        CommandError, match="Строка 5, поле «region»: субъект РФ с кодом 99 не найден"
    ):
        run_import(write_csv(tmp_path, body))

    assert not Municipality.objects.filter(oktmo__startswith="9269").exists()


def test_an_unknown_parent_is_refused(tmp_path):
    body = "92690401,Опытное сельское поселение,rural_settlement,16,92699000,900\n"

    with pytest.raises(CommandError, match="Строка 2, поле «parent_oktmo»: код 92699000 не найден"):
        run_import(write_csv(tmp_path, body))

    assert not Municipality.objects.filter(oktmo="92690401").exists()


def test_a_parent_cycle_is_refused(tmp_path):
    # The district claims to lie inside its own settlement.
    body = (
        "92690000,Тестовый муниципальный район,municipal_district,16,92690101,21000\n"
        "92690101,Город Тестовск,urban_settlement,16,92690000,12000\n"
    )

    with pytest.raises(CommandError, match="Строка 2, поле «parent_oktmo»"):
        run_import(write_csv(tmp_path, body))

    assert not Municipality.objects.filter(oktmo__startswith="9269").exists()


def test_a_settlement_needs_a_municipal_district_as_its_parent(tmp_path):
    kazan = Municipality.objects.get(name="Казань").oktmo
    body = f"92690401,Опытное сельское поселение,rural_settlement,16,{kazan},900\n"

    with pytest.raises(CommandError, match="может быть только «муниципальный район»"):
        run_import(write_csv(tmp_path, body))


def test_a_code_from_another_region_is_refused(tmp_path):
    body = "45690000,Тестовый муниципальный район,municipal_district,16,,21000\n"

    with pytest.raises(CommandError, match="не относится к субъекту «Республика Татарстан»"):
        run_import(write_csv(tmp_path, body))


def test_a_repeated_code_in_one_file_is_refused(tmp_path):
    body = GOOD_ROWS + "92690101,Город Тестовск,urban_settlement,16,92690000,12000\n"

    with pytest.raises(CommandError, match="код 92690101 уже встречался в строке 3"):
        run_import(write_csv(tmp_path, body))


def test_a_file_without_the_required_columns_is_refused(tmp_path):
    path = write_csv(tmp_path, "92690000,Район\n", header="oktmo,name\n")

    with pytest.raises(CommandError, match="в заголовке нет столбцов kind, region"):
        run_import(path)


def test_a_settlement_may_point_at_an_already_imported_district(tmp_path):
    district = Municipality.objects.filter(kind=MunicipalityType.MUNICIPAL_DISTRICT).first()
    code = district.oktmo[:5] + "499"
    region = district.region.code
    body = f"{code},Новое сельское поселение,rural_settlement,{region},{district.oktmo},50\n"

    run_import(write_csv(tmp_path, body))

    settlement = Municipality.objects.get(oktmo=code)
    assert settlement.lineage == [district.pk, settlement.pk]
    assert settlement in Municipality.objects.within(district)


def test_semicolon_separated_files_are_read_with_the_delimiter_option(tmp_path):
    path = write_csv(tmp_path, GOOD_ROWS.replace(",", ";"), header=HEADER.replace(",", ";"))

    run_import(path, "--delimiter", ";")

    assert Municipality.objects.filter(oktmo__startswith="9269").count() == 3


def test_a_missing_file_gives_a_clear_error():
    with pytest.raises(CommandError, match="не найден"):
        run_import("/nonexistent/oktmo.csv")
