"""Turn an uploaded CSV, XLSX or JSON file into a list of {column: text} rows."""

import csv
import io
import json
import zipfile
from itertools import islice
from pathlib import PurePath

from navigator.importing.errors import ImportRejected

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
FORMATS = ("csv", "xlsx", "json")
# XLSX is a ZIP archive; text formats never contain NUL bytes (UTF-16 files do).
XLSX_SIGNATURE = b"PK\x03\x04"


def file_format(name):
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ImportRejected(["Поддерживаются файлы CSV, XLSX и JSON."])
    return suffix


def check_content(name, head: bytes):
    """Refuse, before an upload is queued, a file whose first bytes betray another type."""
    kind = file_format(name)
    if kind == "xlsx" and not head.startswith(XLSX_SIGNATURE):
        raise ImportRejected(["Файл не похож на книгу Excel (XLSX)."])
    if kind != "xlsx" and b"\x00" in head:
        raise ImportRejected([f"Файл {kind.upper()} должен быть текстовым, в кодировке UTF-8."])


def read_rows(name, data: bytes):
    """Rows of the file as dictionaries of stripped strings, keyed by lower-case column names."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejected(["Файл больше 5 МБ: разбейте его на части."])
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[file_format(name)]
    rows = [_normalise(row) for row in reader(data)]
    if not rows:
        raise ImportRejected(["В файле нет ни одной меры."])
    if len(rows) > MAX_ROWS:
        raise ImportRejected([f"В файле больше {MAX_ROWS} строк: разбейте его на части."])
    return rows


def _normalise(row):
    return {str(key).strip().lower(): _text(value) for key, value in row.items() if key is not None}


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected(["CSV-файл должен быть в кодировке UTF-8."]) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(islice(reader, MAX_ROWS + 1))
    except csv.Error as error:
        raise ImportRejected([f"CSV-файл повреждён: {error}."]) from error
    if any(None in row for row in rows):
        raise ImportRejected(["В некоторых строках CSV больше значений, чем колонок."])
    return rows


def _read_xlsx(data):
    # Imported here: openpyxl adds ~40 MB to a process, and few read a workbook.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRejected(["Файл не похож на книгу Excel (XLSX)."]) from error
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None) or ()
    filled = (row for row in values if any(cell not in (None, "") for cell in row))
    # One row past the limit is enough to refuse the file; a huge sheet is never read whole.
    rows = [dict(zip(header, row, strict=False)) for row in islice(filled, MAX_ROWS + 1)]
    workbook.close()
    return rows


def _read_json(data):
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRejected([f"JSON-файл повреждён: {error}."]) from error
    if isinstance(document, dict):
        document = document.get("measures")
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise ImportRejected(["JSON должен быть списком мер или объектом с ключом «measures»."])
    return document
