"""Upsert measures from a file by source id; new and changed ones go to the review queue.

The whole file is validated before anything is written, and the writes run in one transaction:
a file with a single bad row changes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.log_actions import log

from navigator.importing.errors import ImportRejected
from navigator.importing.readers import read_rows
from navigator.importing.rows import (
    MANY_FIELDS,
    RELATION_FIELDS,
    MeasureRowForm,
    Vocabulary,
    duplicate_source_ids,
    missing_columns,
)
from navigator.models import SupportMeasure
from navigator.models.imports import summary_text

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
# The header is line 1 of a spreadsheet, so the first measure is on line 2.
FIRST_DATA_LINE = 2


@dataclass
class PlannedRow:
    line: int
    source_id: str
    title: str
    action: str
    changed_fields: list[str] = field(default_factory=list)
    values: dict = field(repr=False, default_factory=dict)
    measure: SupportMeasure | None = field(repr=False, default=None)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[PlannedRow]
    dry_run: bool

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self):
        counts = (self.count(NEW), self.count(CHANGED), self.count(UNCHANGED))
        return summary_text(*counts, dry_run=self.dry_run)

    def row_records(self):
        """The plan as plain data, for the import's record (`MeasureImport.rows`)."""
        return [
            {
                "line": row.line,
                "source_id": row.source_id,
                "title": row.title,
                "action": row.action,
                "changed_fields": row.changed_fields,
                "warnings": row.warnings,
            }
            for row in self.rows
        ]


def import_measures(name, data, *, user=None, dry_run=False):
    """Import the file; raises ImportRejected with row-level errors and writes nothing then."""
    plan = plan_import(read_rows(name, data))
    if not dry_run:
        with transaction.atomic():
            for row in plan:
                _apply(row, user)
    return ImportReport(rows=plan, dry_run=dry_run)


def plan_import(rows):
    missing = missing_columns(rows)
    if missing:
        raise ImportRejected([f"Нет обязательных колонок: {', '.join(missing)}."])
    duplicates = duplicate_source_ids(rows)
    if duplicates:
        raise ImportRejected([f"Идентификатор повторяется в файле: {', '.join(duplicates)}."])
    vocabulary = Vocabulary()
    source_ids = [row.get("source_id", "") for row in rows]
    existing = {m.source_id: m for m in SupportMeasure.objects.filter(source_id__in=source_ids)}
    plan, errors = [], []
    for line, row in enumerate(rows, start=FIRST_DATA_LINE):
        measure = existing.get(row.get("source_id", ""))
        form = MeasureRowForm(row, vocabulary, updating=measure is not None)
        if not form.is_valid():
            errors.extend(_row_errors(line, form))
            continue
        plan.append(_plan_row(line, form.cleaned_data["source_id"], form.given_values(), measure))
    if errors:
        raise ImportRejected(errors)
    warn_of_duplicates(plan)
    return plan


def warn_of_duplicates(plan):
    """Flag rows whose title and organiser match a measure under another source id.

    Two source ids for one measure usually mean a re-numbered source or a copy-paste; an editor
    decides, so this is a warning in the report rather than an error.
    """
    seen = {}
    titles = {row.title for row in plan}
    for measure in SupportMeasure.objects.filter(title__in=titles).only(
        "source_id", "title", "organiser_id"
    ):
        seen.setdefault((measure.title, measure.organiser_id), set()).add(measure.source_id)
    for row in plan:
        seen.setdefault(_identity(row), set()).add(row.source_id)
    for row in plan:
        others = sorted(seen[_identity(row)] - {row.source_id})
        if others:
            listed = ", ".join(other or "без идентификатора" for other in others)
            row.warnings.append(f"Возможный дубль: то же название и организатор у {listed}.")


def _identity(row):
    # The organiser is a required column, so every row names one.
    return row.title, row.values["organiser"].pk


def _row_errors(line, form):
    for name, messages in form.errors.items():
        column = "" if name == "__all__" else f", колонка {name}"
        for message in messages:
            yield f"Строка {line}{column}: {message}"


def _plan_row(line, source_id, values, measure):
    values.pop("source_id")
    title = values["title"]
    if measure is None:
        return PlannedRow(line, source_id, title, NEW, values=values)
    current = measure.get_latest_revision_as_object()
    changed = [
        name
        for name, value in values.items()
        if _current_value(current, name) != _comparable(name, value)
    ]
    action = CHANGED if changed else UNCHANGED
    return PlannedRow(line, source_id, title, action, changed, values, current)


def _current_value(measure, name):
    if name in MANY_FIELDS:
        return {item.pk for item in getattr(measure, name).all()}
    if name in RELATION_FIELDS:
        return getattr(measure, f"{name}_id")
    value = getattr(measure, name)
    return sorted(value) if name == "municipality_types" else value


def _comparable(name, value):
    if name in MANY_FIELDS:
        return {item.pk for item in value}
    if name in RELATION_FIELDS:
        return getattr(value, "pk", None)
    return value


def _assign(measure, values):
    for name, value in values.items():
        if name in MANY_FIELDS:
            getattr(measure, name).set(value)
        else:
            setattr(measure, name, value)


def _apply(row, user):
    if row.action == UNCHANGED:
        return
    if row.action == NEW:
        measure = SupportMeasure(source_id=row.source_id, live=False, has_unpublished_changes=True)
        _assign(measure, row.values)
        measure.save()
        log(instance=measure, action="wagtail.create", user=user)
    else:
        measure = row.measure
        _assign(measure, row.values)
    measure.save_revision(user=user, log_action=row.action == CHANGED)
    _submit_for_review(measure, user)


def _submit_for_review(measure, user):
    """Start the moderation workflow; a review already under way restarts on the new revision."""
    workflow = measure.get_workflow()
    if workflow is None:
        return
    if measure.workflow_in_progress:
        measure.current_workflow_state.cancel(user=user)
    workflow.start(measure, user)
