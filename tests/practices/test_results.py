"""Structured results: indicator and budget rows in the authoring form, Wagtail and the page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from practices.models import BudgetLine, FundingSource, Indicator, Practice
from tests.factories import MunicipalityFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_authoring import XSS
from tests.practices.test_editing import practice_form_data
from tests.practices.writing import draft_of, step_data, step_url

pytestmark = pytest.mark.django_db


def rows(indicators=(), lines=(), initial=(0, 0)):
    data = {
        "indicators-TOTAL_FORMS": str(len(indicators)),
        "indicators-INITIAL_FORMS": str(initial[0]),
        "budget-TOTAL_FORMS": str(len(lines)),
        "budget-INITIAL_FORMS": str(initial[1]),
    }
    for number, row in enumerate(indicators):
        data.update({f"indicators-{number}-{name}": value for name, value in row.items()})
    for number, row in enumerate(lines):
        data.update({f"budget-{number}-{name}": value for name, value in row.items()})
    return data


QUEUE = {"name": "Очередь в детские сады", "unit": "детей", "before": "600", "after": "40,5"}
EMPTY_INDICATOR = {"name": "", "unit": "", "before": "", "after": "", "measured_on": ""}


def test_a_draft_keeps_its_indicators_and_budget_lines(client, employee):
    practice = draft_of(employee, budget=None)
    client.force_login(employee)
    results = {
        **step_data("results"),
        **rows([{**QUEUE, "measured_on": "2024-05-01"}, EMPTY_INDICATOR]),
    }
    assert client.post(step_url(practice, "results"), results).status_code == 302
    money = {
        **step_data("money", budget=""),
        **rows(
            lines=[
                {"source": "local", "amount": "200000"},
                {"source": "federal", "amount": "800000"},
                {"source": "", "amount": ""},
            ]
        ),
    }
    assert client.post(step_url(practice, "money"), money).status_code == 302
    indicator = practice.indicators.get()
    assert (indicator.before, indicator.after) == (Decimal(600), Decimal("40.5"))
    assert indicator.measured_on.isoformat() == "2024-05-01"
    assert list(practice.budget_lines.values_list("source", "amount")) == [
        ("local", 200000),
        ("federal", 800000),
    ]
    practice.refresh_from_db()
    assert practice.budget == 1_000_000  # taken from the lines when not given
    # A resubmit of the same page creates nothing more.
    client.post(step_url(practice, "results"), results)
    client.post(step_url(practice, "money"), money)
    assert Indicator.objects.count() == 1 and BudgetLine.objects.count() == 2


def test_bad_rows_are_refused_in_russian_and_the_input_is_kept(client, employee):
    practice = draft_of(employee)
    client.force_login(employee)
    bad = [{"name": "Очередь", "unit": "", "before": "много", "after": "40", "measured_on": ""}]
    page = client.post(
        step_url(practice, "results"), {**step_data("results"), **rows(bad)}
    ).content.decode()
    assert "Заполните это поле." in page
    assert "Введите число, например 12 или 12,5." in page
    assert 'value="много"' in page and 'value="Очередь"' in page
    lines = [{"source": "local", "amount": "-5"}, {"source": "local", "amount": "10"}]
    page = client.post(
        step_url(practice, "money"), {**step_data("money"), **rows(lines=lines)}
    ).content.decode()
    assert "Сумма должна быть больше нуля." in page
    assert "Этот источник уже указан" in page
    assert not Indicator.objects.exists() and not BudgetLine.objects.exists()


def test_a_future_measurement_date_is_refused(client, employee):
    practice = draft_of(employee)
    client.force_login(employee)
    data = {**step_data("results"), **rows([{**QUEUE, "measured_on": "2999-01-01"}])}
    page = client.post(step_url(practice, "results"), data).content.decode()
    assert "Дата измерения не может быть в будущем." in page
    assert not Indicator.objects.exists()


def test_a_post_without_rows_leaves_them_as_they_are(client, employee):
    practice = draft_of(employee)
    Indicator.objects.create(practice=practice, name="Старый", unit="%", before=1, after=2)
    client.force_login(employee)
    assert client.post(step_url(practice, "results"), step_data("results")).status_code == 302
    assert practice.indicators.count() == 1


def test_a_draft_edit_changes_and_deletes_rows(client, employee):
    practice = PracticeFactory(live=False, author=employee, municipality=employee.municipality)
    kept = Indicator.objects.create(practice=practice, name="Старый", unit="%", before=1, after=2)
    gone = Indicator.objects.create(practice=practice, name="Лишний", unit="%", before=1, after=2)
    client.force_login(employee)
    form = client.get(step_url(practice, "results")).content.decode()
    assert 'value="Старый"' in form
    data = {
        **step_data("results"),
        **rows(
            [
                {"id": kept.pk, "name": "Новый", "unit": "%", "before": "1", "after": "3"},
                {
                    "id": gone.pk,
                    "name": "Лишний",
                    "unit": "%",
                    "before": "1",
                    "after": "2",
                    "DELETE": "on",
                },
            ],
            initial=(2, 0),
        ),
    }
    assert client.post(step_url(practice, "results"), data).status_code == 302
    assert list(practice.indicators.values_list("name", flat=True)) == ["Новый"]


def test_an_edit_of_a_published_practice_keeps_the_public_rows_until_approved(client, employee):
    practice = PracticeFactory(author=employee, municipality=employee.municipality)
    Indicator.objects.create(practice=practice, name="Публичный", unit="%", before=1, after=2)
    client.force_login(employee)
    data = {
        **step_data("results"),
        **rows(
            [
                {
                    "id": practice.indicators.get().pk,
                    "name": "Правка",
                    "unit": "%",
                    "before": "1",
                    "after": "5",
                }
            ],
            initial=(1, 0),
        ),
    }
    assert client.post(step_url(practice, "results"), data).status_code == 302
    assert list(practice.indicators.values_list("name", flat=True)) == ["Публичный"]
    revised = Practice.objects.get(pk=practice.pk).latest_revision.as_object()
    assert [row.name for row in revised.indicators.all()] == ["Правка"]
    preview = client.get(f"/practices/preview/{practice.pk}/").content.decode()
    assert "Правка" in preview


def test_the_page_shows_rows_as_an_accessible_table_with_escaped_text(client):
    practice = PracticeFactory()
    Indicator.objects.create(
        practice=practice, name=XSS, unit="мг/л", before=Decimal("2.1"), after=Decimal("0.2")
    )
    BudgetLine.objects.create(practice=practice, source=FundingSource.REGIONAL, amount=2_000_000)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "<caption" in page and '<th scope="col">Было</th>' in page
    assert "2,1 мг/л" in page and "0,2 мг/л" in page
    assert "Региональный бюджет" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page


def test_rows_do_not_add_queries_per_row(client, django_assert_max_num_queries):
    practice = PracticeFactory()
    for number in range(15):
        Indicator.objects.create(practice=practice, name=f"П{number}", unit="%", before=1, after=2)
        BudgetLine.objects.create(practice=practice, source="local", amount=number + 1)
    client.get(practice.get_absolute_url())
    with django_assert_max_num_queries(16):
        assert client.get(practice.get_absolute_url()).status_code == 200


def test_editors_enter_rows_in_wagtail(cms_client, editor):
    municipality = MunicipalityFactory()
    data = {
        **practice_form_data(municipality),
        "indicators-TOTAL_FORMS": "1",
        "indicators-0-name": "Жалобы",
        "indicators-0-unit": "шт.",
        "indicators-0-before": "127",
        "indicators-0-after": "41",
        "indicators-0-measured_on": "",
        "indicators-0-ORDER": "1",
        "indicators-0-id": "",
        "indicators-0-DELETE": "",
        "budget_lines-TOTAL_FORMS": "1",
        "budget_lines-0-source": "extra",
        "budget_lines-0-amount": "5400000",
        "budget_lines-0-ORDER": "1",
        "budget_lines-0-id": "",
        "budget_lines-0-DELETE": "",
    }
    response = cms_client(editor).post(reverse("wagtailsnippets_practices_practice:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    practice = Practice.objects.get(title="Народный бюджет в селе")
    assert practice.indicators.get().after == 41
    assert practice.budget_lines.get().source == "extra"


def test_the_demo_gives_some_practices_structured_results(db):
    from io import StringIO

    from practices.demo import results

    out = StringIO()
    results.seed(out)  # without the demo practices it adds nothing and does not fail
    assert "добавлены к 0" in out.getvalue()
