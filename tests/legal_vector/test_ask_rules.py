# ruff: noqa: F811 — fixtures imported from bot_fixtures are redefined as arguments.
"""What the bot quotes: the operative rule with its lead-in, never a lead-in or a template's
fill-in line alone; stored answers only for the question they answer; «не уверен» and «в базе
нет акта об этом» when the base does not answer; paraphrases in the user's own words."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from legal_vector.bot.answering import NOTHING_ANSWER, UNSURE_ANSWER, answer_question
from tests.legal_vector.bot_fixtures import bot_base  # noqa: F401

API = reverse("legal_vector:ask_api")
PAGE = reverse("legal_vector:ask")


def ask(question):
    return answer_question(question, log=False)


def test_a_list_item_is_quoted_with_its_lead_in(bot_base):
    answer = ask("Может ли муниципальный служащий принять подарок от жителя?")

    top = answer.citations[0]
    assert top.stable_key == "st14/ch1/p3"
    assert top.label == "п. 3 ч. 1 ст. 14"
    assert top.quote.startswith("Муниципальному служащему запрещено: … 3) получать")
    assert "(подарки" in top.quote


@pytest.mark.parametrize(
    "question",
    [
        "Что запрещено муниципальному служащему?",
        "Какие вопросы местного значения у городского поселения?",
        "Что в исключительной компетенции представительного органа?",
    ],
)
def test_a_lead_in_is_never_quoted_alone(bot_base, question):
    answer = ask(question)

    assert answer.citations
    for citation in answer.citations:
        assert not citation.quote.rstrip().endswith(":"), citation.quote
        if ":" in citation.quote:
            assert "1)" in citation.quote or "…" in citation.quote


def test_a_template_with_fill_in_gaps_is_not_quoted_as_a_rule(bot_base):
    answer = ask("На какую дату назначить публичные слушания по проекту?")

    assert answer.citations
    assert all("[" not in citation.quote for citation in answer.citations)
    assert answer.citations[0].stable_key.startswith("st28")


def test_a_bare_keyword_gets_no_stored_answer_to_a_question_nobody_asked(bot_base):
    keyword = ask("публичные слушания")
    question = ask("Нужно ли публиковать результаты публичных слушаний?")

    assert keyword.route == "text"
    assert keyword.answer != question.answer
    assert question.route == "qa"
    assert question.citations[0].stable_key == "st28/ch2"


def test_a_rule_for_another_kind_of_municipality_is_quoted_as_unsure(bot_base):
    answer = ask("Кто утверждает правила благоустройства территории городского округа?")

    assert answer.citations[0].stable_key == "st14/ch1/p11"
    assert "правил благоустройства" in answer.citations[0].quote
    assert answer.is_unsure and answer.escalate
    assert answer.answer == UNSURE_ANSWER


def test_the_same_rule_for_its_own_municipality_is_answered_without_doubt(bot_base):
    answer = ask("Кто утверждает правила благоустройства территории поселения?")

    assert answer.citations[0].stable_key == "st14/ch1/p11"
    assert not answer.is_unsure and not answer.escalate


@pytest.mark.parametrize(
    "question", ["Как перевозить собаку в самолете?", "Какие прививки нужны для детского сада?"]
)
def test_a_topic_no_act_covers_gets_an_honest_no(bot_base, question):
    answer = ask(question)

    assert answer.route == "none"
    assert answer.answer == NOTHING_ANSWER
    assert answer.answer.startswith("В базе нет акта об этом")
    assert answer.citations == [] and answer.escalate


def test_the_users_word_duma_finds_the_representative_body(bot_base):
    answer = ask("Дума утверждает местный бюджет?")

    assert answer.citations[0].stable_key == "st35/ch10/p2"
    assert answer.citations[0].quote.startswith("В исключительной компетенции")


def test_giving_premises_for_free_finds_gratuitous_use(bot_base):
    answer = ask("Можно ли бесплатно отдать помещение некоммерческой организации?")

    assert answer.citations[0].stable_key == "st17/ch1"
    assert "безвозмездное пользование" in answer.citations[0].quote


def test_the_answer_page_is_a_shareable_get_url(client, bot_base):
    question = "Может ли муниципальный служащий принять подарок от жителя?"
    response = client.get(PAGE, {"q": question})
    html = response.content.decode()

    assert response.status_code == 200
    assert "п. 3 ч. 1 ст. 14" in html
    assert "Муниципальному служащему запрещено: … 3) получать" in html
    assert f'href="{PAGE}?q={quote(question)}"' in html
    assert "Постоянная ссылка на этот ответ" in html


def test_an_unsure_answer_offers_a_lawyer_on_the_page(client, employee, bot_base):
    client.force_login(employee)
    html = client.get(
        PAGE, {"q": "Кто утверждает правила благоустройства территории городского округа?"}
    ).content.decode()

    assert "Не уверен" in html
    assert "Бот не уверен в ответе" in html
    assert reverse("legal_vector:consultation_new") in html


def test_the_api_keeps_its_shape_and_names_the_route(client, bot_base):
    data = client.get(API, {"q": "Может ли муниципальный служащий принять подарок от жителя?"})
    data = data.json()

    assert {"answer", "confidence", "escalate", "citations"} <= set(data)
    assert data["route"] in {"text", "qa", "citation", "none"}
    citation = data["citations"][0]
    assert {"document_title", "label", "stable_key", "citation", "quote", "url"} <= set(citation)
    assert citation["stable_key"] == "st14/ch1/p3"


def test_an_ask_runs_a_bounded_number_of_queries(client, bot_base, django_assert_max_num_queries):
    # With the ranked units read by primary key after the ranking statement.
    with django_assert_max_num_queries(10):
        client.get(API, {"q": "Что запрещено муниципальному служащему получать от граждан?"})
