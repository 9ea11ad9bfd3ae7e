"""The site-wide search in a real browser: suggestions under the header box chosen with the
keyboard, submitting, switching tabs, axe and a 390 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from dialog.models import ProblemStatus
from tests.dialog.factories import problem_in
from tests.navigator.factories import SupportMeasureFactory
from tests.portal.page_helpers import home_with_indexes
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def found():
    home_with_indexes()
    practice = PracticeFactory(title="Школа активных жителей <b>двора</b>")
    SupportMeasureFactory(title="Субсидия на ремонт школьных дворов")
    problem_in(
        ProblemStatus.PUBLISHED,
        title="Нет денег на ремонт школьного двора",
        description="Ремонт двора школы не проводился десять лет.",
    )
    return practice


def violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in results.response["violations"]]


def test_a_suggestion_is_chosen_with_the_keyboard_without_reloading_the_page(page, found):
    page.goto("/")
    page.evaluate("window.notReloaded = true")
    box = page.get_by_role("combobox", name="Поиск по порталу")
    box.press_sequentially("актив", delay=40)
    listbox = page.get_by_role("listbox", name="Подсказки поиска")
    listbox.wait_for()
    options = listbox.get_by_role("option")
    assert "Школа активных жителей <b>двора</b>" in options.first.inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert box.get_attribute("aria-expanded") == "true"
    assert violations(page) == []

    box.press("Escape")
    assert listbox.is_hidden()
    box.press_sequentially("н", delay=40)
    listbox.wait_for()
    box.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.endswith(found.get_absolute_url())


def test_submitting_the_box_and_switching_tabs(page, found):
    page.goto("/")
    box = page.get_by_role("combobox", name="Поиск по порталу")
    box.fill("ремонт")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/?q=" in page.url
    tabs = page.get_by_role("navigation", name="Разделы поиска")
    assert tabs.get_by_role("link", name="Все").get_attribute("aria-current") == "page"
    assert page.get_by_role("heading", level=1).count() == 1
    assert violations(page) == []

    with page.expect_navigation():
        tabs.get_by_role("link", name="Диалог").click()
    assert "in=dialog" in page.url
    assert tabs.get_by_role("link", name="Диалог").get_attribute("aria-current") == "page"
    expect(page.get_by_role("link", name="Нет денег на ремонт школьного двора")).to_be_visible()
    assert page.locator(".search-results mark").first.inner_text().lower().startswith("ремонт")
    assert violations(page) == []


def test_the_results_fit_a_phone_without_sideways_scrolling(page, found):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/search/?q=ремонт школьного двора длинный запрос без пробелов" + "ы" * 80)
    page.goto("/search/?q=ремонт")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    box = page.get_by_role("combobox", name="Поиск по порталу")
    box.press_sequentially("ремонт", delay=30)
    page.get_by_role("listbox", name="Подсказки поиска").wait_for()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert violations(page) == []


def test_a_question_in_ones_own_words_finds_part_of_its_words(page, found):
    # No row holds «как», «отремонтировать» and «двор школы» together: the page says it shows
    # rows with part of the words, and the dialog's problem about a school yard is among them.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    box = page.get_by_role("combobox", name="Поиск по порталу")
    box.fill("Как найти деньги на ремонт двора школы?")
    with page.expect_navigation():
        box.press("Enter")
    note = page.locator("[data-partial-match]")
    assert "Найдено по части слов" in note.inner_text()
    expect(page.get_by_role("link", name="Нет денег на ремонт школьного двора")).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert violations(page) == []
