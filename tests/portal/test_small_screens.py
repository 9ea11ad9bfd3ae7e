"""At 390 px (a phone) no page scrolls sideways, in the normal and the visually-impaired mode,
and the navigator's results start near the top with the filter folded behind its summary."""

import pytest

from tests.site_pages import PAGES, build_site, low_vision, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def page_widths(browser, base_url, data, *, user=None, visually_impaired=False):
    context = browser.new_context(base_url=base_url, locale="ru-RU", viewport=PHONE)
    if user:
        sign_in(context, base_url, user)
    if visually_impaired:
        low_vision(context, base_url)
    tab = context.new_page()
    widths = {}
    for site_page in PAGES:
        tab.goto(site_page.url(data))
        widths[site_page.name] = tab.evaluate("document.scrollingElement.scrollWidth")
    context.close()
    return widths


@pytest.mark.parametrize("visually_impaired", [False, True], ids=["normal", "visually-impaired"])
@pytest.mark.parametrize("role", ["guest", "employee"])
def test_no_page_scrolls_sideways_at_390_px(browser, live_server, role, visually_impaired):
    data = build_site()
    user = data.employee if role == "employee" else None
    widths = page_widths(
        browser, live_server.url, data, user=user, visually_impaired=visually_impaired
    )
    assert {name: width for name, width in widths.items() if width > PHONE["width"]} == {}
    assert len(widths) == len(PAGES)


def test_navigator_results_start_near_the_top_on_a_phone(browser, live_server):
    build_site()
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport=PHONE)
    tab = context.new_page()
    tab.goto("/navigator/")
    results_top = tab.locator("#navigator-results").bounding_box()["y"]
    filter_open = tab.locator("[data-filter-panel]").evaluate("panel => panel.open")
    tab.locator("[data-filter-panel] > summary").click()
    opened = tab.locator("[data-filter-panel]").evaluate("panel => panel.open")
    context.close()
    assert results_top < PHONE["height"]
    assert (filter_open, opened) == (False, True)


def test_service_card_titles_fit_their_cards_in_the_visually_impaired_mode(browser, live_server):
    build_site()
    for width in (1280, 1024, 390):
        context = browser.new_context(
            base_url=live_server.url, locale="ru-RU", viewport={"width": width, "height": 900}
        )
        low_vision(context, live_server.url)
        tab = context.new_page()
        tab.goto("/")
        overflowing = tab.locator(".service-tile, .service-tile__title").evaluate_all(
            "cards => cards.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)"
        )
        cards = tab.locator(".service-tile").count()
        context.close()
        assert (width, overflowing) == (width, [])
        assert cards >= 3
