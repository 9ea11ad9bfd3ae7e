"""Importing a folder of acts: described by manifest.csv or manifest.json, or without a
manifest each act file on the requisites read from its own text."""

import csv
import datetime
import json
from pathlib import Path

from legal_vector.importing.files import SUPPORTED, read_text
from legal_vector.importing.importer import ImportOptions, MalformedAct, import_text

# Manifest columns (and command-line options) -> ImportOptions fields.
FIELDS = {
    "kind": "kind",
    "number": "number",
    "date": "adopted_on",
    "title": "title",
    "body": "issuing_body",
    "edition_date": "edition_date",
    "status": "status",
    "level": "level",
    "amending_act": "amending_act",
    "source": "source",
    "citation_name": "citation_name",
    "register_number": "register_number",
    "region": "region",
    "municipality": "municipality",
    "numbered_items": "numbered_items",
}
DATE_FIELDS = {"adopted_on", "edition_date"}


def parse_date(value, what="дата"):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise MalformedAct(f"Неверная {what} «{value}»: ожидается ГГГГ-ММ-ДД.") from error


def options_from(values):
    """ImportOptions from a manifest row or command options (keys as in FIELDS)."""
    options = ImportOptions()
    for key, attribute in FIELDS.items():
        # JSON may give a number (a region code 77): it is read as text, not dropped.
        value = str(values.get(key) or "").strip()
        if not value:
            continue
        setattr(options, attribute, parse_date(value) if attribute in DATE_FIELDS else value)
    topics = values.get("topics") or ""
    if isinstance(topics, str):
        topics = [slug.strip() for slug in topics.replace(";", ",").split(",")]
    options.topics = [slug for slug in topics if slug]
    return options


def read_manifest(folder):
    folder = Path(folder)
    if (folder / "manifest.json").exists():
        rows = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise MalformedAct("manifest.json должен содержать список объектов.")
        return rows
    if (folder / "manifest.csv").exists():
        with (folder / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    # No manifest: every act file of the folder, each on the requisites of its own text.
    return [
        {"file": path.name}
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix.lower() in SUPPORTED
    ]


def import_folder(folder, defaults=None):
    """Import each file listed in the folder's manifest; yields (file name, result or error)."""
    folder = Path(folder)
    for row in read_manifest(folder):
        name = (row.get("file") or "").strip()
        values = {**(defaults or {}), **{k: v for k, v in row.items() if v}}
        try:
            if not name or not (folder / name).is_file():
                raise MalformedAct(f"Файл «{name}» из манифеста не найден.")
            result = import_text(read_text(folder / name), options_from(values), source_name=name)
        except (MalformedAct, ValueError) as error:  # UnreadableFile is a ValueError
            yield name, error
            continue
        yield name, result
