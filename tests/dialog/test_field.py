"""The field: search, facets with counts, sorts, the JSON API and the export share one filter;
pages stay within a bounded number of queries; analytics agree with the field."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dialog.models import Cluster, ProblemStatus
from tests.dialog.factories import problem_in

pytestmark = pytest.mark.django_db


def test_search_and_facets_count_each_parameter_without_itself(client, zhkh, roads):
    problem_in(ProblemStatus.REVIEW, title="Тарифы на вывоз отходов растут", direction=zhkh)
    problem_in(ProblemStatus.ANSWERED, title="Тарифы на проезд в автобусах", direction=roads)
    problem_in(ProblemStatus.MODERATION, title="Тарифы на модерации", direction=zhkh)
    response = client.get(reverse("dialog:index"), {"q": "тарифы", "direction": "zhkh"})
    page = response.content.decode()
    assert "Тарифы на вывоз отходов" in page and "автобусах" not in page
    assert "на модерации" not in page
    facets = response.context["facets"]
    counts = {item["value"]: item["count"] for item in facets["direction"]}
    assert counts["zhkh"] == 1 and counts["roads"] == 1
    assert response.context["answered_counts"] == {"yes": 0, "no": 1}


def test_filters_apply_from_the_query_string_only_and_bad_values_reset(client):
    problem_in(ProblemStatus.REVIEW, title="Проблема для фильтра")
    response = client.get(reverse("dialog:index"), {"status": "draft", "region": "ZZ"})
    assert response.status_code == 200 and response.context["invalid"]
    assert "Проблема для фильтра" in response.content.decode()


def test_overdue_and_answered_filters(client):
    late = problem_in(
        ProblemStatus.REVIEW,
        title="Просроченная",
        due_at=timezone.now() - datetime.timedelta(days=1),
    )
    problem_in(ProblemStatus.SOLVED, title="Решённая")
    page = client.get(reverse("dialog:index"), {"overdue": "yes"}).content.decode()
    assert late.title in page and "Решённая" not in page
    page = client.get(reverse("dialog:index"), {"answered": "yes"}).content.decode()
    assert "Решённая" in page and late.title not in page


def test_sorts_by_support_and_by_waiting(client):
    old = problem_in(ProblemStatus.REVIEW, title="Старая без ответа", supports_count=1)
    old.published_at = timezone.now() - datetime.timedelta(days=40)
    old.save()
    problem_in(ProblemStatus.REVIEW, title="Популярная", supports_count=9)
    page = client.get(reverse("dialog:index"), {"sort": "supported"}).content.decode()
    assert page.index("Популярная") < page.index("Старая без ответа")
    page = client.get(reverse("dialog:index"), {"sort": "waiting"}).content.decode()
    assert page.index("Старая без ответа") < page.index("Популярная")


def test_api_and_export_use_the_same_filter_and_neutralise_formulas(client, zhkh, roads):
    problem_in(ProblemStatus.REVIEW, title='=HYPERLINK("http://evil") тарифы', direction=zhkh)
    problem_in(ProblemStatus.REVIEW, title="Дороги", direction=roads)
    data = client.get(reverse("dialog:api"), {"direction": "zhkh"}).json()
    assert data["count"] == 1 and data["results"][0]["direction"] == "zhkh"
    content = client.get(reverse("dialog:export", args=["csv"]), {"direction": "zhkh"}).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2 and rows[1][1].startswith("'=HYPERLINK")
    xlsx = client.get(reverse("dialog:export", args=["xlsx"]), {"direction": "zhkh"}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet.cell(row=2, column=2).value.startswith("'=")


def test_the_field_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for n in range(5):
        problem_in(ProblemStatus.REVIEW, title=f"Проблема номер {n} про сети")
    with django_assert_max_num_queries(22):
        client.get(reverse("dialog:index"))
    for n in range(25):
        problem_in(ProblemStatus.ANSWERED, title=f"Ещё проблема {n} про сети")
    with django_assert_max_num_queries(22):
        client.get(reverse("dialog:index"), {"q": "сети", "direction": "zhkh"})


def test_the_problem_page_runs_a_bounded_number_of_queries(
    client, make_problem, django_assert_max_num_queries
):
    problem = make_problem(ProblemStatus.REVIEW)
    with django_assert_max_num_queries(25):
        client.get(problem.get_absolute_url())


def test_cluster_page_aggregates_its_problems(client):
    topic = Cluster.objects.create(title="Бесхозяйные сети", summary="Сети без собственника")
    problem_in(ProblemStatus.REVIEW, cluster=topic, supports_count=3)
    problem_in(ProblemStatus.SOLVED, cluster=topic)
    problem_in(ProblemStatus.MODERATION, cluster=topic, title="Скрытая на модерации")
    response = client.get(topic.get_absolute_url())
    assert response.context["answered"] == 1
    assert "Скрытая на модерации" not in response.content.decode()


def test_analytics_numbers_match_the_table_and_follow_the_filter(client, zhkh, roads):
    problem_in(ProblemStatus.REVIEW, direction=zhkh)
    problem_in(ProblemStatus.SOLVED, direction=zhkh, answered_at=timezone.now())
    problem_in(ProblemStatus.REVIEW, direction=roads)
    problem_in(ProblemStatus.DRAFT, direction=zhkh)
    response = client.get(reverse("dialog:analytics"), {"direction": "zhkh"})
    data = response.context["data"]
    assert (data["total"], data["solved"], data["backlog"]) == (2, 1, 1)
    assert data["solved_share"] == 50 and data["within_sla_share"] == 100
    page = response.content.decode()
    assert "<svg" in page and "<table>" in page
    assert f'<th scope="row">{zhkh.name}</th><td>2</td>' in page


def test_empty_fields_sent_by_the_form_mean_any(client, zhkh, roads):
    problem_in(ProblemStatus.REVIEW, title="Сети ЖКХ", direction=zhkh)
    problem_in(ProblemStatus.REVIEW, title="Дороги района", direction=roads)
    query = "q=&direction=zhkh&region=&answered=&overdue=&sort=newest"
    response = client.get(reverse("dialog:index") + "?" + query)
    assert not response.context["invalid"]
    page = response.content.decode()
    assert "Сети ЖКХ" in page and "Дороги района" not in page
