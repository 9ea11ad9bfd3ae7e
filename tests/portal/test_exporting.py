"""The spreadsheet-export guard: no cell is evaluated as a formula, whatever hides its sign."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.exporting import neutralise
from tests.navigator.factories import SupportMeasureFactory

HIDDEN_FORMULAS = [
    '\ufeff=HYPERLINK("http://evil.example","Нажми")',  # byte-order mark
    "\u200b=1+1",  # zero-width space
    "\u200d\u2060@SUM(A1)",  # zero-width joiner, word joiner
    "\u200e+7",  # left-to-right mark
    " \u00a0\u3000-2+3",  # ordinary, no-break and ideographic spaces
    "\n\ufeff =cmd|' /C calc'!A0",  # a line break, then a mark and a space
    "\uff1d1+1",  # a full-width equals sign
    "=1+1",
    "\t=1",
]


@pytest.mark.parametrize("value", HIDDEN_FORMULAS)
def test_a_formula_behind_invisible_characters_is_made_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Грант 2026", " 100 000 ₽", "\ufeffСубсидия", "a=b", ""])
def test_ordinary_text_is_left_as_it_is(value):
    assert neutralise(value) == value


def test_numbers_dates_and_empty_cells_keep_their_type():
    assert neutralise(-5) == -5
    assert neutralise(None) == ""


@pytest.mark.django_db
def test_the_navigator_export_neutralises_a_formula_behind_a_byte_order_mark(client):
    SupportMeasureFactory(title="\ufeff=1+1")
    SupportMeasureFactory(title="\u200b@SUM(1)")
    url = reverse("navigator:export", args=["csv"])
    body = client.get(url).content.decode("utf-8")
    titles = sorted(row[0] for row in csv.reader(io.StringIO(body), delimiter=";"))
    assert "'\u200b@SUM(1)" in titles and "'\ufeff=1+1" in titles

    xlsx = client.get(reverse("navigator:export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    cells = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"'\ufeff=1+1", "'\u200b@SUM(1)"} <= cells
