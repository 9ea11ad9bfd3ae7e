import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from legal_vector.importing import importer
from legal_vector.importing.importer import MalformedAct
from legal_vector.models import Document, Edition, ImportJob, Reference, StructuralUnit
from tests.legal_vector.conftest import SAMPLE_CODE, SAMPLE_LAW, SAMPLE_MUNICIPAL_ACT, import_sample

pytestmark = pytest.mark.django_db


def test_import_creates_the_document_with_requisites_from_the_text():
    result = import_sample()
    document = result.document

    assert result.created_document and result.created_edition
    assert document.requisites() == "Федеральный закон от 06.10.2003 № 131-ФЗ"
    assert document.level == "federal"
    assert result.edition.is_current
    assert result.edition.units.filter(stable_key="st14/ch1/p2/ppa").exists()


def test_internal_references_are_resolved_to_units_of_the_same_document():
    document = import_sample().document

    reference = Reference.objects.get(source_unit__stable_key="st14/ch2")

    assert reference.target_document == document
    assert reference.target_key == "st14/ch1"
    target = document.units.get(stable_key="st14/ch1")
    assert reference.get_absolute_url() == target.get_absolute_url()


def test_references_to_acts_already_in_the_base_are_resolved():
    law = import_sample().document
    act = import_sample(SAMPLE_MUNICIPAL_ACT).document

    reference = Reference.objects.get(source_unit__document=act)

    assert reference.target_document == law
    assert list(Reference.objects.backlinks_to(law)) == [reference]


def test_reimporting_the_same_text_changes_nothing():
    first = import_sample()
    units = StructuralUnit.objects.count()

    again = import_sample()

    assert not again.created_edition and not again.created_document
    assert again.edition == first.edition
    assert StructuralUnit.objects.count() == units
    assert "Без изменений" in again.summary


def test_new_text_of_the_same_document_becomes_the_current_edition_with_the_same_keys():
    first = import_sample(edition_date=datetime.date(2020, 1, 1))
    amended = SAMPLE_LAW.replace("высшим должностным лицом.", "высшим должностным лицом МО.")

    second = import_sample(amended, edition_date=datetime.date(2024, 5, 1))

    first.edition.refresh_from_db()
    assert second.document == first.document and second.created_edition
    assert second.edition.is_current and not first.edition.is_current
    assert first.edition.valid_to == datetime.date(2024, 4, 30)
    keys = set(first.edition.units.values_list("stable_key", flat=True))
    assert set(second.edition.units.values_list("stable_key", flat=True)) == keys
    assert Edition.objects.filter(document=first.document, is_current=True).count() == 1


def test_an_older_edition_imported_later_does_not_replace_the_current_one():
    current = import_sample(edition_date=datetime.date(2024, 1, 1))
    older_text = SAMPLE_LAW.replace("высшим должностным лицом.", "главой.")

    older = import_sample(older_text, edition_date=datetime.date(2010, 1, 1))

    current.edition.refresh_from_db()
    assert current.edition.is_current and not older.edition.is_current
    assert older.edition.valid_to == datetime.date(2023, 12, 31)


def test_text_without_requisites_is_refused_and_nothing_is_saved():
    with pytest.raises(MalformedAct, match="реквизиты"):
        import_sample("Статья 1. Без заголовка\nТекст.")

    assert not Document.objects.exists()


def test_options_supply_requisites_missing_from_the_text():
    result = import_sample(
        "Статья 1. Без заголовка\nТекст.",
        kind="municipal_act",
        number="7",
        adopted_on=datetime.date(2024, 3, 1),
        title="О тестовом порядке",
    )

    assert result.document.level == "municipal"
    assert result.document.requisites() == "Муниципальный правовой акт от 01.03.2024 № 7"


def test_a_failure_in_the_middle_of_an_import_rolls_everything_back(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "save_references", broken)

    with pytest.raises(RuntimeError):
        import_sample()

    assert not Document.objects.exists()
    assert not StructuralUnit.objects.exists()


def test_a_different_text_with_the_date_of_an_existing_edition_is_refused():
    import_sample(edition_date=datetime.date(2020, 1, 1))

    with pytest.raises(MalformedAct, match="уже загружена"):
        import_sample(SAMPLE_LAW + "\nЛишняя строка", edition_date=datetime.date(2020, 1, 1))

    assert Edition.objects.count() == 1


def test_command_imports_a_file_and_reports_what_it_created(tmp_path, capsys):
    path = tmp_path / "code.txt"
    path.write_text(SAMPLE_CODE, encoding="utf-8")

    call_command("import_legal", str(path), "--status", "in_force")

    output = capsys.readouterr().out
    assert "Новый документ: Бюджетный кодекс Российской Федерации от 31.07.1998 № 145-ФЗ" in output
    assert Document.objects.get().kind == "code"


def test_command_refuses_a_malformed_file_with_a_clear_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("ПОСТАНОВЛЕНИЕ\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Ничего не импортировано"):
        call_command("import_legal", str(path))
    assert not Document.objects.exists()


def test_command_imports_a_folder_described_by_a_manifest(tmp_path):
    (tmp_path / "law.txt").write_text(SAMPLE_LAW, encoding="utf-8")
    (tmp_path / "act.txt").write_text(SAMPLE_MUNICIPAL_ACT, encoding="utf-8")
    manifest = [
        {"file": "law.txt", "edition_date": "2021-01-01"},
        {"file": "act.txt", "title": "О порядке работы с обращениями", "status": "not_yet"},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    call_command("import_legal", str(tmp_path))

    act = Document.objects.get(number="312")
    assert act.title == "О порядке работы с обращениями"
    assert act.status == "not_yet"
    assert Document.objects.get(number="131-ФЗ").editions.get().valid_from.year == 2021


def test_command_reports_manifest_rows_that_fail(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,kind\nmissing.txt,federal_law\n", "utf-8")

    with pytest.raises(CommandError, match="Не импортировано файлов: 1"):
        call_command("import_legal", str(tmp_path))


def test_admin_uploads_an_act_from_a_file(administrator_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("law.txt", SAMPLE_LAW.encode("utf-8"), "text/plain")

    with django_capture_on_commit_callbacks(execute=True):
        response = administrator_client.post(
            reverse("admin:legal_vector_document_upload"), {"file": upload}
        )

    document = Document.objects.get()
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:legal_vector_importjob_change", args=[job.pk])
    assert (job.status, job.document) == ("done", document)


def test_admin_upload_refuses_other_file_types(administrator_client):
    upload = SimpleUploadedFile("law.exe", b"MZ", "application/octet-stream")

    response = administrator_client.post(
        reverse("admin:legal_vector_document_upload"), {"file": upload}
    )

    assert "Загрузите файл .txt, .html, .rtf, .docx, .pdf." in response.content.decode()
    assert not Document.objects.exists()


def test_admin_upload_is_closed_to_employees(client, employee):
    client.force_login(employee)

    response = client.get(reverse("admin:legal_vector_document_upload"))

    assert response.status_code == 302
    assert "/admin/login/" in response.url
