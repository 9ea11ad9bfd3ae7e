"""Files nothing uses any more leave storage after the transaction commits: a removed or
replaced document, photo or evidence file, a file only an abandoned edit had, a deleted
practice's files — and nothing a row or the waiting edit still shows."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from practices.models import Indicator, PracticeAttachment
from tests.practices.factories import PracticeFactory
from tests.practices.test_attachments import files
from tests.practices.test_results import QUEUE, rows
from tests.practices.uploads import PDF, attach, jpeg_with_gps, pdf
from tests.practices.writing import draft_of, step_data, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(name):
    return default_storage.exists(name)


def test_a_file_removed_at_its_step_is_deleted_after_commit(
    client, employee, django_capture_on_commit_callbacks
):
    practice = draft_of(employee)
    gone, kept = attach(practice), attach(practice)
    client.force_login(employee)
    data = files(initial=2, extra=2)
    data.update({"attachments-0-id": gone.pk, "attachments-0-DELETE": "on"})
    data.update({"attachments-1-id": kept.pk, "attachments-1-caption": ""})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert client.post(step_url(practice, "files"), data).status_code == 302
        assert stored(gone.file.name)  # still there inside the transaction
    assert callbacks
    assert not stored(gone.file.name) and stored(kept.file.name)


def test_a_rolled_back_removal_keeps_the_file(employee, django_capture_on_commit_callbacks):
    attachment = attach(draft_of(employee))
    pk = attachment.pk
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        attachment.delete()
        raise RuntimeError("the save failed")
    assert PracticeAttachment.objects.filter(pk=pk).exists()
    assert stored(attachment.file.name)


def test_a_replaced_evidence_file_is_deleted_and_the_new_one_kept(
    client, employee, django_capture_on_commit_callbacks
):
    practice = draft_of(employee)
    client.force_login(employee)
    first = {**QUEUE, "evidence_file": pdf()}
    client.post(step_url(practice, "results"), {**step_data("results"), **rows([first])})
    indicator = Indicator.objects.get()
    old = indicator.evidence_file.name
    again = {**QUEUE, "id": indicator.pk, "evidence_file": pdf("новый.pdf")}
    data = {**step_data("results"), **rows([again], initial=(1, 0))}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(step_url(practice, "results"), data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.evidence_name == "новый.pdf"
    assert not stored(old) and stored(indicator.evidence_file.name)


def test_deleting_a_practice_deletes_its_files_and_those_of_its_edits(
    client, employee, django_capture_on_commit_callbacks
):
    practice = PracticeFactory(author=employee, municipality=employee.municipality)
    document = attach(practice)
    evidence = Indicator.objects.create(practice=practice, name="Н", unit="%", before=1, after=2)
    evidence.evidence_file.save("e.pdf", pdf(), save=True)
    client.force_login(employee)
    client.post(step_url(practice, "files"), files(jpeg_with_gps(), captions=("Сквер",)))
    practice.refresh_from_db()
    waiting = practice.latest_revision.as_object().attachments.all()
    only_in_edit = next(a.file.name for a in waiting if a.pk != document.pk)
    names = [document.file.name, evidence.evidence_file.name, only_in_edit]
    assert all(stored(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        practice.delete()
    assert not any(stored(name) for name in names)


def test_a_photo_dropped_from_an_unpublished_edit_is_deleted(
    client, employee, django_capture_on_commit_callbacks
):
    practice = PracticeFactory(author=employee, municipality=employee.municipality)
    client.force_login(employee)
    client.post(step_url(practice, "files"), files(jpeg_with_gps(), captions=("Сквер",)))
    practice.refresh_from_db()
    (photo,) = practice.latest_revision.as_object().attachments.all()
    assert stored(photo.file.name) and not practice.attachments.exists()
    data = files(initial=1, extra=1)
    # The row is only in the revision, so it has no id yet; the page posts an empty one.
    page = client.get(step_url(practice, "files")).content.decode()
    assert 'name="attachments-0-id"' in page
    data.update({"attachments-0-id": "", "attachments-0-caption": "Сквер"})
    data["attachments-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(step_url(practice, "files"), data).status_code == 302
    practice.refresh_from_db()
    assert not practice.latest_revision.as_object().attachments.all()
    assert not stored(photo.file.name)


def test_a_published_photo_removed_in_an_edit_stays_until_the_edit_is_approved(
    client, employee, moderator, django_capture_on_commit_callbacks
):
    practice = PracticeFactory(author=employee, municipality=employee.municipality)
    photo = attach(practice, jpeg_with_gps(), caption="Двор", kind="jpeg")
    client.force_login(employee)
    data = files(initial=1, extra=1)
    data.update({"attachments-0-id": photo.pk, "attachments-0-DELETE": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url(practice, "files"), data)
        client.post(step_url(practice, "contacts"), step_data("contacts"))  # a later revision
    assert stored(photo.file.name)  # the public page still shows it
    assert client.get(photo.get_absolute_url()).status_code == 200
    practice.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        practice.latest_revision.publish(user=moderator)
    assert not PracticeAttachment.objects.filter(pk=photo.pk).exists()
    assert not stored(photo.file.name)


def test_a_resubmitted_files_step_stores_each_file_once_and_other_files_are_kept(client, employee):
    practice = draft_of(employee)
    client.force_login(employee)
    url = step_url(practice, "files")
    token = "1b1cbbd1-7a3e-4c51-9d6d-3a8f4bb7c002"
    first = client.post(url, {**files(pdf("план.pdf")), "form_token": token})
    again = client.post(url, {**files(pdf("план.pdf")), "form_token": token})
    assert first.url == again.url and practice.attachments.count() == 1
    # A reloaded page (a fresh token) sending the same file again: still one.
    client.post(url, {**files(pdf("план.pdf"))})
    assert practice.attachments.count() == 1
    # The same captions with another file of the same name and size: a new file, kept.
    other = SimpleUploadedFile("план.pdf", PDF.replace(b"1.4", b"1.7"))
    client.post(url, {**files(other)})
    assert practice.attachments.count() == 2
