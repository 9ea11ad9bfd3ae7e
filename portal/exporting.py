"""CSV and XLSX exports: the writers, and the guard every export passes its cells through
(OWASP «CSV injection»).

Spreadsheet programs evaluate a text cell that starts with a formula sign. They also skip what
comes before the sign when it is invisible: spaces and line breaks, a byte-order mark (U+FEFF),
zero-width and direction marks. So the sign is looked for after all of those, and a cell that
has one is prefixed with an apostrophe, which makes it text in Excel and LibreOffice alike.
"""

import csv
import io
import unicodedata

# The ASCII signs, the tab and carriage return that start a formula in some programs, and the
# full-width signs that East Asian input methods type and spreadsheets treat as ASCII ones.
FORMULA_SIGNS = frozenset("=+-@|%\t\r" + "\uff1d\uff0b\uff0d\uff20")
# Characters a spreadsheet passes over before the sign: controls (Cc), format characters such as
# U+FEFF and U+200B (Cf), and every kind of space or line break.
_SKIPPED_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}


def neutralise(value):
    """A cell value that no spreadsheet will evaluate as a formula; non-text values unchanged."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    for char in value:
        if char in FORMULA_SIGNS:
            return "'" + value
        if not (char.isspace() or unicodedata.category(char) in _SKIPPED_CATEGORIES):
            break
    return value


def csv_bytes(rows) -> bytes:
    """`rows` as the CSV that Excel in the Russian locale opens as it is: UTF-8 with a
    byte-order mark, «;» between the cells."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheet_title: str, rows) -> bytes:
    """`rows` as a workbook of one sheet, written row by row (an export may be long)."""
    # Imported here: openpyxl adds ~40 MB to a process, and most processes never export.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
