"""Loading municipalities from an ОКТМО CSV file: every row is checked before anything is written.

The same code loads the shipped reference data (from a data migration, with historical models)
and the full ОКТМО list (`manage.py import_oktmo`), so both take the model classes as arguments.
The CSV format is described in docs/municipalities.md.
"""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, router, transaction

from portal.municipalities.models import MunicipalityType

COLUMNS = ("oktmo", "name", "kind", "region", "parent_oktmo", "population")
OKTMO_PATTERN = re.compile(r"^(\d{8}|\d{11})$")
# The eight types nest at most two levels deep, which also rules out parent cycles.
PARENT_KINDS = {
    MunicipalityType.URBAN_SETTLEMENT: MunicipalityType.MUNICIPAL_DISTRICT,
    MunicipalityType.RURAL_SETTLEMENT: MunicipalityType.MUNICIPAL_DISTRICT,
    MunicipalityType.INTRACITY_DISTRICT: MunicipalityType.URBAN_OKRUG_DIVIDED,
}
KIND_BY_TEXT = {
    **{value: value for value in MunicipalityType.values},
    **{label.lower(): value for value, label in MunicipalityType.choices},
}
MAX_REPORTED_ERRORS = 50
REFERENCE_DATA = Path(__file__).resolve().parent / "data"


class OktmoImportError(ValueError):
    """The file cannot be imported; `errors` holds one Russian message per problem."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class MunicipalityRow:
    line: int
    oktmo: str
    name: str
    kind: str
    region_code: str
    parent_oktmo: str
    population: int


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _error(line, column, message):
    return f"Строка {line}, поле «{column}»: {message}"


def _parse_row(line, raw):
    """A MunicipalityRow, or the list of problems found in the raw CSV dict."""
    values = {column: (raw.get(column) or "").strip() for column in COLUMNS}
    errors = []
    if not OKTMO_PATTERN.match(values["oktmo"]):
        errors.append(_error(line, "oktmo", "код ОКТМО должен состоять из 8 или 11 цифр."))
    if not values["name"]:
        errors.append(_error(line, "name", "название не заполнено."))
    kind = KIND_BY_TEXT.get(values["kind"].lower())
    if kind is None:
        errors.append(_error(line, "kind", f"неизвестный тип «{values['kind']}»."))
    region_code = values["region"].zfill(2)
    if not re.fullmatch(r"\d{2}", region_code):
        errors.append(_error(line, "region", "код субъекта РФ должен состоять из двух цифр."))
    if values["parent_oktmo"] and not OKTMO_PATTERN.match(values["parent_oktmo"]):
        errors.append(_error(line, "parent_oktmo", "код ОКТМО должен состоять из 8 или 11 цифр."))
    population = values["population"] or "0"
    if not population.isdigit():
        errors.append(_error(line, "population", "население — целое неотрицательное число."))
    if errors:
        return errors
    return MunicipalityRow(
        line=line,
        oktmo=values["oktmo"],
        name=values["name"],
        kind=kind,
        region_code=region_code,
        parent_oktmo=values["parent_oktmo"],
        population=int(population),
    )


def read_rows(text_file, delimiter=","):
    """Parse and check the format of every row; raises OktmoImportError listing all problems."""
    reader = csv.DictReader(text_file, delimiter=delimiter)
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise OktmoImportError([f"Строка 1: в заголовке нет столбцов {', '.join(missing)}."])
    rows, errors, seen = [], [], {}
    # Line 1 is the header, so the first data row is line 2, as a spreadsheet shows it.
    for line, raw in enumerate(reader, start=2):
        parsed = _parse_row(line, raw)
        if isinstance(parsed, list):
            errors.extend(parsed)
            continue
        if parsed.oktmo in seen:
            errors.append(
                _error(
                    line,
                    "oktmo",
                    f"код {parsed.oktmo} уже встречался в строке {seen[parsed.oktmo]}.",
                )
            )
            continue
        seen[parsed.oktmo] = line
        rows.append(parsed)
    if errors:
        raise OktmoImportError(errors[:MAX_REPORTED_ERRORS])
    return rows


def _reference_errors(rows, regions, existing_kinds):
    """Problems with regions and parents, given `regions` {code: (id, prefix, name)}."""
    kinds = {**existing_kinds, **{row.oktmo: row.kind for row in rows}}
    errors = []
    for row in rows:
        region = regions.get(row.region_code)
        if region is None:
            errors.append(
                _error(row.line, "region", f"субъект РФ с кодом {row.region_code} не найден.")
            )
        elif region[1] and not row.oktmo.startswith(region[1]):
            errors.append(
                _error(
                    row.line,
                    "oktmo",
                    f"код {row.oktmo} не относится к субъекту «{region[2]}» "
                    f"(коды ОКТМО этого субъекта начинаются с {region[1]}).",
                )
            )
        errors.extend(_parent_errors(row, kinds))
    return errors


def _parent_errors(row, kinds):
    expected = PARENT_KINDS.get(row.kind)
    kind_label = MunicipalityType(row.kind).label
    if not row.parent_oktmo:
        if expected:
            return [_error(row.line, "parent_oktmo", f"для типа «{kind_label}» нужен вышестоящий.")]
        return []
    if expected is None:
        return [_error(row.line, "parent_oktmo", f"у типа «{kind_label}» нет вышестоящего.")]
    parent_kind = kinds.get(row.parent_oktmo)
    if parent_kind is None:
        return [_error(row.line, "parent_oktmo", f"код {row.parent_oktmo} не найден.")]
    if parent_kind != expected:
        return [
            _error(
                row.line,
                "parent_oktmo",
                f"вышестоящим для типа «{kind_label}» может быть только "
                f"«{MunicipalityType(expected).label}».",
            )
        ]
    return []


def rebuild_lineage(municipality_model):
    """Recompute every `lineage` from the parent links with one recursive SQL statement."""
    table = connections[router.db_for_write(municipality_model)].ops.quote_name(
        municipality_model._meta.db_table
    )
    sql = f"""
        WITH RECURSIVE tree (id, path) AS (
            SELECT id, ARRAY[id] FROM {table} WHERE parent_id IS NULL
            UNION ALL
            SELECT child.id, tree.path || child.id
            FROM {table} child JOIN tree ON child.parent_id = tree.id
        )
        UPDATE {table} AS target SET lineage = tree.path
        FROM tree WHERE target.id = tree.id AND target.lineage IS DISTINCT FROM tree.path
    """
    with connections[router.db_for_write(municipality_model)].cursor() as cursor:
        cursor.execute(sql)


def _write(rows, region_ids, municipality_model):
    """Insert new rows, update changed ones, link parents; returns (created, changed) codes."""
    existing = municipality_model.objects.in_bulk([row.oktmo for row in rows], field_name="oktmo")
    fields = ["name", "kind", "region_id", "population"]
    created, updated = [], []
    for row in rows:
        values = dict(
            name=row.name,
            kind=row.kind,
            region_id=region_ids[row.region_code],
            population=row.population,
        )
        current = existing.get(row.oktmo)
        if current is None:
            created.append(municipality_model(oktmo=row.oktmo, **values))
        elif any(getattr(current, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(current, field, value)
            updated.append(current)
    municipality_model.objects.bulk_create(created, batch_size=1000)
    municipality_model.objects.bulk_update(updated, fields, batch_size=1000)
    relinked = _link_parents(rows, municipality_model)
    return {m.oktmo for m in created}, {m.oktmo for m in updated} | relinked


def _link_parents(rows, municipality_model):
    codes = {row.oktmo for row in rows} | {row.parent_oktmo for row in rows if row.parent_oktmo}
    current = {
        oktmo: (pk, parent_id)
        for oktmo, pk, parent_id in municipality_model.objects.filter(oktmo__in=codes).values_list(
            "oktmo", "pk", "parent_id"
        )
    }
    relinked = []
    for row in rows:
        pk, parent_id = current[row.oktmo]
        wanted = current[row.parent_oktmo][0] if row.parent_oktmo else None
        if parent_id != wanted:
            relinked.append(municipality_model(pk=pk, oktmo=row.oktmo, parent_id=wanted))
    municipality_model.objects.bulk_update(relinked, ["parent_id"], batch_size=1000)
    return {m.oktmo for m in relinked}


def import_rows(rows, region_model, municipality_model):
    """Check references, then upsert all rows by ОКТМО in one transaction; nothing is half-done."""
    regions = {
        code: (pk, prefix, name)
        for code, pk, prefix, name in region_model.objects.values_list(
            "code", "pk", "okato_prefix", "name"
        )
    }
    parent_codes = {row.parent_oktmo for row in rows if row.parent_oktmo}
    existing_kinds = dict(
        municipality_model.objects.filter(oktmo__in=parent_codes).values_list("oktmo", "kind")
    )
    errors = _reference_errors(rows, regions, existing_kinds)
    if errors:
        raise OktmoImportError(errors[:MAX_REPORTED_ERRORS])
    region_ids = {code: value[0] for code, value in regions.items()}
    with transaction.atomic(using=router.db_for_write(municipality_model)):
        created, changed = _write(rows, region_ids, municipality_model)
        rebuild_lineage(municipality_model)
    changed -= created
    return ImportResult(
        created=len(created),
        updated=len(changed),
        unchanged=len(rows) - len(created) - len(changed),
    )


def import_file(text_file, region_model, municipality_model, delimiter=","):
    return import_rows(read_rows(text_file, delimiter), region_model, municipality_model)


def load_regions(text_file, region_model):
    """Upsert the subjects of the Federation by code from a `code,name,okato_prefix` CSV."""
    regions = [
        region_model(code=raw["code"], name=raw["name"], okato_prefix=raw["okato_prefix"])
        for raw in csv.DictReader(text_file)
    ]
    region_model.objects.bulk_create(
        regions,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "okato_prefix"],
    )
    return len(regions)


def load_reference_data(region_model, municipality_model):
    """Load the shipped regions and municipalities; safe to repeat (upserts by code)."""
    with open(REFERENCE_DATA / "regions.csv", encoding="utf-8", newline="") as regions:
        load_regions(regions, region_model)
    with open(REFERENCE_DATA / "municipalities.csv", encoding="utf-8", newline="") as rows:
        return import_file(rows, region_model, municipality_model)
