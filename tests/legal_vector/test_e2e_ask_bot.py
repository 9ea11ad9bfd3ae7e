"""The bot in a real browser: a question in the user's own words gets the operative rule —
the list item with its lead-in — and the answer stays at a URL that can be shared."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.legal_vector.bot_fixtures import load_bot_base

QUESTION = "Можно ли чиновнику взять подарок от жителя?"


@pytest.mark.django_db(transaction=True)
def test_a_paraphrased_question_gets_the_item_with_its_lead_in(page, live_server):
    load_bot_base()

    page.goto("/legal/ask/")
    page.get_by_label("Ваш вопрос").fill(QUESTION)
    page.get_by_role("button", name="Спросить", exact=True).click()

    answer = page.locator(".legal-answer")
    first = answer.locator(".legal-quotes li").first
    # The first question of a process loads the word vectors: allow it time.
    expect(first.locator(".legal-quote-label")).to_have_text("п. 3 ч. 1 ст. 14", timeout=60_000)
    expect(first.locator("blockquote")).to_contain_text(
        "Муниципальному служащему запрещено: … 3) получать в связи с исполнением"
    )
    expect(first.locator("blockquote")).to_contain_text("(подарки")
    expect(page).to_have_url(re.compile(r"/legal/ask/\?q="))

    # The shared link opens the same answer without JavaScript's help.
    page.goto(f"/legal/ask/?q={quote(QUESTION)}")
    expect(page.locator(".legal-quotes li").first.locator(".legal-quote-label")).to_have_text(
        "п. 3 ч. 1 ст. 14"
    )
    expect(page.get_by_role("link", name="Постоянная ссылка на этот ответ")).to_be_visible()
