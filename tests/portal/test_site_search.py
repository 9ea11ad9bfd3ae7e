"""The site-wide search page (/search/) with stand-in providers: tabs, counts, snippets,
links into the services, citation jumps, typo corrections and the query log."""

import re

import pytest
from django.utils.safestring import mark_safe

from portal import registry, site_search
from portal.registry import LowerBound, SearchItem, SearchJump, SearchResults

pytestmark = pytest.mark.django_db
RESULT_LINK = re.compile(r'href="/practices/\d+/"')


def fake_search(query, user, limit, offset=0):
    items = [
        SearchItem(
            title=f"Практика «{query}» №{n}",
            url=f"/practices/{n}/",
            snippet=mark_safe("<mark>найденное</mark> слово"),
            kind="практика",
        )
        for n in range(1, 24)
    ]
    return SearchResults(items[offset : offset + limit], len(items))


def empty_search(query, user, limit, offset=0):
    return SearchResults([], 0)


@pytest.fixture
def providers(monkeypatch):
    logged = []
    found = {
        "fake": registry.SearchProvider(
            key="fake",
            title="Тестовый раздел",
            tab="Тест",
            search=fake_search,
            order=1,
            more_url=lambda query: f"/practices/?q={query}",
        ),
        "empty": registry.SearchProvider(
            key="empty", title="Пустой раздел", tab="Пусто", search=empty_search, order=2
        ),
    }
    monkeypatch.setattr(site_search, "search_providers", found)
    monkeypatch.setattr(
        site_search.SearchLog,
        "record",
        lambda query, source, count, user, **kwargs: logged.append((query, count, user)),
    )
    return logged


def test_search_page_without_a_query_only_shows_the_form(client, providers):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="site-search-q">' in html
    assert "Тестовый раздел" not in html
    assert html.count("<h1") == 1


def test_the_all_tab_shows_a_few_results_of_each_service_with_counts(client, providers):
    html = client.get("/search/", {"q": "дворы"}).content.decode()
    assert 'id="group-fake"' in html and 'id="group-empty"' in html
    assert "найдено: 23" in html
    assert len(RESULT_LINK.findall(html)) == site_search.ALL_SHOWN
    assert "В этом разделе ничего не найдено." in html


def test_tabs_are_links_with_counts_and_the_current_one_marked(client, providers):
    html = client.get("/search/", {"q": "дворы"}).content.decode()
    assert '<nav class="search-tabs" aria-label="Разделы поиска">' in html
    assert '<a href="?q=%D0%B4%D0%B2%D0%BE%D1%80%D1%8B" aria-current="page">Все' in html
    assert 'href="?q=%D0%B4%D0%B2%D0%BE%D1%80%D1%8B&amp;in=fake">Тест' in html
    assert 'Пусто <span class="search-tabs__count">0</span>' in html


def test_a_service_tab_pages_through_that_services_results(client, providers):
    first = client.get("/search/", {"q": "дворы", "in": "fake"}).content.decode()
    third = client.get("/search/", {"q": "дворы", "in": "fake", "page": "3"}).content.decode()
    assert 'in=fake" aria-current="page">Тест' in first
    assert len(RESULT_LINK.findall(first)) == site_search.PER_PAGE
    assert "Страница 1 из 3" in first and "page=2" in first
    assert 'href="/practices/21/"' in third and 'href="/practices/11/"' not in third
    assert 'rel="next"' not in third


def test_the_more_link_carries_the_query_into_the_services_own_search(client, providers):
    html = client.get("/search/", {"q": "дворы"}).content.decode()
    assert 'href="/practices/?q=дворы">Все 23 результата в разделе «Тест»</a>' in html


def test_snippets_keep_their_marks_while_titles_and_queries_are_escaped(client, providers):
    html = client.get("/search/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<mark>найденное</mark> слово" in html


def test_a_count_past_the_cap_reads_more_than(client, providers, monkeypatch):
    def capped(query, user, limit, offset=0):
        return SearchResults(fake_search(query, user, limit).items, LowerBound(1000))

    provider = site_search.search_providers["fake"]
    monkeypatch.setitem(
        site_search.search_providers,
        "fake",
        registry.SearchProvider(
            key="fake", title=provider.title, search=capped, more_url=provider.more_url
        ),
    )
    html = client.get("/search/", {"q": "дворы"}).content.decode()
    assert "найдено: более 1" in html
    assert "Более 1" in html and "результатов в разделе" in html


def test_a_bare_citation_jumps_to_the_unit_and_is_logged_once(client, providers, monkeypatch):
    jump = SearchJump(title="ст. 14 Закона", url="/legal/documents/1/u/st14/", exact=True)
    monkeypatch.setitem(
        site_search.search_providers,
        "fake",
        registry.SearchProvider(key="fake", title="Т", search=fake_search, jump=lambda q: jump),
    )
    response = client.get("/search/", {"q": "ст. 14 131-ФЗ"})
    assert response.status_code == 302
    assert response["Location"] == jump.url
    assert len(providers) == 1 and providers[0][:2] == ("ст. 14 131-ФЗ", 1)
    as_text = client.get("/search/", {"q": "ст. 14 131-ФЗ", "exact": "0"}).content.decode()
    assert "Найдено по реквизитам" in as_text and f'href="{jump.url}"' in as_text
    assert "Практика «ст. 14 131-ФЗ» №1" in as_text


def test_a_citation_among_other_words_is_a_card_above_the_results(client, providers, monkeypatch):
    jump = SearchJump(title="Федеральный закон № 131-ФЗ", url="/legal/documents/1/", exact=False)
    monkeypatch.setitem(
        site_search.search_providers,
        "fake",
        registry.SearchProvider(key="fake", title="Т", search=fake_search, jump=lambda q: jump),
    )
    response = client.get("/search/", {"q": "131-ФЗ староста"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Найдено по реквизитам" in html and 'href="/legal/documents/1/"' in html


def _only_provider(monkeypatch, search, correct):
    provider = registry.SearchProvider(key="fake", title="Т", search=search, correct=correct)
    monkeypatch.setattr(site_search, "search_providers", {"fake": provider})


def test_a_query_that_finds_nothing_shows_the_corrected_querys_results(
    client, providers, monkeypatch
):
    def typo_search(query, user, limit, offset=0):
        if query != "проект":
            return SearchResults([], 0)
        return fake_search(query, user, limit, offset)

    _only_provider(monkeypatch, typo_search, lambda query: "проект" if query == "праект" else "")
    html = client.get("/search/", {"q": "праект"}).content.decode()
    assert "Возможно, вы искали:" in html
    assert '<a href="?q=%D0%BF%D1%80%D0%BE%D0%B5%D0%BA%D1%82">проект</a>' in html
    assert "Практика «проект» №1" in html
    # the log keeps what was typed, with what it found itself
    assert providers == [("праект", 0, providers[0][2])]


def test_a_correction_that_finds_nothing_either_is_not_offered(client, providers, monkeypatch):
    # «как часто собирается дума» rewritten into the base's words («части», «собрать») found
    # nothing and was still offered as «Возможно, вы искали».
    _only_provider(
        monkeypatch,
        lambda query, user, limit, offset=0: SearchResults([], 0),
        lambda query: "как части собрать думу",
    )
    html = client.get("/search/", {"q": "как часто собирается дума"}).content.decode()
    assert "Возможно, вы искали" not in html
    assert "как части собрать думу" not in html
    assert "«как часто собирается дума»" in html


def test_one_log_record_per_query_and_none_for_further_pages_or_tabs(client, providers):
    client.get("/search/", {"q": "дворы"})
    client.get("/search/", {"q": "дворы", "in": "fake", "page": "2"})
    assert [entry[:2] for entry in providers] == [("дворы", 23)]


def test_a_plain_pair_from_an_older_provider_still_works(client, monkeypatch):
    def old_style(query, user, limit, offset=0):
        return [{"title": "Старый", "url": "/old/", "snippet": "", "kind": ""}], 1

    monkeypatch.setattr(
        site_search,
        "search_providers",
        {"old": registry.SearchProvider(key="old", title="Старый раздел", search=old_style)},
    )
    html = client.get("/search/", {"q": "дворы"}).content.decode()
    assert 'href="/old/"' in html


def test_search_says_so_when_no_service_provides_search(client, monkeypatch):
    monkeypatch.setattr(site_search, "search_providers", {})
    html = client.get("/search/", {"q": "субсидии"}).content.decode()
    assert "Поиск пока не подключён" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "дворы", "in": "<script>"},
        {"q": "дворы", "page": "-1"},
        {"q": "дворы", "page": "99999999999999999999"},
        {"q": "дворы", "in": "fake", "page": "abc"},
        {"q": "' OR 1=1 --"},
        {"q": "&&& ||| !!! :* <>"},
    ],
)
def test_no_input_breaks_the_page(client, providers, params):
    assert client.get("/search/", params).status_code == 200


def test_the_page_keeps_the_query_and_the_tab_in_the_form(client, providers):
    html = client.get("/search/", {"q": "субсидии", "in": "fake"}).content.decode()
    assert 'value="субсидии"' in html
    assert '<input type="hidden" name="in" value="fake">' in html


def test_results_are_cached_per_query_and_page(client, providers, monkeypatch):
    calls = []

    def counting(query, user, limit, offset=0):
        calls.append((query, limit, offset))
        return fake_search(query, user, limit, offset)

    monkeypatch.setattr(
        site_search,
        "search_providers",
        {"fake": registry.SearchProvider(key="fake", title="Т", search=counting)},
    )
    client.get("/search/", {"q": "дворы"})
    client.get("/search/", {"q": "дворы"})
    assert calls == [("дворы", site_search.ALL_SHOWN, 0)]
