"""Suggestions under the header search box: /search/suggest/?q= answers JSON with public
titles of every service, for any input, in a bounded number of queries."""

import datetime

import pytest
from django.urls import reverse

from dialog.models import ProblemStatus
from tests.academy.factories import make_course
from tests.dialog.factories import problem_in
from tests.legal_vector.conftest import import_sample
from tests.navigator.factories import SupportMeasureFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db
URL = reverse("site_search_suggest")


def suggest(client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_titles_of_every_service_start_with_what_was_typed(client):
    import_sample(edition_date=datetime.date(2020, 1, 1))
    SupportMeasureFactory(title="Субсидия на организацию местного самоуправления")
    PracticeFactory(title="Школа местного самоуправления")
    make_course(title="Основы местного самоуправления")
    problem_in(ProblemStatus.PUBLISHED, title="Кадры для местного самоуправления")
    data = suggest(client, "местного самоупр")
    sections = {item["section"] for item in data["suggestions"]}
    assert sections == {"legal", "navigator", "practices", "academy", "dialog"}
    titles = [item["title"] for item in data["suggestions"]]
    assert "Школа местного самоуправления" in titles
    assert all(item["url"].startswith("/") for item in data["suggestions"])
    assert data["search_url"].startswith("/search/?q=")


def test_unpublished_and_hidden_items_are_never_suggested(client):
    SupportMeasureFactory(title="Грант черновой", live=False)
    PracticeFactory(title="Грантовая практика черновик", live=False)
    PracticeFactory(title="Грантовая практика скрытая", is_hidden=True)
    problem_in(ProblemStatus.MODERATION, title="Грантовая поддержка на модерации")
    course = make_course(title="Грантовое письмо")
    course.unpublish()
    assert suggest(client, "грант")["suggestions"] == []


def test_titles_come_back_as_data_not_markup(client):
    PracticeFactory(title="<img src=x onerror=alert(1)> Дворы")
    data = suggest(client, "дворы")
    assert data["suggestions"][0]["title"] == "<img src=x onerror=alert(1)> Дворы"


@pytest.mark.parametrize("query", ["", "  ", "дв", "ab"])
def test_fewer_than_three_characters_suggest_nothing(client, query):
    assert suggest(client, query)["suggestions"] == []


@pytest.mark.parametrize(
    "query",
    [
        "дворы " * 1000,
        "':* & | ! ( ) <-> \\",
        "'; DROP TABLE practices_practice; --",
        "\u0000\u001fдворы",
        "___ ---",
        "ст. 14 131-ФЗ",
        "😀😀😀",
    ],
)
def test_no_input_breaks_the_endpoint(client, query):
    PracticeFactory(title="Дворы без машин")
    assert isinstance(suggest(client, query)["suggestions"], list)


def test_suggestions_run_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(10):
        PracticeFactory(title=f"Дворы без машин {number}")
        SupportMeasureFactory(title=f"Дворы: субсидия {number}")
    with django_assert_max_num_queries(8):
        data = suggest(client, "дворы")
    assert len(data["suggestions"]) == 6
