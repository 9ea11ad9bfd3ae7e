"""The filtered field as CSV or XLSX for federal bodies. Cells are made formula-safe by the
portal's guard (`portal.exporting.neutralise`), the one place that rule lives."""

from django.conf import settings

from portal.exporting import csv_bytes, neutralise, xlsx_bytes

MAX_ROWS = 5000

COLUMNS = [
    ("Номер", lambda p: p.pk),
    ("Проблема", lambda p: p.title),
    ("Направление", lambda p: p.direction.name),
    ("Регион", lambda p: str(p.region) if p.region_id else ""),
    ("Муниципальное образование", lambda p: str(p.municipality) if p.municipality_id else ""),
    ("Уровень", lambda p: p.get_level_display()),
    ("Статус", lambda p: p.get_status_display()),
    ("Поддержали", lambda p: p.supports_count),
    ("Опубликована", lambda p: p.published_at.date() if p.published_at else ""),
    ("Ответ до", lambda p: p.due_at.date() if p.due_at else ""),
    ("Ссылка", lambda p: settings.SITE_URL.rstrip("/") + p.get_absolute_url()),
]


def rows(problems):
    yield [title for title, _ in COLUMNS]
    for problem in problems:
        yield [neutralise(getter(problem)) for _, getter in COLUMNS]


def to_csv(problems) -> bytes:
    return csv_bytes(rows(problems))


def to_xlsx(problems) -> bytes:
    return xlsx_bytes("Проблемы", rows(problems))
