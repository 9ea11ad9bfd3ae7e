"""Indicators with a target and an evidence link, and files in the Wagtail snippet: the
same checks as on the site."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from practices.models import Indicator, Practice, PracticeAttachment
from tests.factories import MunicipalityFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_authoring import XSS
from tests.practices.test_editing import practice_form_data
from tests.practices.test_results import QUEUE, rows
from tests.practices.uploads import EXE, GPS_IFD, attach, jpeg_with_gps, pdf, png
from tests.practices.writing import draft_of, step_data, step_url

pytestmark = pytest.mark.django_db
ADD_URL = reverse("wagtailsnippets_practices_practice:add")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def post_results(client, employee, indicator):
    """The step «Результаты» of the employee's draft with one indicator row."""
    practice = draft_of(employee)
    client.force_login(employee)
    return client.post(step_url(practice, "results"), {**step_data("results"), **rows([indicator])})


def test_an_author_gives_a_target_and_an_evidence_link(client, employee):
    indicator = {**QUEUE, "target": "50", "evidence_url": "https://adm.example.ru/otchet"}
    response = post_results(client, employee, indicator)
    assert response.status_code == 302
    saved = Indicator.objects.get()
    assert saved.target == Decimal(50)
    assert saved.evidence_url == "https://adm.example.ru/otchet"


def test_an_address_without_a_scheme_becomes_https(client, employee):
    post_results(client, employee, {**QUEUE, "evidence_url": "adm.ru/o"})
    assert Indicator.objects.get().evidence_url == "https://adm.ru/o"


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "ftp://adm.example.ru/otchet", "file:///etc/passwd"]
)
def test_only_web_addresses_are_evidence(client, employee, address):
    indicator = {**QUEUE, "target": "много", "evidence_url": address}
    page = post_results(client, employee, indicator).content.decode()
    assert "Введите адрес страницы, например https://" in page
    assert "Введите число, например 12 или 12,5." in page
    assert not Indicator.objects.exists()


def test_the_page_shows_the_target_and_the_evidence(client):
    practice = PracticeFactory()
    Indicator.objects.create(
        practice=practice,
        name="Очередь",
        unit="детей",
        before=600,
        after=40,
        target=Decimal("50"),
        evidence_url="https://adm.example.ru/otchet",
    )
    Indicator.objects.create(
        practice=practice, name="Жалобы", unit="шт.", before=10, after=8, target=5
    )
    Indicator.objects.create(practice=practice, name=XSS, unit="%", before=1, after=2)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert '<th scope="col">Цель</th>' in page and '<th scope="col">Подтверждение</th>' in page
    assert '50 детей <span class="meta">(достигнута)</span>' in page
    assert '5 шт. <span class="meta">(не достигнута)</span>' in page
    assert (
        '<a href="https://adm.example.ru/otchet" rel="nofollow noopener noreferrer">источник'
        '<span class="visually-hidden">: Очередь</span></a>' in page
    )
    assert "<script>alert" not in page


def test_target_reached_follows_the_direction_of_change():
    down = Indicator(before=600, after=40, target=50)
    up = Indicator(before=10, after=30, target=40)
    assert (down.target_reached, up.target_reached) == (True, False)
    assert Indicator(before=1, after=2).target_reached is None


def test_editors_give_a_target_and_evidence_in_wagtail(cms_client, editor):
    data = {
        **practice_form_data(MunicipalityFactory()),
        "indicators-TOTAL_FORMS": "1",
        "indicators-0-name": "Жалобы",
        "indicators-0-unit": "шт.",
        "indicators-0-before": "127",
        "indicators-0-after": "41",
        "indicators-0-target": "50",
        "indicators-0-evidence_url": "javascript:alert(1)",
        "indicators-0-measured_on": "",
        "indicators-0-ORDER": "1",
        "indicators-0-id": "",
        "indicators-0-DELETE": "",
    }
    client = cms_client(editor)
    assert client.post(ADD_URL, data).status_code == 200
    assert not Practice.objects.exists()
    data["indicators-0-evidence_url"] = "https://adm.example.ru/zhaloby"
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.target, indicator.evidence_url) == (50, "https://adm.example.ru/zhaloby")


def admin_files(*uploads, captions=()):
    data = {"attachments-TOTAL_FORMS": str(len(uploads)), "attachments-INITIAL_FORMS": "0"}
    for number, upload in enumerate(uploads):
        data.update(
            {
                f"attachments-{number}-file": upload,
                f"attachments-{number}-caption": captions[number],
                f"attachments-{number}-ORDER": str(number + 1),
                f"attachments-{number}-id": "",
                f"attachments-{number}-DELETE": "",
            }
        )
    return data


def test_editors_attach_files_in_wagtail_with_the_same_checks(cms_client, editor):
    client = cms_client(editor)
    base = practice_form_data(MunicipalityFactory())
    refused = client.post(ADD_URL, {**base, **admin_files(jpeg_with_gps(), captions=("",))})
    assert refused.status_code == 200
    assert "Опишите, что на фотографии" in refused.content.decode()
    wrong = client.post(ADD_URL, {**base, **admin_files(pdf("фото.jpg"), captions=("Фото",))})
    assert "по содержимому — PDF" in wrong.content.decode()
    assert not PracticeAttachment.objects.exists()
    response = client.post(
        ADD_URL,
        {**base, **admin_files(jpeg_with_gps(size=(3000, 3000)), pdf(), captions=("Сход", ""))},
    )
    assert response.status_code == 302
    photo, document = PracticeAttachment.objects.order_by("sort_order")
    assert (photo.kind, photo.width, photo.height, document.kind) == ("jpeg", 2000, 2000, "pdf")
    with photo.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and len(image.getexif()) == 0


def test_editors_keep_and_recaption_stored_files_in_wagtail(cms_client, editor):
    practice = PracticeFactory()
    photo = attach(practice, jpeg_with_gps(), caption="Старая", kind="jpeg", width=640, height=480)
    client = cms_client(editor)
    edit_url = reverse("wagtailsnippets_practices_practice:edit", args=[practice.pk])
    assert photo.stored_name in client.get(edit_url).content.decode()
    data = {
        **practice_form_data(practice.municipality, title=practice.title, slug=practice.slug),
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "1",
        "attachments-0-id": str(photo.pk),
        "attachments-0-caption": "Сквер после ремонта",
        "attachments-0-ORDER": "1",
        "attachments-0-DELETE": "",
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    practice.refresh_from_db()
    (kept,) = practice.latest_revision.as_object().attachments.all()
    assert (kept.caption, kept.file.name, kept.kind) == (
        "Сквер после ремонта",
        photo.file.name,
        "jpeg",
    )


def test_an_evidence_file_is_checked_stored_and_served_like_the_practice_files(
    client, employee, other_employee
):
    bad = {**QUEUE, "evidence_file": SimpleUploadedFile("отчёт.pdf", EXE)}
    page = post_results(client, employee, bad).content.decode()
    assert (
        "Можно приложить только PDF, PNG, JPEG" in page and 'value="Очередь в детские сады"' in page
    )
    assert not Indicator.objects.exists()
    photo = {**QUEUE, "evidence_file": jpeg_with_gps(name="справка.jpg", size=(2400, 1200))}
    assert post_results(client, employee, photo).status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.evidence_name, indicator.evidence_kind) == ("справка.jpg", "jpeg")
    with indicator.evidence_file.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (2000, 1000) and not image.getexif()
    url = indicator.get_evidence_url()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    client.force_login(other_employee)
    assert client.get(url).status_code == 404  # a draft's evidence
    practice = indicator.practice
    practice.live = True
    practice.save()
    client.logout()
    assert client.get(url).status_code == 200
    page = client.get(practice.get_absolute_url()).content.decode()
    assert f'<a href="{url}" download>файл<span class="visually-hidden">: Очередь' in page


def test_editors_evidence_files_get_the_same_checks_in_wagtail(cms_client, editor):
    data = {
        **practice_form_data(MunicipalityFactory()),
        "indicators-TOTAL_FORMS": "1",
        "indicators-0-name": "Жалобы",
        "indicators-0-unit": "шт.",
        "indicators-0-before": "127",
        "indicators-0-after": "41",
        "indicators-0-evidence_file": png(name="отчёт.pdf"),
        "indicators-0-ORDER": "1",
        "indicators-0-id": "",
        "indicators-0-DELETE": "",
    }
    client = cms_client(editor)
    assert "по содержимому — PNG" in client.post(ADD_URL, data).content.decode()
    data["indicators-0-evidence_file"] = pdf()
    assert client.post(ADD_URL, data).status_code == 302
    assert Indicator.objects.get().evidence_kind == "pdf"
