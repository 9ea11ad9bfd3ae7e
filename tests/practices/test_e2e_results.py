"""In a real browser: an employee writes a practice step by step from the keyboard — a typo in an
indicator is kept and explained, «Назад» saves the step, the review shows the tables and sends
the practice — axe-clean, one h1, no horizontal scroll at 390 px."""

import pytest
from playwright.sync_api import expect

from portal.accounts import roles
from portal.models import Sphere
from practices.models import Practice
from tests.dialog.test_e2e_moderator_tools import assert_axe_clean
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_e2e_community import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_a_practice_written_step_by_step_with_the_keyboard_on_a_phone(page, live_server):
    Sphere.objects.get_or_create(slug="e2e-results", defaults={"name": "Водоснабжение (тест)"})
    author = UserFactory(roles=[roles.EMPLOYEE])
    sign_in(page, author, live_server.url)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/practices/new/")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_axe_clean(page)
    fits_a_phone(page)
    page.get_by_label("Название").fill("Модульная водоочистка в селе")
    page.get_by_label("Водоснабжение (тест)").press("Space")  # a checkbox from the keyboard
    page.get_by_label("Главный результат").fill("Вода соответствует нормативам")
    page.get_by_label("Главный результат").press("Enter")  # Enter means «Сохранить и продолжить»
    expect(page.locator("#step-heading")).to_have_text("Шаг 2 из 7. Проблема и решение")
    steps = page.get_by_role("navigation", name="Шаги практики")
    expect(steps.get_by_role("listitem").first).to_contain_text("заполнен")
    page.get_by_label("Проблема").fill("Железо в воде выше нормы в 7 раз.")
    page.get_by_label("Решение").fill("Поставили модульную станцию.")
    page.get_by_role("button", name="Сохранить и продолжить").click()

    page.get_by_label("Результаты").fill("Железа стало в 10 раз меньше.")
    page.locator('[name="indicators-0-name"]').fill("Железо в питьевой воде")
    page.locator('[name="indicators-0-unit"]').fill("мг/л")
    page.locator('[name="indicators-0-before"]').fill("два и одна")
    page.locator('[name="indicators-0-after"]').fill("0,2")
    page.get_by_role("button", name="Сохранить и продолжить").click()
    expect(page.get_by_text("Введите число, например 12 или 12,5.")).to_be_visible()
    expect(page.get_by_text("Шаг не сохранён")).to_be_visible()
    expect(page.locator('[name="indicators-0-name"]')).to_have_value("Железо в питьевой воде")
    expect(page.get_by_label("Результаты")).to_have_value("Железа стало в 10 раз меньше.")
    assert_axe_clean(page)
    fits_a_phone(page)
    page.locator('[name="indicators-0-before"]').fill("2,1")
    page.get_by_role("button", name="Сохранить и продолжить").click()

    page.get_by_label("Год начала").fill("2022")
    page.locator('[name="budget-0-source"]').select_option(label="Региональный бюджет")
    page.locator('[name="budget-0-amount"]').fill("20000000")
    back = page.get_by_role("button", name="Назад")
    back.focus()
    page.keyboard.press("Enter")  # back, and the step is saved on the way
    expect(page.locator("#step-heading")).to_have_text("Шаг 3 из 7. Результаты")
    expect(page.locator('[name="indicators-0-before"]')).to_have_value("2,10")
    practice = Practice.objects.get()
    assert practice.budget == 20_000_000 and practice.started_year == 2022

    steps.get_by_role("link", name="Проверка и отправка").click()
    expect(page.locator("#step-heading")).to_have_text("Шаг 7 из 7. Проверка и отправка")
    table = page.get_by_role("table", name="Показатели: было → стало")
    expect(table.get_by_role("rowheader", name="Железо в питьевой воде")).to_be_visible()
    expect(table).to_contain_text("2,1 мг/л")
    expect(page.get_by_text("Региональный бюджет")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_axe_clean(page)
    fits_a_phone(page)
    page.get_by_role("button", name="Отправить на модерацию").press("Enter")
    expect(page.get_by_text("Практика отправлена на модерацию")).to_be_visible()
    practice.refresh_from_db()
    assert practice.status == "on_review"

    page.goto(f"/practices/preview/{practice.pk}/")
    budget = page.get_by_role("table", name="Сколько дал каждый источник, ₽")
    expect(budget).to_contain_text("Региональный бюджет")
    assert_axe_clean(page)
    fits_a_phone(page)


def test_the_author_page_is_accessible_and_fits_a_phone(page, live_server):
    author = UserFactory(
        roles=[roles.EMPLOYEE], last_name="Соколова", first_name="Анна", patronymic=""
    )
    practice = PracticeFactory(
        author=author, municipality=author.municipality, title="Двор для всех " * 4
    )
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(practice.get_absolute_url())
    page.get_by_role("link", name="Автор и его практики").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Соколова Анна")
    expect(page.get_by_text("Автор практики", exact=True)).to_be_visible()
    assert_axe_clean(page)
    fits_a_phone(page)


def test_the_type_facet_narrows_the_list_and_stays_accessible(page, live_server):
    from portal.municipalities.models import MunicipalityType
    from tests.factories import MunicipalityFactory

    rural = MunicipalityFactory(kind=MunicipalityType.RURAL_SETTLEMENT)
    PracticeFactory(title="Сельский клуб в школе", municipality=rural)
    PracticeFactory(
        title="Городская парковка",
        municipality=MunicipalityFactory(kind=MunicipalityType.URBAN_OKRUG),
    )
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/practices/")
    page.get_by_label("сельское поселение (1)").check()
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("link", name="Городская парковка")).to_have_count(0)
    expect(page.get_by_role("link", name="Сельский клуб в школе")).to_be_visible()
    assert_axe_clean(page)
    fits_a_phone(page)
