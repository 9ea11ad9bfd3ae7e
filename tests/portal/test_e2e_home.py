"""The home page in a real browser: services, the low-vision switch, CSP, small screens."""

import pytest
from playwright.sync_api import expect

from portal.registry import ordered, services
from tests.portal.page_helpers import add_event, add_news, home_with_indexes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_pages():
    home, news_index, events_index = home_with_indexes()
    add_news(news_index, 1)
    add_event(events_index, 1, days_from_now=3)
    return home


def _csp_errors(page):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def test_home_page_shows_the_five_services_without_csp_violations(page, site_pages):
    errors = _csp_errors(page)
    page.goto("/")
    tiles = page.locator(".service-tile__title")
    assert tiles.all_inner_texts() == [service.title for service in ordered(services)]
    page.locator(".service-tile", has_text="Муниципальный навигатор").click()
    page.wait_for_url("**/navigator/")
    assert errors == []


def test_low_vision_switch_applies_persists_and_toggles_back(page, site_pages, tmp_path):
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto("/")
    page.get_by_role("button", name="Версия для слабовидящих").click()
    page.wait_for_load_state()
    assert "low-vision" in (page.locator("html").get_attribute("class") or "")
    expect(page.locator(".news-card").first).to_be_visible()

    page.get_by_role("link", name="Все новости").click()
    page.wait_for_url("**/news/")
    assert "low-vision" in (page.locator("html").get_attribute("class") or "")
    font_size = page.evaluate("getComputedStyle(document.body).fontSize")
    assert float(font_size.removesuffix("px")) >= 22
    page.screenshot(path=tmp_path / "news-low-vision-360.png", full_page=True)
    assert _horizontal_overflow(page) <= 0

    page.get_by_role("button", name="Обычная версия").click()
    page.wait_for_url("**/news/")
    assert "low-vision" not in (page.locator("html").get_attribute("class") or "")


def test_keyboard_users_reach_the_content_through_the_skip_link(page, site_pages):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти к содержанию")
    assert skip.evaluate("element => element === document.activeElement")
    expect(skip).to_be_visible()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"


@pytest.mark.parametrize("width", [360, 1280])
def test_home_page_fits_the_screen_without_horizontal_scrolling(page, site_pages, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    page.screenshot(path=tmp_path / f"home-{width}.png", full_page=True)
    assert _horizontal_overflow(page) <= 0


def _horizontal_overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
