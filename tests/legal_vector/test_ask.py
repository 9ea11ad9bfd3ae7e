# ruff: noqa: F811 — fixtures imported from legal_search_fixtures are redefined as arguments.
import pytest
from django.urls import reverse

from legal_vector.bot.answering import RETRIEVAL_WORDS, answer_question, retrieval_query
from legal_vector.bot.rules import quote_of
from legal_vector.models import QACitation, QAItem
from portal.models import SearchLog
from portal.text import plain_text
from tests.legal_vector.legal_search_fixtures import legal_base  # noqa: F401

API = reverse("legal_vector:ask_api")
PAGE = reverse("legal_vector:ask")
CITATION_KEYS = {"document_id", "document_title", "stable_key", "label", "citation", "quote", "url"}


@pytest.fixture
def qa_item(legal_base):
    item = QAItem.objects.create(
        question="В какой срок нужно ответить на письменное обращение гражданина?",
        answer="В течение 30 дней со дня регистрации обращения; срок можно продлить.",
    )
    QACitation.objects.create(item=item, document=legal_base["59-ФЗ"], stable_key="st12/ch1")
    return item


def test_the_api_returns_exactly_the_documented_shape(client, legal_base):
    data = client.get(API, {"q": "кто такой глава муниципального образования"}).json()
    assert set(data) == {"answer", "confidence", "escalate", "route", "citations"}
    assert 1 <= len(data["citations"]) <= 3
    assert set(data["citations"][0]) == CITATION_KEYS
    assert isinstance(data["escalate"], bool)


def test_a_citation_goes_straight_to_the_unit(legal_base):
    answer = answer_question("что говорит ч. 2 ст. 36 131-ФЗ")
    assert answer.route == "citation"
    citation = answer.citations[0]
    assert citation.stable_key == "st36/ch2"
    assert citation.citation.startswith("ч. 2 ст. 36 Федерального закона от 06.10.2003")
    assert "конкурсной комиссией" in citation.quote


def test_a_strong_qa_match_gives_the_stored_answer(qa_item):
    answer = answer_question("в какой срок отвечать на письменное обращение гражданина")
    assert answer.route == "qa"
    assert answer.answer == qa_item.answer
    assert answer.citations[0].stable_key == "st12/ch1"
    assert answer.confidence >= 0.7


def test_unpublished_qa_items_are_not_used(qa_item):
    QAItem.objects.filter(pk=qa_item.pk).update(is_published=False)
    answer = answer_question("в какой срок отвечать на письменное обращение гражданина")
    assert answer.route == "text"
    assert answer.citations[0].stable_key.startswith("st12")


def test_otherwise_the_most_relevant_units_in_force_are_quoted(legal_base):
    answer = answer_question("как избирается глава муниципального образования")
    assert answer.route == "text"
    assert answer.citations[0].stable_key == "st36/ch2"
    assert all(c.document_id != legal_base["15-ОЗ"].pk for c in answer.citations)


def test_quotes_are_exact_text_of_the_unit(legal_base):
    answer = answer_question("публичные слушания проект устава")
    unit = answer.units[0]
    assert answer.citations[0].quote == quote_of(unit.text)
    assert answer.citations[0].quote in unit.text or answer.citations[0].quote.endswith("…")


def test_long_quotes_are_cut_at_a_sentence_and_marked():
    text = "Первое предложение нормы. " * 40
    quote = quote_of(text)
    assert len(quote) < len(text)
    assert quote.endswith("…")
    assert quote[:-2].endswith(".")


@pytest.mark.parametrize(
    "question",
    ["Прокуратура внесла представление главе, что делать?", "Нас оштрафовали, как оспорить штраф",
     "Можно ли обжаловать в суде решение о публичных слушаниях"],
)  # fmt: skip
def test_disputes_courts_and_fines_are_escalated_to_a_lawyer(legal_base, question):
    assert answer_question(question).escalate


def test_a_question_with_nothing_in_the_base_is_escalated_honestly(legal_base):
    answer = answer_question("квантовая телепортация котов")
    assert answer.escalate
    assert answer.citations == []
    assert answer.confidence == 0


def test_the_api_rejects_an_empty_question(client, db):
    response = client.get(API, {"q": "  "})
    assert response.status_code == 400
    assert "вопрос" in response.json()["error"].lower()


def test_bot_questions_are_logged(client, legal_base):
    client.get(API, {"q": "глава муниципального образования"})
    log = SearchLog.objects.get()
    assert log.source == "ask"
    assert log.result_count >= 1


def test_the_page_works_as_a_plain_form_for_guests(client, legal_base):
    response = client.get(PAGE, {"q": "как избирается глава муниципального образования"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ч. 2 ст. 36 Федерального закона" in html
    assert "Войдите" in html
    assert 'src="/static/js/legal_ask.js"' in html


def test_signed_in_users_get_the_ask_a_lawyer_button(client, employee, legal_base):
    client.force_login(employee)
    html = client.get(PAGE, {"q": "штраф за благоустройство"}).content.decode()
    assert reverse("legal_vector:consultation_new") in html


def test_the_api_runs_a_bounded_number_of_queries(
    client,
    qa_item,
    django_assert_max_num_queries,
):
    # Each with the search postings' state (one statement; not built here) and the ranked
    # units read by primary key after the ranking statement.
    with django_assert_max_num_queries(10):
        client.get(API, {"q": "как избирается глава муниципального образования"})
    with django_assert_max_num_queries(10):
        client.get(API, {"q": "в какой срок отвечать на письменное обращение гражданина"})


def test_unverified_users_are_told_who_may_ask_a_lawyer(client, unverified_user, legal_base):
    client.force_login(unverified_user)
    html = client.get(PAGE, {"q": "штраф за благоустройство"}).content.decode()
    assert "могут подтверждённые муниципальные служащие" in html
    assert f'action="{reverse("legal_vector:consultation_new")}"' not in html


def test_a_question_with_ampersands_and_angle_brackets_is_kept_as_typed(client, legal_base):
    question = 'ООО "Рога & Копыта" просит субсидию < 600 тыс. руб. и > 5 лет: 5<7'
    html = client.get(PAGE, {"q": question}).content.decode()
    assert SearchLog.objects.get().query == question
    assert "Рога &amp; Копыта" in html and "&lt; 600" in html and "5&lt;7" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html
    assert "Рога & Копыта" not in html


def test_markup_in_a_bot_question_is_stripped_but_not_entity_encoded(client, legal_base):
    client.get(API, {"q": "<b>Глава</b> & <i>муниципального</i> образования<script>x</script>"})
    assert SearchLog.objects.get().query == "Глава & муниципального образования"


LONG_QUESTION = (
    "Как избирается глава муниципального образования, если уставом предусмотрено несколько "
    "вариантов? " + "Поясню подробнее обстоятельства нашего поселения и его истории. " * 14
)


def test_real_questions_up_to_a_thousand_characters_are_accepted(client, legal_base):
    assert 800 < len(LONG_QUESTION) <= 1000
    response = client.get(API, {"q": LONG_QUESTION})
    assert response.status_code == 200
    assert response.json()["citations"][0]["stable_key"] == "st36/ch2"
    too_long = client.get(API, {"q": "а" * 1001})
    assert too_long.status_code == 400
    assert "не больше 1000 символов" in too_long.json()["error"]


def test_retrieval_reads_only_the_first_significant_words_of_a_long_question(legal_base):
    query = retrieval_query(LONG_QUESTION)
    assert len(query.split()) <= RETRIEVAL_WORDS < len(LONG_QUESTION.split())
    # Function words («как», «если», «и») are dropped before the cut.
    assert query.startswith("избирается глава муниципального образования, уставом")
    assert " и " not in query
    answer = answer_question(LONG_QUESTION + " Нас оштрафовали.", log=False)
    assert answer.question == " ".join(LONG_QUESTION.split()) + " Нас оштрафовали."
    assert answer.escalate


def test_a_long_question_runs_a_bounded_number_of_queries(
    client, legal_base, django_assert_max_num_queries
):
    words = " ".join(f"слово{n} бюджет поселения глава" for n in range(45))[:1000]
    # Ten with the search postings' state (not built here: the tiers then read the GIN index)
    # and the ranked units read by primary key after the ranking statement.
    with django_assert_max_num_queries(10):
        response = client.get(API, {"q": words})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ('ООО "Рога & Копыта" < 600', 'ООО "Рога & Копыта" < 600'),
        ("если a<b, то c>d; &amp; как есть", "если a<b, то c>d; &amp; как есть"),
        ("цена <600 руб. и срок<30 дней", "цена <600 руб. и срок<30 дней"),
        ('<p class="x">Текст</p><br/><!-- заметка -->', "Текст"),
        ("До<script>alert(1)</script> после<style>p{}</style>", "До после"),
        ("<img src=x onerror=alert(1)>Вопрос", "Вопрос"),
    ],
)
def test_plain_text_removes_tags_and_keeps_everything_else_as_typed(typed, stored):
    assert plain_text(typed) == stored
