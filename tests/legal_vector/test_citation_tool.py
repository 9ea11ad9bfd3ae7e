"""A legal act has one citation tool, not a control per unit; the bot's confidence reads the same
with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.legal_vector.conftest import import_sample

pytestmark = pytest.mark.django_db(transaction=True)


def tab_stops_in_text(tab):
    """Tab through the page and count the stops inside the act's text."""
    inside, seen = 0, set()
    for _ in range(400):
        tab.keyboard.press("Tab")
        where = tab.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.outerHTML.slice(0, 120), !!e.closest('.legal-text'),"
            " !!e.closest('footer')]; })()"
        )
        if where[2] or where[0] in seen:
            break
        seen.add(where[0])
        inside += where[1]
    return inside


def test_the_act_text_has_one_citation_tool_instead_of_a_control_per_unit(page):
    law = import_sample().document
    page.goto(law.get_absolute_url())
    units = page.locator(".legal-unit[data-label]").count()
    assert units > 10
    expect(page.get_by_role("group", name="Цитирование")).to_have_count(1)
    assert tab_stops_in_text(page) < 10


def test_the_tool_cites_the_selected_unit_and_opens_the_addressed_one(page):
    law = import_sample().document
    page.goto(law.get_absolute_url())
    label = page.locator("#st14\\/ch1").get_attribute("data-label")
    page.locator("#st14\\/ch1 p").first.evaluate(
        "p => { const r = document.createRange(); r.selectNodeContents(p);"
        " getSelection().removeAllRanges(); getSelection().addRange(r); }"
    )
    page.get_by_role("button", name="Скопировать цитату").click()
    expect(page.locator(".legal-citation-tool__status")).to_have_text(f"Скопировано: {label}")

    page.goto(law.get_absolute_url() + "#st36/ch2")
    page.get_by_role("button", name="Ссылка и цитата").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Цитата")).to_have_value(re.compile(r"^ч\. 2 ст\. 36 "))


def test_the_bots_confidence_is_written_the_same_with_and_without_javascript(browser, live_server):
    import_sample()
    shown = []
    for javascript in (False, True):
        context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        tab = context.new_page()
        tab.goto("/legal/ask/")
        tab.get_by_label("Ваш вопрос").fill("Как избирается глава муниципального образования?")
        tab.get_by_role("button", name="Спросить").click()
        confidence = tab.locator("#legal-ask-answer p.meta", has_text="Уверенность")
        expect(confidence).to_have_count(1)
        shown.append(confidence.text_content())
        context.close()
    assert shown[0] == shown[1]
    assert re.fullmatch(r"Уверенность: \d,\d\d", shown[0])
