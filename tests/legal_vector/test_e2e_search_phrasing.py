"""The legal search in a real browser: a query with more words than any unit holds shows the
ranked partial match and says so; a court case number opens the court act."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.legal_vector.legal_search_fixtures import load_base

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = "/tmp/legal_e2e"


def test_a_partial_match_is_labelled_and_lists_the_closest_unit_first(page, municipality):
    load_base(municipality.region)
    page.goto("/legal/search/")
    page.get_by_label("Запрос или реквизиты").fill("Кто избирает главу сроком на пять лет?")
    page.locator("#main").get_by_role("button", name="Найти").click()
    label = page.locator("[data-partial-match]")
    expect(label).to_be_visible()
    expect(label).to_contain_text("Найдено по части слов.")
    expect(page.locator(".legal-hit h3 a").first).to_contain_text("ч. 2 ст. 36")
    page.screenshot(path=f"{SCREENSHOTS}/partial_match.png", full_page=True)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert [v["id"] for v in results.response["violations"]] == []


def test_an_exact_match_carries_no_partial_label(page, municipality):
    load_base(municipality.region)
    page.goto("/legal/search/?q=публичные+слушания")
    expect(page.locator(".legal-hit").first).to_be_visible()
    expect(page.locator("[data-partial-match]")).to_have_count(0)
