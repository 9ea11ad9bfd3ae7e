"""The navigator's filter with a keyboard: nothing reloads while moving through it; the button
applies it in place, focus stays and the count is announced; a skip link leads to the results."""

import pytest
from playwright.sync_api import expect

from tests.factories import RegionFactory
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def measures():
    north, south = RegionFactory(name="Северная область"), RegionFactory(name="Южная область")
    SupportMeasureFactory(title="Субсидия на ремонт дорог", kind="subsidy", regions=[north])
    SupportMeasureFactory(title="Грант на скверы", kind="grant", regions=[south])
    SupportMeasureFactory(title="Субсидия на освещение", kind="subsidy", regions=[south])
    return north, south


def test_space_and_arrows_change_the_filter_without_reloading(page, measures):
    page.goto("/navigator/")
    loads = []
    page.on("load", lambda: loads.append(page.url))
    subsidy = page.locator("input[name=kind][value=subsidy]")
    subsidy.focus()
    page.keyboard.press("Space")
    region = page.get_by_label("Регион")
    region.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert loads == []
    assert subsidy.is_checked()
    assert page.evaluate("document.activeElement.id") == "id_region"
    expect(page.locator("#navigator-results-title")).to_have_text("Найдено: 3")


def test_the_button_applies_in_place_keeps_focus_and_announces_the_count(page, measures):
    page.goto("/navigator/")
    loads = []
    page.on("load", lambda: loads.append(page.url))
    page.locator("input[name=kind][value=subsidy]").check()
    apply = page.get_by_role("button", name="Показать")
    apply.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-navigator-status]")).to_have_text("Найдено: 2")
    expect(page.locator("#navigator-results-title")).to_have_text("Найдено: 2")
    expect(page.get_by_role("link", name="Грант на скверы")).to_have_count(0)
    assert page.evaluate("document.activeElement.id") == "navigator-filter-apply"
    assert "kind=subsidy" in page.url
    assert loads == []


def test_the_filter_works_without_javascript(browser, live_server, measures):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/navigator/")
    tab.locator("input[name=kind][value=grant]").check()
    tab.get_by_role("button", name="Показать").click()
    expect(tab.locator("#navigator-results-title")).to_have_text("Найдено: 1")
    context.close()


def test_a_skip_link_leads_past_the_filter_to_the_results(page, measures):
    page.goto("/navigator/")
    skip = page.get_by_role("link", name="К результатам")
    skip.focus()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "navigator-results"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#navigator-results') !== null")
    assert focused


def test_search_landmarks_have_different_names(page, measures):
    page.goto("/navigator/")
    names = page.locator("[role=search]").evaluate_all(
        "forms => forms.map(f => f.getAttribute('aria-label'))"
    )
    assert names == ["Поиск по порталу", "Фильтр мер поддержки"]
