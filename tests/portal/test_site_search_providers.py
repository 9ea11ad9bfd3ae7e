"""Every service's provider on /search/: what it finds, the link into its own search, and
that nothing unpublished, hidden or private leaks into the shared results."""

import datetime

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from dialog.models import ProblemStatus
from portal import registry
from portal.models import SearchLog
from portal.search import synonym_table
from tests.academy.factories import make_course
from tests.dialog.factories import problem_in
from tests.legal_vector.conftest import SAMPLE_LAW, import_sample
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("site_search"), {"q": query, **params})


def group(response, key):
    return next(g for g in response.context["groups"] if g.key == key)


def titles(response, key):
    return [item.title for item in group(response, key).items]


def test_every_service_has_a_tab_with_a_label(client):
    response = search(client, "дворы")
    tabs = [(tab["key"], tab["title"]) for tab in response.context["tabs"]]
    assert tabs == [
        ("all", "Все"),
        ("legal", "Правовой вектор"),
        ("navigator", "Навигатор"),
        ("practices", "Практики"),
        ("academy", "Академия"),
        ("dialog", "Диалог"),
        ("pages", "Новости и страницы"),
    ]


# --- Правовой вектор ----------------------------------------------------------------------


@pytest.fixture
def law(db):
    return import_sample(edition_date=datetime.date(2020, 1, 1)).document


def test_legal_units_are_found_with_marked_snippets_and_a_link_to_legal_search(client, law):
    response = search(client, "местного значения")
    legal = group(response, "legal")
    assert legal.total >= 2
    assert any("ст. 14" in title for title in titles(response, "legal"))
    assert any("<mark>" in str(item.snippet) for item in legal.items)
    assert legal.more_url == "/legal/search/?" + urlencode({"q": "местного значения"})


def test_a_legal_tab_pages_through_units(client, law):
    response = search(client, "местного", **{"in": "legal"})
    assert response.context["current"].key == "legal"
    assert len(response.context["current"].items) <= 10
    assert "Правовой вектор" in response.content.decode()


def test_a_bare_citation_jumps_to_the_cited_unit(client, law):
    response = search(client, "ст. 14 131-ФЗ")
    assert response.status_code == 302
    assert response["Location"] == reverse("legal_vector:unit", args=[law.pk, "st14"])
    assert SearchLog.objects.filter(query="ст. 14 131-ФЗ", result_count=1).count() == 1


def test_a_document_number_jumps_to_the_document(client, law):
    response = search(client, "131-ФЗ")
    assert response["Location"] == law.get_absolute_url()


def test_a_missing_article_shows_the_document_as_a_card_with_a_note(client, law):
    response = search(client, "ст. 999 131-ФЗ")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Найдено по реквизитам" in html
    assert "Норма «ст. 999» в документе не найдена" in html
    assert f'href="{law.get_absolute_url()}"' in html


def test_a_mistyped_word_is_corrected_from_the_legal_vocabulary(client, law):
    html = search(client, "праекта бюджета").content.decode()
    assert "Возможно, вы искали:" in html
    assert "проекта бюджета" in html


def test_units_of_replaced_editions_are_not_found(client, law, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        import_sample(
            SAMPLE_LAW.replace("Второй абзац второй части.", "Иной текст."),
            edition_date=datetime.date(2025, 1, 1),
        )
    response = search(client, "второй абзац", exact="0")
    assert group(response, "legal").total == 0


def test_the_site_search_logs_one_query_in_the_portal_search_log(client, law):
    search(client, "бюджета поселения")
    search(client, "бюджета поселения", **{"in": "legal", "page": "2"})
    logged = list(SearchLog.objects.values_list("service", "query"))
    assert logged == [("portal", "бюджета поселения")]


# --- Навигатор ----------------------------------------------------------------------------


def test_published_measures_are_found_and_drafts_are_not(client):
    SupportMeasureFactory(
        title="Субсидия на благоустройство дворов", summary="Благоустройство дворов за год"
    )
    SupportMeasureFactory(title="Грант на благоустройство парков", live=False)
    response = search(client, "благоустройства")
    assert titles(response, "navigator") == ["Субсидия на благоустройство дворов"]
    assert "<mark>" in str(group(response, "navigator").items[0].snippet)
    assert group(response, "navigator").more_url.startswith("/navigator/?q=")


def test_a_script_in_a_measure_title_is_escaped(client):
    SupportMeasureFactory(title="<script>alert(1)</script> Грант на дворы")
    html = search(client, "грант").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Грант на дворы" in html


# --- Практики -----------------------------------------------------------------------------


def test_published_practices_are_found_without_contacts_drafts_or_hidden_ones(client):
    PracticeFactory(
        title="Раздельный сбор отходов",
        problem="Все отходы шли на полигон.",
        contact_email="secret@example.ru",
    )
    PracticeFactory(title="Черновик про отходы", live=False)
    PracticeFactory(title="Скрытая практика про отходы", is_hidden=True)
    response = search(client, "отходы")
    html = response.content.decode()
    assert titles(response, "practices") == ["Раздельный сбор отходов"]
    assert "secret@example.ru" not in html
    assert "<mark>отходы</mark>" in html
    assert group(response, "practices").more_url.startswith("/practices/?q=")


def test_practices_report_the_total_beyond_the_shown_items(django_assert_max_num_queries):
    for number in range(7):
        PracticeFactory(title=f"Отходы: практика {number}")
    provider = registry.search_providers["practices"]
    synonym_table()  # cached for every search; read once per process
    with django_assert_max_num_queries(2):
        found = provider.search("отходы", None, 5)
    assert (len(found.items), found.total) == (5, 7)


# --- Академия -----------------------------------------------------------------------------


def test_live_courses_are_found_and_unpublished_ones_are_not(client):
    make_course(title="Анализ данных для муниципалитета")
    hidden = make_course(title="Анализ данных: черновик курса")
    hidden.unpublish()
    response = search(client, "анализ данных")
    assert titles(response, "academy") == ["Анализ данных для муниципалитета"]
    assert group(response, "academy").more_url.startswith("/academy/?q=")


# --- Диалог -------------------------------------------------------------------------------


def test_public_problems_are_found_and_drafts_moderation_and_hidden_are_not(client):
    problem_in(ProblemStatus.PUBLISHED, title="Бесхозяйные сети водоснабжения")
    problem_in(ProblemStatus.DRAFT, title="Черновик про сети")
    problem_in(ProblemStatus.MODERATION, title="На модерации про сети")
    problem_in(ProblemStatus.REJECTED, title="Отклонённая про сети")
    problem_in(ProblemStatus.PUBLISHED, title="Скрытая про сети", is_hidden=True)
    response = search(client, "сети")
    assert titles(response, "dialog") == ["Бесхозяйные сети водоснабжения"]
    assert group(response, "dialog").more_url.startswith("/dialog/?q=")


# --- Новости и страницы -------------------------------------------------------------------


def test_news_and_events_are_found_and_drafts_are_not():
    from tests.portal.page_helpers import add_event, add_news, add_standard, home_with_indexes

    home, news_index, events_index = home_with_indexes()
    add_news(news_index, 1, lead="Субсидии на благоустройство дворов")
    add_event(events_index, 1, days_from_now=3, lead="Вебинар про субсидии")
    add_standard(home, "help", "Помощь")
    add_news(news_index, 2, draft=True, lead="Черновик про субсидии")
    found = registry.search_providers["pages"].search("субсидии", None, 5)
    assert found.total == 2
    assert {item.kind for item in found.items} == {"Новость", "Мероприятие"}
    assert {item.url for item in found.items} == {"/news/news-1/", "/events/event-1/"}
    assert any("<mark>" in str(item.snippet) for item in found.items)


def test_news_are_found_by_any_form_of_a_word():
    from tests.portal.page_helpers import add_news, home_with_indexes

    _, news_index, _ = home_with_indexes()
    add_news(news_index, 1, lead="Гранты на благоустройство дворов")
    found = registry.search_providers["pages"].search("грант", None, 5)
    assert [item.url for item in found.items] == ["/news/news-1/"]


def test_the_pages_provider_runs_a_bounded_number_of_queries(django_assert_max_num_queries):
    from tests.portal.page_helpers import add_news, home_with_indexes

    _, news_index, _ = home_with_indexes()
    for number in range(8):
        add_news(news_index, number, lead="Новость про гранты")
    with django_assert_max_num_queries(8):
        found = registry.search_providers["pages"].search("гранты", None, 5)
    assert (len(found.items), found.total) == (5, 8)


# --- the whole page -----------------------------------------------------------------------


def fill(count):
    for number in range(count):
        SupportMeasureFactory(title=f"Субсидия на дворы {number}")
        PracticeFactory(title=f"Дворы: практика {number}")
        problem_in(ProblemStatus.PUBLISHED, title=f"Разбитые дворы {number}")


@pytest.mark.parametrize("tab", ["all", "practices"])
def test_the_page_runs_the_same_bounded_queries_for_few_and_many_results(
    client, law, tab, settings, django_assert_max_num_queries
):
    settings.SEARCH_CACHE_SECONDS = 0
    fill(2)
    with django_assert_max_num_queries(17):
        first = search(client, "дворы", **{"in": tab})
    fill(12)
    with django_assert_max_num_queries(17):
        second = search(client, "дворы", **{"in": tab})
    assert first.status_code == second.status_code == 200
    assert (group(first, "practices").total, group(second, "practices").total) == (2, 14)
