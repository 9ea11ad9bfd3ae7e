"""Full-text course search: the stored Russian vector, ranked, filters still applying."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.models import CoursePage
from tests.academy.factories import make_course


def titles(client, query):
    page = client.get(reverse("academy:index") + query).content.decode()
    found = [c for c in CoursePage.objects.values_list("title", flat=True) if c in page]
    return sorted(found, key=page.index)


def test_words_match_in_any_form_and_title_matches_rank_first(db, client):
    make_course(title="Открытые данные муниципалитета", lessons=0, summary="Публикация наборов")
    make_course(
        title="Платформа обратной связи",
        lessons=0,
        summary="Как работать с данными обращений граждан",
    )
    make_course(title="Искусственный интеллект", lessons=0, summary="Нейросети в работе")
    # «данных» stems to the same lexeme as «данные» and «данными»; the title weighs more.
    assert titles(client, "?q=данных") == [
        "Открытые данные муниципалитета",
        "Платформа обратной связи",
    ]


def test_every_word_must_match(db, client):
    make_course(title="Открытые данные", lessons=0, summary="Публикация наборов")
    make_course(title="Данные и отчёты", lessons=0, summary="Сводные таблицы")
    assert titles(client, "?q=данные+публикация") == ["Открытые данные"]


def test_yo_and_e_are_the_same_letter(db, client):
    make_course(title="Отчётность по проектам", lessons=0)
    assert titles(client, "?q=отчетность") == ["Отчётность по проектам"]


def test_filters_keep_working_with_the_text(db, client):
    make_course(title="Данные для начинающих", lessons=0, level="basic", hours=8)
    make_course(title="Данные для опытных", lessons=0, level="advanced", hours=36)
    assert titles(client, "?q=данные&level=advanced") == ["Данные для опытных"]
    assert titles(client, "?q=данные&hours=16") == ["Данные для начинающих"]


def test_a_title_edited_later_is_found_by_its_new_words(db, client):
    course = make_course(title="Старое название", lessons=0)
    course.title = "Геоинформационные системы"
    course.save_revision().publish()
    assert titles(client, "?q=геоинформационные") == ["Геоинформационные системы"]


def test_the_search_uses_the_stored_vector_and_odd_input_is_harmless(db, client):
    make_course(title="Открытые данные", lessons=0)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("academy:index") + "?q=данные")
    assert response.status_code == 200
    assert any("search_vector" in q["sql"] for q in queries.captured_queries)
    for odd in ['?q="', "?q=!!!", "?q=a%26b|c", "?q=" + "слово " * 200, "?q=%20"]:
        assert client.get(reverse("academy:index") + odd).status_code == 200
