import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import WorkflowState

from navigator.importing import MAX_FILE_BYTES, ImportRejected, import_measures
from navigator.models import ImportStatus, MeasureImport, SupportMeasure
from navigator.models.imports import UNEXPECTED_ERROR
from navigator.tasks import run_measure_import
from portal.notifications.models import Notification
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


# --- the admin upload: a record, a Celery task, a report page ---------------------------------

IMPORT_URL = reverse("navigator_import")
HISTORY_URL = reverse("navigator_import_list")
BAD_ROW = "src-3;Кредит;Кратко;чудо-мера;federal;Неизвестное ведомство;99;;2026-13-45;150"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, content, name="measures.csv", dry_run=False):
    data = {"file": SimpleUploadedFile(name, content, "text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(IMPORT_URL, data)


def test_an_upload_runs_the_import_and_the_editor_lands_on_the_finished_report(
    vocabulary, cms_client, editor, django_capture_on_commit_callbacks
):
    client = cms_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_file(*GOOD_ROWS))
    record = MeasureImport.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert record.status == ImportStatus.DONE and record.user == editor
    assert (record.new_count, record.changed_count, record.unchanged_count) == (2, 0, 0)
    assert record.file_name == "measures.csv" and not record.dry_run
    assert [row["source_id"] for row in record.rows] == ["src-1", "src-2"]
    assert SupportMeasure.objects.filter(source_id__in=["src-1", "src-2"]).count() == 2
    page = client.get(response.url).content.decode()
    assert "Импорт выполнен" in page and "Субсидия на дворы" in page
    notification = Notification.objects.get(user=editor, kind="navigator.import")
    assert notification.link == record.get_absolute_url()
    assert "Новых мер: 2" in notification.text


def test_a_dry_run_upload_shows_what_would_change_and_writes_nothing(
    vocabulary, cms_client, editor, django_capture_on_commit_callbacks
):
    SupportMeasureFactory(source_id="src-1", title="Старое", organiser=vocabulary["organiser"])
    client = cms_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_file(*GOOD_ROWS), dry_run=True)
    record = MeasureImport.objects.get()
    assert record.dry_run and record.status == ImportStatus.DONE
    assert (record.new_count, record.changed_count) == (1, 1)
    assert "title" in record.rows[0]["changed_fields"]
    assert not SupportMeasure.objects.filter(source_id="src-2").exists()
    assert SupportMeasure.objects.get(source_id="src-1").title == "Старое"
    page = client.get(response.url).content.decode()
    assert "Что изменится" in page and "на проверку будет: 2" in page


def test_a_malformed_upload_fails_with_row_errors_and_imports_nothing(
    vocabulary, cms_client, editor, django_capture_on_commit_callbacks
):
    client = cms_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_file(GOOD_ROWS[0], BAD_ROW))
    record = MeasureImport.objects.get()
    assert record.status == ImportStatus.FAILED and record.finished_at is not None
    assert all(error.startswith("Строка 3, колонка ") for error in record.errors)
    assert any("Строка 3, колонка closes_on" in error for error in record.errors)
    assert record.new_count == 0 and record.rows == []
    assert not SupportMeasure.objects.exists(), "the good row is not half-imported"
    page = client.get(response.url).content.decode()
    assert "Файл не импортирован" in page and "Ничего не изменено." in page
    assert "Строка 3, колонка organiser" in page
    assert "не импортирован" in Notification.objects.get(user=editor).text


def test_a_file_without_the_required_columns_fails_its_record(
    cms_client, editor, django_capture_on_commit_callbacks
):
    client = cms_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, b"source_id;title\nx;y")
    assert "Нет обязательных колонок" in client.get(response.url).content.decode()
    assert not SupportMeasure.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("m.exe", b"MZ", "Поддерживаются файлы CSV, XLSX и JSON."),
        ("m.xlsx", b"source_id;title", "Файл не похож на книгу Excel (XLSX)."),
        ("m.csv", "source_id".encode("utf-16"), "Файл CSV должен быть текстовым"),
        ("m.json", b"[" + b" " * MAX_FILE_BYTES + b"]", "Файл больше 5 МБ"),
    ],
)
def test_a_file_of_the_wrong_type_or_size_is_refused_before_it_is_queued(
    cms_client, editor, name, content, message
):
    response = upload(cms_client(editor), content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeasureImport.objects.exists()


def test_with_a_broker_the_upload_waits_in_the_queue(
    vocabulary, cms_client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(run_measure_import, "delay", queued.append)
    client = cms_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_file(*GOOD_ROWS))
    record = MeasureImport.objects.get()
    assert queued == [record.pk]
    assert record.status == ImportStatus.QUEUED and not SupportMeasure.objects.exists()
    page = client.get(response.url).content.decode()
    assert "ждёт очереди" in page and "придёт уведомление" in page


def stored_import(content, **fields):
    return MeasureImport.objects.create(
        file=ContentFile(content, name="measures.csv"), file_name="measures.csv", **fields
    )


def test_the_task_runs_a_queued_import_once(vocabulary, editor):
    record = stored_import(csv_file(*GOOD_ROWS), user=editor, dry_run=False)
    assert run_measure_import(record.pk) == ImportStatus.DONE
    assert SupportMeasure.objects.count() == 2
    # A task delivered twice (acks_late) leaves a finished import alone.
    assert run_measure_import(record.pk) == ImportStatus.DONE
    assert Notification.objects.filter(user=editor).count() == 1
    assert run_measure_import(record.pk + 1000) is None


def test_an_unexpected_error_fails_the_record_instead_of_leaving_it_running(
    vocabulary, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("navigator.importing.runs.import_measures", broken)
    record = stored_import(csv_file(*GOOD_ROWS), dry_run=False)
    run_measure_import(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.FAILED
    assert record.errors == [UNEXPECTED_ERROR]


def test_only_editors_may_upload_or_see_imports(client, employee, cms_client, editor):
    record = stored_import(b"x")
    urls = [IMPORT_URL, HISTORY_URL, record.get_absolute_url()]
    assert all(client.get(url).status_code == 302 for url in urls), "guests go to the login"
    client.force_login(employee)
    assert all(client.get(url).status_code in (302, 403) for url in urls)
    assert upload(client, csv_file(*GOOD_ROWS)).status_code in (302, 403)
    assert MeasureImport.objects.count() == 1
    editor_client = cms_client(editor)
    assert all(editor_client.get(url).status_code == 200 for url in urls)


def test_the_history_lists_uploads_newest_first_in_bounded_queries(
    cms_client, editor, django_assert_max_num_queries
):
    for number in range(3):
        stored_import(b"x", user=editor, status=ImportStatus.DONE, new_count=number)
    stored_import(b"x", status=ImportStatus.FAILED, errors=["Строка 2: ошибка"])
    client = cms_client(editor)
    client.get(HISTORY_URL)  # warm up the admin's own per-session lookups
    with django_assert_max_num_queries(15):
        page = client.get(HISTORY_URL).content.decode()
    assert page.count("measures.csv") == 4
    assert page.index("ошибок: 1") < page.index("новых 2") < page.index("новых 0")


# --- partial files, size limit, duplicates ---------------------------------------------------

REQUIRED_HEADER = "source_id;title;summary;kind;level;organiser"


def test_a_file_with_only_the_required_columns_keeps_the_other_fields(vocabulary):
    SupportMeasureFactory(
        source_id="src-1",
        title="Субсидия на дворы",
        summary="Ремонт дворов",
        kind="subsidy",
        level="regional",
        organiser=vocabulary["organiser"],
        description="<p>Подробное описание</p>",
        how_to_apply="Через портал",
        cofinancing_max=10,
    )
    data = "\n".join(
        [REQUIRED_HEADER, "src-1;Субсидия на дворы;Ремонт дворов;субсидия;региональная;Минстрой"]
    )
    report = import_measures("measures.csv", data.encode(), dry_run=True)
    assert report.rows[0].action == "unchanged"
    changed = data.replace("Ремонт дворов", "Ремонт дворов и подъездов")
    report = import_measures("measures.csv", changed.encode())
    assert report.rows[0].changed_fields == ["summary"]
    revision = SupportMeasure.objects.get(source_id="src-1").get_latest_revision_as_object()
    assert revision.summary == "Ремонт дворов и подъездов"
    assert revision.description == "<p>Подробное описание</p>"
    assert revision.how_to_apply == "Через портал"
    assert revision.cofinancing_max == 10


def test_a_new_measure_still_needs_a_deadline_when_the_column_is_absent(vocabulary):
    data = f"{REQUIRED_HEADER}\nsrc-9;Новая мера;Кратко;grant;federal;Минстрой"
    with pytest.raises(ImportRejected, match="Нужна дата окончания приёма"):
        import_measures("measures.csv", data.encode(), dry_run=True)


def test_a_huge_spreadsheet_is_refused_after_reading_one_row_past_the_limit(
    vocabulary, monkeypatch
):
    from navigator.importing import readers

    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["source_id", "title"])
    for number in range(10):
        sheet.append([f"x-{number}", "Мера"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(readers._read_xlsx(buffer.getvalue())) == 4
    with pytest.raises(ImportRejected, match="больше 3 строк"):
        readers.read_rows("big.xlsx", buffer.getvalue())


def test_the_dry_run_warns_of_a_measure_known_under_another_source_id(
    vocabulary, cms_client, editor, django_capture_on_commit_callbacks
):
    SupportMeasureFactory(
        source_id="old-7", title="Грант на парки", organiser=vocabulary["organiser"]
    )
    SupportMeasureFactory(source_id="other", title="Грант на парки")  # another organiser
    client = cms_client(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_file(*GOOD_ROWS), dry_run=True)
    record = MeasureImport.objects.get()
    warnings = {row["source_id"]: row["warnings"] for row in record.rows}
    assert warnings["src-1"] == []
    assert warnings["src-2"] == ["Возможный дубль: то же название и организатор у old-7."]
    assert "Возможный дубль" in client.get(response.url).content.decode()
