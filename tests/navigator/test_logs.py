import pytest
from django.urls import reverse

from navigator.models import ApplyClick
from portal.models import SearchLog
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db


def test_apply_link_counts_the_click_and_redirects(client, employee):
    measure = SupportMeasureFactory(application_url="https://grants.example.ru/apply")
    client.force_login(employee)
    response = client.get(reverse("navigator:apply", args=[measure.slug]))
    assert response.status_code == 302
    assert response["Location"] == "https://grants.example.ru/apply"
    click = ApplyClick.objects.get()
    assert (click.measure, click.user) == (measure, employee)


def test_guest_clicks_are_counted_without_a_user(client):
    measure = SupportMeasureFactory(application_url="https://grants.example.ru/apply")
    client.get(reverse("navigator:apply", args=[measure.slug]))
    assert ApplyClick.objects.get().user is None


def test_apply_link_of_a_draft_or_a_measure_without_link_is_not_found(client):
    draft = SupportMeasureFactory(application_url="https://grants.example.ru/", live=False)
    no_link = SupportMeasureFactory(application_url="")
    assert client.get(reverse("navigator:apply", args=[draft.slug])).status_code == 404
    assert client.get(reverse("navigator:apply", args=[no_link.slug])).status_code == 404
    assert not ApplyClick.objects.exists()


def test_zero_result_report_groups_queries(administrator_client):
    for query in ["космодром", "космодром", "ремонт"]:
        SearchLog.record(query, "list", 0, service="navigator", filters=f"q={query}")
    SearchLog.record("дороги", "list", 4, service="navigator", filters="q=дороги")
    # The legal base's share of the one search log stays out of the navigator's report.
    SearchLog.record("ремонт", "search", 0, service="legal_vector")
    response = administrator_client.get(reverse("admin:navigator_zeroresultsearch_changelist"))
    rows = response.context["rows"]
    assert [row[:2] for row in rows] == [["космодром", 2], ["ремонт", 1]]


def test_popular_measure_report_counts_apply_clicks(administrator_client):
    popular, rare = SupportMeasureFactory(title="Популярная"), SupportMeasureFactory(title="Редкая")
    ApplyClick.objects.bulk_create(
        [ApplyClick(measure=popular) for _ in range(3)] + [ApplyClick(measure=rare)]
    )
    response = administrator_client.get(reverse("admin:navigator_popularmeasure_changelist"))
    assert [row[:2] for row in response.context["rows"]] == [["Популярная", 3], ["Редкая", 1]]


def test_reports_are_closed_to_non_staff(client, employee):
    client.force_login(employee)
    response = client.get(reverse("admin:navigator_zeroresultsearch_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
