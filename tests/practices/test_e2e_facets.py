"""In a real browser, on a phone: a visitor picks two facets of the catalogue with the keyboard,
nothing reloads on a key press, the counts follow the choice; the folded «Ещё» opens by keyboard;
axe-clean, no horizontal scroll at 390 px."""

import re

import pytest
from playwright.sync_api import expect

from portal.municipalities.models import MunicipalityType
from tests.dialog.test_e2e_moderator_tools import assert_axe_clean
from tests.factories import MunicipalityFactory, RegionFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)
RURAL, URBAN = MunicipalityType.RURAL_SETTLEMENT, MunicipalityType.URBAN_OKRUG


def fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def practice_in(region, kind, population, title):
    municipality = MunicipalityFactory(region=region, kind=kind, population=population)
    return PracticeFactory(title=title, municipality=municipality)


def test_two_facets_picked_by_keyboard_change_the_counts(page, live_server):
    north = RegionFactory(name="Северная область (тест)")
    south = RegionFactory(name="Южная область (тест)")
    practice_in(north, RURAL, 3_000, "Сельская библиотека-клуб")
    practice_in(north, RURAL, 3_000, "Школьный автобус по заявке")
    practice_in(north, URBAN, 200_000, "Городские дворы")
    practice_in(south, RURAL, 3_000, "Фельдшерский пункт в модуле")
    practice_in(south, URBAN, 200_000, "Умные светофоры")
    practice_in(south, URBAN, 200_000, "Парковки у вокзала")
    for number in range(9):  # enough regions for the list to fold behind «Ещё»
        practice_in(RegionFactory(), URBAN, 200_000, f"Практика региона {number}")

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/practices/")
    fits_a_phone(page)
    assert_axe_clean(page)
    expect(page.get_by_text("Найдено практик: 15")).to_be_visible()
    expect(page.get_by_label("Северная область (тест) (3)")).to_be_visible()
    expect(page.get_by_label("Южная область (тест) (3)")).to_be_visible()

    # The rarer regions wait behind «Ещё 3»; Enter on the summary opens it, no script needed.
    folded = page.locator("details.facet__more", has=page.locator('[name="region"]'))
    expect(folded.locator('input[name="region"]').first).to_be_hidden()
    folded.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(folded.locator('input[name="region"]').first).to_be_visible()

    address = page.url
    page.get_by_label("сельское поселение (3)").focus()
    page.keyboard.press("Space")
    page.get_by_label("до 5 тыс. (3)").focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    assert page.url == address  # a key press never reloads the page
    expect(page.get_by_label("сельское поселение (3)")).to_be_checked()
    page.get_by_role("button", name="Показать").focus()
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"kind=rural_settlement.*population=0-5|population=0-5.*kind="))
    expect(page.get_by_text("Найдено практик: 3")).to_be_visible()
    # Regions are counted under both chosen facets; the chosen ones under the other one only.
    expect(page.get_by_label("Северная область (тест) (2)")).to_be_visible()
    expect(page.get_by_label("Южная область (тест) (1)")).to_be_visible()
    expect(page.get_by_label("сельское поселение (3)")).to_be_checked()
    expect(page.get_by_label("городской округ (0)")).to_have_count(0)
    expect(page.get_by_label("до 5 тыс. (3)")).to_be_checked()
    expect(page.get_by_role("link", name="Умные светофоры")).to_have_count(0)
    fits_a_phone(page)
    assert_axe_clean(page)
    page.screenshot(path="/tmp/facets_e2e_390.png", full_page=True)
