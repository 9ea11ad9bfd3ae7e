"""Export of a filtered list of measures to CSV and XLSX.

Spreadsheet programs execute cells that start with a formula sign, so every text cell that could
be read as a formula is prefixed with an apostrophe (OWASP «CSV injection»).
"""

import csv
import io

from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "|", "%")

COLUMNS = [
    ("Название", lambda m: m.title),
    ("Вид", lambda m: m.get_kind_display()),
    ("Уровень", lambda m: m.get_level_display()),
    ("Организатор", lambda m: str(m.organiser) if m.organiser_id else ""),
    ("Статус", lambda m: m.status_label),
    ("Приём с", lambda m: m.opens_on),
    ("Приём до", lambda m: m.closes_on),
    ("Сумма от, ₽", lambda m: m.amount_min),
    ("Сумма до, ₽", lambda m: m.amount_max),
    ("Софинансирование от, %", lambda m: m.cofinancing_min),
    ("Софинансирование до, %", lambda m: m.cofinancing_max),
    ("Конкурсный отбор", lambda m: "да" if m.is_competitive else "нет"),
    ("Ссылка", lambda m: m.absolute_url),
]


def neutralise(value):
    """A cell value that no spreadsheet will evaluate as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def measure_rows(measures):
    yield [title for title, _ in COLUMNS]
    for measure in measures:
        yield [neutralise(getter(measure)) for _, getter in COLUMNS]


def to_csv(measures) -> bytes:
    buffer = io.StringIO()
    # Excel opens UTF-8 CSV correctly only with a byte-order mark and «;» in the Russian locale.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    for row in measure_rows(measures):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def to_xlsx(measures) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Меры поддержки")
    for row in measure_rows(measures):
        sheet.append([str(cell) if isinstance(cell, str) else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
