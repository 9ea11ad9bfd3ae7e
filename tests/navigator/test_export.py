import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from navigator.exporting import neutralise
from navigator.models import MeasureKind
from tests.navigator.factories import SupportMeasureFactory

pytestmark = pytest.mark.django_db


def export(client, fmt, **params):
    return client.get(reverse("navigator:export", args=[fmt]), params)


def test_csv_export_follows_the_filter(client):
    SupportMeasureFactory(title="Грант для библиотек", kind=MeasureKind.GRANT, amount_max=500000)
    SupportMeasureFactory(title="Субсидия на дороги", kind=MeasureKind.SUBSIDY)
    response = export(client, "csv", kind="grant")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Название"
    assert [row[0] for row in rows[1:]] == ["Грант для библиотек"]
    assert "500000" in rows[1]


def test_csv_export_neutralises_formulas(client):
    SupportMeasureFactory(title='=HYPERLINK("http://evil.example","Нажми")')
    SupportMeasureFactory(title="+7 способов получить грант")
    body = export(client, "csv").content.decode("utf-8-sig")
    titles = [row[0] for row in csv.reader(io.StringIO(body), delimiter=";")][1:]
    assert sorted(titles) == [
        "'+7 способов получить грант",
        '\'=HYPERLINK("http://evil.example","Нажми")',
    ]


def test_xlsx_export_is_a_workbook_without_formulas(client):
    SupportMeasureFactory(title="@SUM(A1:A2)")
    SupportMeasureFactory(title="Обычная мера")
    response = export(client, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = sorted(sheet.cell(row=row, column=1).value for row in range(2, sheet.max_row + 1))
    assert titles == ["'@SUM(A1:A2)", "Обычная мера"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_unknown_export_format_is_not_found(client):
    assert export(client, "pdf").status_code == 404


@pytest.mark.parametrize("value", ["=1+1", "-2", "@x", "\tcmd", "|pipe"])
def test_neutralise_prefixes_dangerous_values(value):
    assert neutralise(value) == "'" + value


def test_neutralise_keeps_numbers_and_plain_text():
    assert neutralise(-5) == -5
    assert neutralise("Обычный текст") == "Обычный текст"
    assert neutralise(None) == ""
