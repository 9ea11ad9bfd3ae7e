"""In a real browser: an author attaches a photo, forgets its description, is told so, attaches
it again and sees it in the preview with the indicator's target and evidence link — axe-clean,
no horizontal scroll at 390 px (the indicator table scrolls in its own region)."""

import re

import pytest
from playwright.sync_api import expect

from portal.accounts import roles
from portal.models import Sphere
from practices.models import PracticeAttachment
from tests.dialog.test_e2e_moderator_tools import assert_axe_clean
from tests.factories import UserFactory
from tests.practices.test_e2e_community import sign_in
from tests.practices.test_e2e_results import fits_a_phone
from tests.practices.uploads import jpeg_with_gps
from tests.practices.writing import write_in_browser

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def photo_file():
    upload = jpeg_with_gps(name="двор.jpg", size=(2600, 1300))
    return {"name": "двор.jpg", "mimeType": "image/jpeg", "buffer": upload.read()}


def test_an_author_attaches_a_photo_and_sees_it_in_the_preview(page, live_server):
    Sphere.objects.get_or_create(slug="e2e-files", defaults={"name": "Дворы (тест)"})
    author = UserFactory(roles=[roles.EMPLOYEE])
    sign_in(page, author, live_server.url)
    page.set_viewport_size({"width": 390, "height": 900})
    write_in_browser(
        page,
        title="Дворы, которые выбрали жители",
        sphere="Дворы (тест)",
        key_result="Отремонтировано 12 дворов",
        problem="Дворы не ремонтировали 30 лет.",
        solution="Жители голосовали за дизайн-проекты.",
        results="12 дворов за два года.",
        year="2023",
    )
    steps = page.get_by_role("navigation", name="Шаги практики")
    steps.get_by_role("link", name="Результаты").click()
    page.locator('[name="indicators-0-name"]').fill("Отремонтированные дворы")
    page.locator('[name="indicators-0-unit"]').fill("дворов")
    page.locator('[name="indicators-0-before"]').fill("0")
    page.locator('[name="indicators-0-after"]').fill("12")
    page.locator('[name="indicators-0-target"]').fill("10")
    page.locator('[name="indicators-0-evidence_url"]').fill("adm.example.ru/dvory")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    steps.get_by_role("link", name="Документы и фотографии").click()
    page.locator('[name="attachments-0-file"]').set_input_files(photo_file())
    page.get_by_role("button", name="Сохранить черновик").click()

    expect(page.get_by_text("Опишите, что на фотографии")).to_be_visible()
    expect(page.get_by_text("Выбранные файлы не сохранены: выберите их ещё раз.")).to_be_visible()
    assert_axe_clean(page)
    fits_a_phone(page)

    page.locator('[name="attachments-0-file"]').set_input_files(photo_file())
    page.locator('[name="attachments-0-caption"]').fill("Детская площадка во дворе после ремонта")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.get_by_text("Черновик сохранён.")).to_be_visible()
    expect(page.get_by_role("group", name="Фотография «двор.jpg»")).to_be_visible()
    assert_axe_clean(page)
    fits_a_phone(page)
    photo = PracticeAttachment.objects.get()
    assert (photo.width, photo.height) == (2000, 1000)

    page.get_by_role("link", name="Предпросмотр").click()
    image = page.get_by_role("img", name="Детская площадка во дворе после ремонта")
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()  # the gallery loads lazily
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.naturalWidth") == 2000  # the file itself is served
    assert image.get_attribute("width") == "2000" and image.get_attribute("height") == "1000"
    results = page.get_by_role("region", name="Показатели: было → стало")
    expect(results).to_contain_text("10 дворов (достигнута)")
    expect(
        results.get_by_role("link", name=re.compile(r"^источник\W+Отремонтированные дворы$"))
    ).to_have_attribute("href", "https://adm.example.ru/dvory")
    assert_axe_clean(page)
    fits_a_phone(page)
