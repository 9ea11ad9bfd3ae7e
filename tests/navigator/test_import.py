import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import WorkflowState

from navigator.importing import ImportRejected, import_measures
from navigator.models import SupportMeasure
from tests.factories import RegionFactory
from tests.navigator.factories import OrganisationFactory, SphereFactory, SupportMeasureFactory

pytestmark = pytest.mark.django_db

HEADER = "source_id;title;summary;kind;level;organiser;regions;spheres;closes_on;cofinancing_max"


@pytest.fixture
def vocabulary():
    return {
        "organiser": OrganisationFactory(name="Министерство строительства", short_name="Минстрой"),
        "region": RegionFactory(code="52", name="Нижегородская область"),
        "sphere": SphereFactory(name="Благоустройство", slug="blagoustrojstvo"),
    }


def csv_file(*rows):
    return "\n".join([HEADER, *rows]).encode("utf-8-sig")


GOOD_ROWS = [
    "src-1;Субсидия на дворы;Ремонт дворов;субсидия;региональная;Минстрой;52;blagoustrojstvo;"
    "2026-12-01;10",
    "src-2;Грант на парки;Парки и скверы;grant;federal;Министерство строительства;;;01.11.2026;",
]


def test_a_good_csv_creates_draft_measures_sent_to_review(vocabulary):
    report = import_measures("measures.csv", csv_file(*GOOD_ROWS))
    assert report.count("new") == 2
    measure = SupportMeasure.objects.get(source_id="src-1")
    assert measure.live is False, "imported measures are not published before review"
    assert list(measure.regions.all()) == [vocabulary["region"]]
    assert list(measure.spheres.all()) == [vocabulary["sphere"]]
    assert measure.cofinancing_max == 10
    assert WorkflowState.objects.filter(object_id=str(measure.pk), status="in_progress").exists()
    assert SupportMeasure.objects.published().count() == 0


def test_dry_run_reports_the_changes_and_writes_nothing(vocabulary):
    report = import_measures("measures.csv", csv_file(*GOOD_ROWS), dry_run=True)
    assert [row.action for row in report.rows] == ["new", "new"]
    assert "будет" in report.summary
    assert not SupportMeasure.objects.exists()


def test_reimport_updates_by_source_id_and_keeps_the_published_version(vocabulary):
    live = SupportMeasureFactory(
        source_id="src-1", title="Старое название", organiser=vocabulary["organiser"]
    )
    report = import_measures("measures.csv", csv_file(GOOD_ROWS[0]))
    row = report.rows[0]
    assert row.action == "changed" and "title" in row.changed_fields
    live.refresh_from_db()
    assert live.title == "Старое название", "the change waits for moderation"
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "Субсидия на дворы"
    again = import_measures("measures.csv", csv_file(GOOD_ROWS[0]), dry_run=True)
    assert again.rows[0].action == "unchanged"


def test_a_malformed_row_rejects_the_whole_file_with_row_level_errors(vocabulary):
    bad = "src-3;Кредит;Кратко;чудо-мера;federal;Неизвестное ведомство;99;;2026-13-45;150"
    with pytest.raises(ImportRejected) as rejected:
        import_measures("measures.csv", csv_file(GOOD_ROWS[0], bad))
    errors = "\n".join(rejected.value.errors)
    assert "Строка 3, колонка kind" in errors
    assert "Строка 3, колонка organiser" in errors
    assert "Строка 3, колонка regions" in errors
    assert "Строка 3, колонка closes_on" in errors
    assert "Строка 3, колонка cofinancing_max" in errors
    assert not SupportMeasure.objects.exists(), "the good row is not half-imported"


def test_files_that_are_not_what_they_claim_are_rejected(vocabulary):
    with pytest.raises(ImportRejected, match="JSON-файл повреждён"):
        import_measures("measures.json", b"{not json")
    with pytest.raises(ImportRejected, match="книгу Excel"):
        import_measures("measures.xlsx", b"plain text")
    with pytest.raises(ImportRejected, match="CSV, XLSX и JSON"):
        import_measures("measures.exe", b"MZ")
    with pytest.raises(ImportRejected, match="Нет обязательных колонок"):
        import_measures("measures.csv", "title\nЧто-то".encode())


def test_json_and_xlsx_files_import_the_same_way(vocabulary):
    record = {
        "source_id": "json-1",
        "title": "Консультации по проектам",
        "summary": "Помощь в подготовке заявок",
        "kind": "консультационная поддержка",
        "level": "federal",
        "organiser": "Минстрой",
        "recurrence": "постоянно",
        "required_documents": ["Письмо главы", "Паспорт проекта"],
    }
    import_measures("m.json", json.dumps({"measures": [record]}).encode())
    measure = SupportMeasure.objects.get(source_id="json-1")
    assert measure.document_list == ["Письмо главы", "Паспорт проекта"]

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["source_id", "title", "summary", "kind", "level", "organiser", "closes_on"])
    sheet.append(
        ["xlsx-1", "Обучение глав", "Курс", "обучение", "federal", "Минстрой", "2026-10-01"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_measures("m.xlsx", buffer.getvalue())
    assert SupportMeasure.objects.get(source_id="xlsx-1").closes_on.isoformat() == "2026-10-01"


def test_the_command_prints_the_plan_and_fails_loudly_on_a_bad_file(vocabulary, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_file(*GOOD_ROWS))
    out = io.StringIO()
    call_command("import_measures", str(good), "--dry-run", stdout=out)
    assert "src-1\tnew" in out.getvalue()
    assert not SupportMeasure.objects.exists()

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file("src-9;;;;;;;;;"))
    with pytest.raises(CommandError, match="ничего не изменено"):
        call_command("import_measures", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
