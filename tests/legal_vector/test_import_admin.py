"""The admin upload form's territory and citation fields; editions that only import may order."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from legal_vector.models import Document, Edition
from portal.municipalities.models import Municipality
from tests.legal_vector.conftest import SAMPLE_LAW, SAMPLE_MUNICIPAL_ACT, import_sample

pytestmark = pytest.mark.django_db

UPLOAD = "admin:legal_vector_document_upload"


@pytest.fixture
def city():
    return Municipality.objects.select_related("region").order_by("oktmo").first()


def upload(text=SAMPLE_MUNICIPAL_ACT):
    return SimpleUploadedFile("act.txt", text.encode("utf-8"), "text/plain")


def test_upload_sets_territory_level_register_number_and_citation_name(
    administrator_client, city, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = administrator_client.post(
            reverse(UPLOAD),
            {
                "file": upload(),
                "level": "municipal",
                "region": city.region.code,
                "municipality": city.oktmo,
                "register_number": "RU000000002024000312",
                "amending_act": "Постановление от 01.04.2024 № 500",
                "citation_name": "постановления администрации городского округа Тестовск № 312",
            },
        )

    act = Document.objects.get()
    assert response.status_code == 302
    assert (act.region, act.municipality, act.level) == (city.region, city, "municipal")
    assert act.register_number == "RU000000002024000312"
    assert act.requisites_genitive() == (
        "постановления администрации городского округа Тестовск № 312"
    )
    assert act.editions.get().amending_act == "Постановление от 01.04.2024 № 500"


def test_upload_with_an_unknown_oktmo_imports_nothing_and_reports_why(
    administrator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = administrator_client.post(
            reverse(UPLOAD),
            {"file": upload(), "municipality": "99999999999", "register_number": "RU-X"},
        )
    response = administrator_client.get(response.url)

    page = response.content.decode()
    assert response.status_code == 200
    assert "ОКТМО «99999999999» не найдено в справочнике" in page
    assert "не импортирован" in page
    assert not Document.objects.exists()


@pytest.fixture
def editions(db):
    """Three editions of the sample law: 2020, 2022 and the current one of 2024."""
    for year, ending in ((2020, "."), (2022, " МО."), (2024, " округа.")):
        text = SAMPLE_LAW.replace("высшим должностным лицом.", f"высшим должностным лицом{ending}")
        import_sample(text, edition_date=datetime.date(year, 1, 1))
    return list(Edition.objects.order_by("valid_from"))


def test_edition_period_and_current_flag_cannot_be_edited_in_admin(administrator_client, editions):
    current = editions[-1]
    url = reverse("admin:legal_vector_edition_change", args=[current.pk])

    page = administrator_client.get(url).content.decode()
    administrator_client.post(url, {"valid_from": "2030-01-01", "amending_act": "Поправка"})

    current.refresh_from_db()
    assert 'name="valid_from"' not in page and 'name="is_current"' not in page
    assert (current.valid_from, current.is_current) == (datetime.date(2024, 1, 1), True)
    assert current.amending_act == "Поправка"


def test_editions_are_not_added_by_hand(administrator_client, editions):
    response = administrator_client.get(reverse("admin:legal_vector_edition_add"))

    assert response.status_code == 403


def test_deleting_an_older_edition_closes_the_gap_and_the_current_one_stays(
    administrator_client, editions
):
    first, middle, current = editions
    changelist = reverse("admin:legal_vector_edition_changelist")

    administrator_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [middle.pk], "post": "yes"},
    )

    first.refresh_from_db()
    assert list(Edition.objects.order_by("valid_from")) == [first, current]
    assert first.valid_to == datetime.date(2023, 12, 31)
    assert Edition.objects.get(pk=current.pk).is_current
    delete_url = reverse("admin:legal_vector_edition_delete", args=[current.pk])
    assert administrator_client.get(delete_url).status_code == 403
