import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from navigator import exporting
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


@pytest.mark.parametrize(
    "value", ["=1+1", "-2", "@x", "\tcmd", "|pipe", " =1+2", "\n=1+2", " \r\n+cmd", "  @SUM(A1)"]
)
def test_neutralise_prefixes_dangerous_values(value):
    assert neutralise(value) == "'" + value


def test_neutralise_keeps_numbers_and_plain_text():
    assert neutralise(-5) == -5
    assert neutralise("Обычный текст") == "Обычный текст"
    assert neutralise(None) == ""


def test_csv_export_neutralises_a_formula_behind_leading_whitespace(client):
    SupportMeasureFactory(title="\n=1+2")
    body = export(client, "csv").content.decode("utf-8-sig")
    titles = [row[0] for row in csv.reader(io.StringIO(body), delimiter=";")][1:]
    assert titles == ["'\n=1+2"]


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(exporting, "MAX_ROWS", 2)


def test_a_cut_export_says_so_in_its_last_row(client, small_limit):
    for _ in range(3):
        SupportMeasureFactory()
    body = export(client, "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 1 + 2 + 1
    assert rows[-1] == ["Выгружены первые 2 мер из 3: уточните фильтр, чтобы получить остальные."]
    sheet = load_workbook(io.BytesIO(export(client, "xlsx").content)).active
    assert sheet.cell(row=4, column=1).value.startswith("Выгружены первые 2 мер из 3")


def test_a_complete_export_has_no_note(client, small_limit):
    SupportMeasureFactory()
    SupportMeasureFactory()
    rows = list(
        csv.reader(io.StringIO(export(client, "csv").content.decode("utf-8-sig")), delimiter=";")
    )
    assert len(rows) == 3
    assert not any("Выгружены" in cell for row in rows for cell in row)


def test_the_list_warns_next_to_the_export_links_when_the_file_would_be_cut(client, small_limit):
    SupportMeasureFactory()
    SupportMeasureFactory()
    assert "попадут только первые" not in client.get(reverse("navigator:index")).content.decode()
    SupportMeasureFactory()
    page = client.get(reverse("navigator:index"), {"kind": "subsidy"}).content.decode()
    assert "В CSV и XLSX попадут только первые 2 мер из 3" in page
