"""Documents and photos of a practice: checked by content, photos cleaned, served by the
practice's own rights, shown as a gallery and a list of downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from practices.models import PracticeAttachment
from tests.access_grid import LOGIN, answer
from tests.practices.factories import PracticeFactory
from tests.practices.test_authoring import XSS
from tests.practices.uploads import (
    EXE,
    GPS_IFD,
    MAKE,
    PDF,
    attach,
    docx,
    jpeg_with_gps,
    pdf,
    png,
    png_claiming,
)
from tests.practices.writing import draft_of, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def files(*uploads, captions=(), initial=0, extra=None):
    """The attachment rows of the practice form: one new file (and caption) per row."""
    data = {
        "attachments-TOTAL_FORMS": str(extra if extra is not None else len(uploads)),
        "attachments-INITIAL_FORMS": str(initial),
    }
    for number, upload in enumerate(uploads):
        data[f"attachments-{number}-file"] = upload
        caption = captions[number] if number < len(captions) else ""
        data[f"attachments-{number}-caption"] = caption
    return data


def new_practice(client, *uploads, captions=()):
    """Files at the step «Документы и фотографии» of the signed-in author's new draft."""
    practice = draft_of(client.user)
    return client.post(files_url(practice), {**files(*uploads, captions=captions), "go": "stay"})


def files_url(practice):
    return step_url(practice, "files")


@pytest.fixture
def client(client):
    """A client that remembers who signed in, so `new_practice` writes their draft."""
    login = client.force_login

    def force_login(user, *args, **kwargs):
        client.user = user
        login(user, *args, **kwargs)

    client.force_login = force_login
    return client


def test_an_author_attaches_a_document_and_a_photo_to_a_draft(client, employee):
    client.force_login(employee)
    response = new_practice(client, pdf(), jpeg_with_gps(), captions=("", "Новый двор"))
    assert response.status_code == 302
    document, photo = PracticeAttachment.objects.order_by("sort_order", "pk")
    assert (document.kind, document.name, document.size) == ("pdf", "отчёт.pdf", len(PDF))
    assert document.file.name.startswith("practices/") and "отчёт" not in document.file.name
    assert (photo.kind, photo.width, photo.height, photo.caption) == (
        "jpeg",
        640,
        480,
        "Новый двор",
    )
    assert photo.practice.author == employee


def test_exif_with_gps_is_gone_and_the_photo_is_turned_upright(client, employee):
    client.force_login(employee)
    upload = jpeg_with_gps(size=(400, 300), orientation=6)  # «rotate 90°» in EXIF
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(GPS_IFD)
    upload.seek(0)
    new_practice(client, upload, captions=("Сквер",))
    photo = PracticeAttachment.objects.get()
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD) and MAKE not in exif and len(exif) == 0
        assert "exif" not in image.info
        assert image.size == (300, 400) == (photo.width, photo.height)


def test_a_large_photo_is_resized_to_2000_pixels(client, employee):
    client.force_login(employee)
    new_practice(client, jpeg_with_gps(size=(4000, 1000)), captions=("Панорама набережной",))
    photo = PracticeAttachment.objects.get()
    assert (photo.width, photo.height) == (2000, 500)
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (2000, 500)


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("отчёт.pdf", EXE), "Можно приложить только PDF, PNG, JPEG"),
        (png(name="отчёт.pdf"), "по содержимому — PNG"),
        (SimpleUploadedFile("отчёт.pdf", PDF + b"0" * (10 * 1024 * 1024)), "Файл больше 10 МБ."),
        (docx(padding=60 * 1024 * 1024), "Документ после распаковки больше 50 МБ"),
        (png_claiming(30_000, 30_000), "Изображение слишком большое"),
        (SimpleUploadedFile("битое.jpg", b"\xff\xd8\xff\xe0" + b"x" * 100), "Не удалось прочитать"),
        (SimpleUploadedFile("пусто.pdf", b""), "Файл пустой."),
    ],
    ids=[
        "exe-named-pdf",
        "png-named-pdf",
        "too-large",
        "zip-bomb-docx",
        "pixel-bomb",
        "broken",
        "empty",
    ],
)
def test_bad_files_are_refused_nothing_is_saved_and_the_text_is_kept(
    client, employee, upload, message
):
    client.force_login(employee)
    response = new_practice(client, upload, captions=("Описание двора",))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Выбранные файлы не сохранены: выберите их ещё раз." in page
    assert 'value="Описание двора"' in page
    assert not PracticeAttachment.objects.exists()


def test_a_valid_docx_and_a_png_are_accepted(client, employee):
    client.force_login(employee)
    new_practice(client, docx(), png(), captions=("", "Схема двора"))
    kinds = set(PracticeAttachment.objects.values_list("kind", flat=True))
    assert kinds == {"docx", "png"}


def test_a_photo_needs_a_description_a_document_does_not(client, employee):
    client.force_login(employee)
    response = new_practice(client, pdf(), jpeg_with_gps(), captions=("", "  "))
    assert response.status_code == 200
    assert "Опишите, что на фотографии" in response.content.decode()
    assert not PracticeAttachment.objects.exists()


def test_a_caption_without_a_file_asks_for_the_file(client, employee):
    practice = draft_of(employee)
    client.force_login(employee)
    data = {**files(), "attachments-TOTAL_FORMS": "1"}
    data["attachments-0-caption"] = "Фото двора"
    response = client.post(files_url(practice), data)
    assert "Выберите файл." in response.content.decode()
    assert not PracticeAttachment.objects.exists()


def test_at_most_ten_files(client, employee):
    practice = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    kept = [attach(practice) for _ in range(10)]
    client.force_login(employee)
    data = files(initial=10, extra=11)
    for number, attachment in enumerate(kept):
        data[f"attachments-{number}-id"] = attachment.pk
        data[f"attachments-{number}-caption"] = ""
    data["attachments-10-file"] = pdf()
    data["attachments-10-caption"] = ""
    response = client.post(files_url(practice), data)
    assert "Не больше 10 файлов у практики" in response.content.decode()
    assert practice.attachments.count() == 10


def test_the_author_deletes_a_file_of_a_draft(client, employee):
    practice = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    gone = attach(practice)
    client.force_login(employee)
    form = client.get(files_url(practice)).content.decode()
    assert "Удалить файл" in form and "отчёт.pdf" in form
    data = files(initial=1, extra=1)
    data.update({"attachments-0-id": gone.pk, "attachments-0-DELETE": "on"})
    assert client.post(files_url(practice), data).status_code == 302
    assert not practice.attachments.exists()


def test_nobody_else_attaches_to_or_deletes_from_a_practice(client, employee, other_employee):
    practice = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    theirs = attach(practice)
    client.force_login(other_employee)
    assert client.post(files_url(practice), files(pdf())).status_code == 404
    # Their own practice's form cannot reach someone else's file either.
    own = PracticeFactory(
        live=False, author=other_employee, municipality=other_employee.municipality
    )
    deleting = files(initial=1, extra=1)
    deleting.update({"attachments-0-id": theirs.pk, "attachments-0-DELETE": "on"})
    client.post(files_url(own), deleting)
    assert PracticeAttachment.objects.filter(pk=theirs.pk, practice=practice).exists()
    assert not own.attachments.exists()


def test_unverified_users_and_guests_cannot_attach(client, unverified_user):
    practice = draft_of(unverified_user)
    assert answer(client.post(files_url(practice), files(pdf()))) == LOGIN
    client.force_login(unverified_user)
    assert client.post(files_url(practice), files(pdf())).status_code == 403
    assert not PracticeAttachment.objects.exists()


def test_who_gets_the_files_of_published_and_draft_practices(
    client, employee, other_employee, moderator
):
    published = PracticeFactory(author=employee, municipality=employee.municipality)
    draft = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    public, private = attach(published), attach(draft)
    hidden = PracticeFactory(author=employee, municipality=employee.municipality)
    reported = attach(hidden)
    hidden.set_hidden(True)
    cases = [
        (public, (200, 200, 200, 200)),
        (private, (404, 404, 200, 200)),
        (reported, (404, 404, 200, 200)),
    ]
    for attachment, expected in cases:
        for user, want in zip((None, other_employee, employee, moderator), expected, strict=True):
            client.logout()
            if user:
                client.force_login(user)
            response = client.get(attachment.get_absolute_url())
            assert response.status_code == want, (attachment.practice, user)
    client.logout()
    assert client.get(f"/practices/files/{published.pk}/{'0' * 32}.pdf").status_code == 404
    assert client.get(f"/practices/files/{draft.pk}/{public.stored_name}").status_code == 404


def test_documents_download_and_photos_show_inline(client):
    practice = PracticeFactory()
    document = attach(practice)
    photo = attach(practice, jpeg_with_gps(), caption="Двор", kind="jpeg", width=640, height=480)
    response = client.get(document.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    shown = client.get(photo.get_absolute_url())
    assert shown["Content-Type"] == "image/jpeg"
    assert shown["Content-Disposition"].startswith("inline;")
    assert "sandbox" in shown["Content-Security-Policy"]


def test_the_page_shows_a_gallery_and_the_documents(client):
    practice = PracticeFactory()
    attach(practice, caption="Смета работ")
    photo = attach(
        practice, jpeg_with_gps(), caption="Двор после ремонта", kind="jpeg", width=640, height=480
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    assert '<h2 id="practice-photos">Фотографии</h2>' in page
    assert (
        f'<img src="{photo.get_absolute_url()}" alt="Двор после ремонта" width="640" '
        'height="480"' in page
    )
    assert '<h2 id="practice-files">Документы</h2>' in page
    assert "Смета работ</a>" in page and "PDF" in page


def test_a_draft_shows_its_files_only_in_the_preview(client, employee):
    draft = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    attach(draft, caption="Смета")
    client.force_login(employee)
    assert "Смета" in client.get(f"/practices/preview/{draft.pk}/").content.decode()
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_captions_are_inert(client):
    practice = PracticeFactory()
    attach(practice, caption=XSS)
    attach(practice, jpeg_with_gps(), caption=XSS, kind="jpeg", width=10, height=10)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_the_page_with_ten_files_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    bare, practice = PracticeFactory(), PracticeFactory()
    for number in range(5):
        attach(practice, caption=f"Документ {number}")
        attach(practice, jpeg_with_gps(), caption=f"Фото {number}", kind="jpeg", width=8, height=8)
    client.get(bare.get_absolute_url())
    with CaptureQueriesContext(connection) as without_files:
        client.get(bare.get_absolute_url())
    client.get(practice.get_absolute_url())
    with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as with_files:
        page = client.get(practice.get_absolute_url()).content.decode()
    # Ten files cost one query: the photos and the documents come from one list.
    assert len(with_files) - len(without_files) <= 1
    assert page.count('loading="lazy"') == 5 and page.count(" download>") == 5


def test_an_edit_of_a_published_practice_keeps_new_files_for_the_moderator(
    client, employee, moderator
):
    practice = PracticeFactory(author=employee, municipality=employee.municipality)
    client.force_login(employee)
    data = files(jpeg_with_gps(), captions=("Новый сквер",))
    assert client.post(files_url(practice), data).status_code == 302
    assert not practice.attachments.exists()  # the public page has no new photo yet
    practice.refresh_from_db()
    revised = practice.latest_revision.as_object()
    (waiting,) = revised.attachments.all()
    assert waiting.caption == "Новый сквер" and waiting.file.name.startswith("practices/")
    url = f"/practices/files/{practice.pk}/{waiting.stored_name}"
    assert client.get(url).status_code == 200  # the author checks the preview
    preview = client.get(f"/practices/preview/{practice.pk}/").content.decode()
    assert 'alt="Новый сквер"' in preview
    client.logout()
    assert client.get(url).status_code == 404
    assert "Новый сквер" not in client.get(practice.get_absolute_url()).content.decode()
    # The moderator approves: the revision is published with its file.
    practice.latest_revision.publish(user=moderator)
    assert client.get(url).status_code == 200
    assert 'alt="Новый сквер"' in client.get(practice.get_absolute_url()).content.decode()


def test_kept_files_survive_a_refused_step_and_their_caption_changes_with_the_step(
    client, employee
):
    practice = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    kept = attach(practice, caption="Старая подпись")
    client.force_login(employee)
    data = files(initial=1, extra=2)
    data.update({"attachments-0-id": kept.pk, "attachments-0-caption": "Новая подпись"})
    data.update({"attachments-1-file": SimpleUploadedFile("отчёт.pdf", EXE)})
    data["attachments-1-caption"] = ""
    response = client.post(files_url(practice), data)
    assert "Можно приложить только" in response.content.decode()
    assert 'value="Новая подпись"' in response.content.decode()
    kept.refresh_from_db()
    assert kept.caption == "Старая подпись"  # nothing of the refused step was saved
    data["attachments-1-file"] = pdf()
    assert client.post(files_url(practice), data).status_code == 302
    kept.refresh_from_db()
    assert kept.caption == "Новая подпись" and kept.file.name
    assert practice.attachments.count() == 2


def webp(name="двор.webp", size=(2400, 1200)):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0)}
    Image.new("RGB", size, (10, 140, 60)).save(buffer, "WEBP", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/webp")


def test_a_webp_photo_is_taken_cleaned_and_shown_inline(client, employee):
    client.force_login(employee)
    assert new_practice(client, webp(), captions=("Двор",)).status_code == 302
    photo = PracticeAttachment.objects.get()
    assert (photo.kind, photo.width, photo.height) == ("webp", 2000, 1000)
    assert photo.file.name.endswith(".webp") and photo.is_photo
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "WEBP" and not image.getexif()
    response = client.get(photo.get_absolute_url())
    assert response["Content-Type"] == "image/webp"
    assert response["Content-Disposition"].startswith("inline;")


def test_a_webp_named_as_a_jpeg_is_refused(client, employee):
    client.force_login(employee)
    page = new_practice(client, webp(name="двор.jpg"), captions=("Двор",)).content.decode()
    assert "по содержимому — WebP" in page
    assert not PracticeAttachment.objects.exists()
