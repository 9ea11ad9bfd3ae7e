"""Export of a filtered list of measures to CSV and XLSX.

Every cell passes the portal's formula guard (`portal.exporting.neutralise`).

A file holds at most MAX_ROWS measures; a longer selection ends with a row that says so.
"""

from portal.exporting import csv_bytes, neutralise, xlsx_bytes

# Enough for any real filter; the whole base is in the JSON API for machines.
MAX_ROWS = 5000
TRUNCATED_NOTE = (
    "Выгружены первые {limit} мер из {total}: уточните фильтр, чтобы получить остальные."
)

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


def first_rows(queryset):
    """At most MAX_ROWS measures and, when the filter selects more, a note for the file's end."""
    measures = list(queryset[: MAX_ROWS + 1])
    if len(measures) <= MAX_ROWS:
        return measures, ""
    return measures[:MAX_ROWS], TRUNCATED_NOTE.format(limit=MAX_ROWS, total=queryset.count())


def measure_rows(measures, note=""):
    yield [title for title, _ in COLUMNS]
    for measure in measures:
        yield [neutralise(getter(measure)) for _, getter in COLUMNS]
    if note:
        yield [note]


def to_csv(measures, note="") -> bytes:
    return csv_bytes(measure_rows(measures, note))


def to_xlsx(measures, note="") -> bytes:
    return xlsx_bytes("Меры поддержки", measure_rows(measures, note))
