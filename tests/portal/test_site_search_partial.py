"""/search/ when no row holds every word of a question in the user's own words: each service
is asked for rows holding part of the meaningful words («найдено по части слов»), only after
every word and the typo correction found nothing anywhere."""

import pytest
from django.urls import reverse

from dialog.models import ProblemStatus
from portal import registry, site_search
from portal.registry import SearchItem, SearchResults
from tests.academy.factories import make_course
from tests.dialog.factories import problem_in
from tests.legal_vector.conftest import import_sample
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
PARTIAL_NOTE = "Найдено по части слов."


def nothing(query, user, limit, offset=0):
    return SearchResults([], 0)


def part(query, limit, offset=0):
    items = [SearchItem(f"Часть слов «{query}» №{n}", f"/practices/{n}/") for n in range(1, 15)]
    return SearchResults(items[offset : offset + limit], len(items))


@pytest.fixture
def fakes(monkeypatch, settings):
    settings.SEARCH_CACHE_SECONDS = 0
    logged = []
    providers = {
        "fake": registry.SearchProvider(
            key="fake",
            title="Раздел с частью слов",
            tab="Часть",
            search=nothing,
            search_part=part,
            order=1,
        ),
        "plain": registry.SearchProvider(key="plain", title="Раздел без неё", search=nothing),
    }
    monkeypatch.setattr(site_search, "search_providers", providers)
    monkeypatch.setattr(
        site_search.SearchLog,
        "record",
        lambda query, source, count, user, **kwargs: logged.append((query, count)),
    )
    return providers, logged


def page(client, query, **params):
    return client.get(reverse("site_search"), {"q": query, **params})


def test_a_question_nobody_matches_word_for_word_shows_rows_with_part_of_its_words(client, fakes):
    _, logged = fakes
    response = page(client, "кто утверждает правила благоустройства")
    html = response.content.decode()
    assert PARTIAL_NOTE in html
    assert "Часть слов «кто утверждает правила благоустройства» №1" in html
    groups = {group.key: group for group in response.context["groups"]}
    assert (groups["fake"].total, groups["fake"].partial) == (14, True)
    assert groups["plain"].total == 0  # a provider that cannot match part of the words
    # the log counts what was shown: the query did not end in nothing
    assert logged == [("кто утверждает правила благоустройства", 14)]


def test_the_partial_match_is_not_asked_when_some_service_has_every_word(
    client, fakes, monkeypatch
):
    providers, _ = fakes

    def asked(query, limit, offset=0):
        raise AssertionError("the partial match must not be asked")

    def found(query, user, limit, offset=0):
        return SearchResults([SearchItem("Всё слово в слово", "/practices/1/")], 1)

    monkeypatch.setitem(
        providers,
        "fake",
        registry.SearchProvider(key="fake", title="Т", search=nothing, search_part=asked, order=1),
    )
    monkeypatch.setitem(
        providers, "plain", registry.SearchProvider(key="plain", title="П", search=found, order=2)
    )
    html = page(client, "правила благоустройства").content.decode()
    assert "Всё слово в слово" in html and PARTIAL_NOTE not in html


def test_a_typo_correction_that_finds_something_wins_over_part_of_the_words(
    client, fakes, monkeypatch
):
    def corrected_only(query, user, limit, offset=0):
        if query != "проект":
            return SearchResults([], 0)
        return SearchResults([SearchItem("Исправленный запрос", "/practices/2/")], 1)

    monkeypatch.setattr(
        site_search,
        "search_providers",
        {
            "fake": registry.SearchProvider(
                key="fake",
                title="Т",
                search=corrected_only,
                search_part=part,
                correct=lambda query: "проект" if query == "праект" else "",
            )
        },
    )
    html = page(client, "праект").content.decode()
    assert "Исправленный запрос" in html
    assert "Возможно, вы искали:" in html and PARTIAL_NOTE not in html


def test_a_services_tab_pages_through_the_partial_match(client, fakes):
    response = page(client, "кто утверждает правила", **{"in": "fake", "page": 2})
    html = response.content.decode()
    assert PARTIAL_NOTE in html
    assert "Часть слов «кто утверждает правила» №11" in html
    assert "Часть слов «кто утверждает правила» №1<" not in html
    assert response.context["current"].partial


def test_nothing_anywhere_still_says_so_without_the_partial_note(client, fakes, monkeypatch):
    providers, logged = fakes
    monkeypatch.setitem(
        providers,
        "fake",
        registry.SearchProvider(
            key="fake",
            title="Т",
            search=nothing,
            search_part=lambda q, limit, offset=0: SearchResults([], 0),
        ),
    )
    html = page(client, "совсем непонятный запрос").content.decode()
    assert PARTIAL_NOTE not in html
    assert logged == [("совсем непонятный запрос", 0)]


# --- the services' own partial match -------------------------------------------------------


def part_titles(key, query, limit=5):
    found = registry.search_providers[key].search_part(query, limit)
    return [item.title for item in found.items], found.total


def test_legal_units_with_the_rarer_words_of_a_question_come_first(client):
    import_sample()
    question = "Может ли городское поселение само вводить местные налоги?"
    assert registry.search_providers["legal"].search(question, None, 3).total == 0
    titles, total = part_titles("legal", question)
    assert total >= 1
    assert titles[0].startswith("п. 2 ч. 1 ст. 14 ")
    html = page(client, question).content.decode()
    assert PARTIAL_NOTE in html and "п. 2 ч. 1 ст. 14" in html
    assert "<mark>" in html


def test_measures_with_more_of_the_words_are_listed_and_those_with_one_of_three_are_not():
    SupportMeasureFactory(title="Субсидия на благоустройство дворов", summary="Деньги на дворы")
    SupportMeasureFactory(title="Грант на ремонт школ", summary="Ремонт зданий школ")
    titles, total = part_titles("navigator", "как получить субсидию на ремонт дворов")
    assert (titles, total) == (["Субсидия на благоустройство дворов"], 1)


def test_practices_with_part_of_the_words_are_found_drafts_are_not():
    PracticeFactory(title="Раздельный сбор отходов в частном секторе")
    PracticeFactory(title="Раздельный сбор отходов: черновик", live=False)
    titles, total = part_titles("practices", "у кого есть опыт раздельного сбора мусора")
    assert (titles, total) == (["Раздельный сбор отходов в частном секторе"], 1)


def test_public_problems_with_part_of_the_words_are_found_hidden_ones_are_not():
    problem_in(ProblemStatus.PUBLISHED, title="Бесхозяйные сети водоснабжения в сёлах")
    problem_in(ProblemStatus.PUBLISHED, title="Бесхозяйные сети: скрытая", is_hidden=True)
    titles, total = part_titles("dialog", "что делать с бесхозяйными сетями водоснабжения")
    assert (titles, total) == (["Бесхозяйные сети водоснабжения в сёлах"], 1)


def test_live_courses_with_part_of_the_words_are_found():
    make_course(title="Анализ данных для муниципалитета")
    make_course(title="Основы делопроизводства")
    titles, total = part_titles("academy", "где научиться анализу данных о бюджете")
    assert (titles, total) == (["Анализ данных для муниципалитета"], 1)


def test_news_with_any_of_the_meaningful_words_are_found_more_words_first():
    from tests.portal.page_helpers import add_news, home_with_indexes

    _, news_index, _ = home_with_indexes()
    add_news(news_index, 1, lead="Гранты на благоустройство дворов")
    add_news(news_index, 2, lead="Благоустройство парков")
    add_news(news_index, 3, lead="Новый конкурс проектов")
    question = "как получить гранты на благоустройство дворов"
    found = registry.search_providers["pages"].search_part(question, 5)
    assert [item.url for item in found.items] == ["/news/news-1/", "/news/news-2/"]


def test_the_partial_page_runs_a_bounded_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.SEARCH_CACHE_SECONDS = 0
    import_sample()
    question = "кто может вводить местные налоги и сборы в поселении"

    def fill(count):
        for number in range(count):
            SupportMeasureFactory(title=f"Субсидия на сборы {number}", summary="налоги")
            PracticeFactory(title=f"Местные налоги: практика {number}")

    fill(2)
    with django_assert_max_num_queries(40) as few:
        first = page(client, question)
    fill(12)
    with django_assert_max_num_queries(40) as many:
        second = page(client, question)
    assert first.status_code == second.status_code == 200
    assert PARTIAL_NOTE in second.content.decode()
    assert len(many.captured_queries) <= len(few.captured_queries)
