"""Saving a parsed act: the document, a new edition with its units and references.

Importing is all-or-nothing (one transaction) and idempotent: the same text of the same document
is recognised by its checksum and changes nothing.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from legal_vector.importing.parser import parse_act, split_lines
from legal_vector.importing.resolving import save_references
from legal_vector.models import (
    Document,
    DocumentKind,
    DocumentLevel,
    DocumentStatus,
    Edition,
    StructuralUnit,
    Topic,
)
from legal_vector.search.indexing import after_import

LEVEL_BY_KIND = {
    DocumentKind.REGIONAL_LAW: DocumentLevel.REGIONAL,
    DocumentKind.MUNICIPAL_ACT: DocumentLevel.MUNICIPAL,
    DocumentKind.MUNICIPAL_TEMPLATE: DocumentLevel.MUNICIPAL,
}


class MalformedAct(ValueError):
    """The act cannot be imported; the message says why, in Russian."""


@dataclass
class ImportOptions:
    kind: str = ""
    number: str = ""
    adopted_on: datetime.date | None = None
    title: str = ""
    issuing_body: str = ""
    edition_date: datetime.date | None = None
    status: str = ""
    level: str = ""
    amending_act: str = ""
    source: str = ""
    citation_name: str = ""
    register_number: str = ""
    region_id: int | None = None
    municipality_id: int | None = None
    topics: list = field(default_factory=list)  # topic slugs


@dataclass
class ImportResult:
    document: Document
    edition: Edition
    created_document: bool
    created_edition: bool
    warnings: list

    @property
    def summary(self):
        if not self.created_edition:
            return f"Без изменений: {self.document.requisites()} — этот текст уже загружен."
        what = "Новый документ" if self.created_document else "Новая редакция"
        return f"{what}: {self.document.requisites()}, единиц: {self.edition.units.count()}."


def checksum_of(text):
    normalised = "\n".join(split_lines(text))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def import_text(text, options=None, source_name=""):
    """Import one act; raises MalformedAct with a clear message and saves nothing on error."""
    options = options or ImportOptions()
    parsed = parse_act(text, is_code=(options.kind == DocumentKind.CODE) or None)
    requisites = _merged_requisites(parsed.requisites, options)
    if not any(unit.text or unit.heading for unit in parsed.units):
        raise MalformedAct("В файле не найден текст акта: нет ни статей, ни пунктов, ни абзацев.")
    with transaction.atomic():
        document, created_document = _document_for(requisites, options)
        checksum = checksum_of(text)
        existing = document.editions.filter(checksum=checksum).first()
        if existing is not None:
            return ImportResult(document, existing, False, False, list(existing.warnings))
        edition = _new_edition(document, created_document, options, checksum, source_name)
        edition.warnings = parsed.warnings
        edition.save(update_fields=["warnings"])
        rows = _save_units(edition, parsed.units)
        save_references(document, rows)
        had_current = document.editions.current().exists()
        edition.make_current()
        _touch_document(document, options, checksum)
        if had_current and edition.is_current:
            from legal_vector.tasks import notify_new_edition

            transaction.on_commit(lambda: notify_new_edition.delay(edition.pk))
        after_import(edition)
    return ImportResult(document, edition, created_document, True, parsed.warnings)


def _merged_requisites(parsed, options):
    """Options win over what the text says; what is still missing is an error."""
    merged = {
        "kind": options.kind or parsed.kind,
        "number": options.number or parsed.number,
        "adopted_on": options.adopted_on or parsed.adopted_on,
        "title": options.title or parsed.title,
        "issuing_body": options.issuing_body or parsed.issuing_body,
    }
    missing = [
        label
        for name, label in (("kind", "вид"), ("adopted_on", "дата принятия"), ("title", "название"))
        if not merged[name]
    ]
    if missing:
        raise MalformedAct(
            "Не удалось определить реквизиты акта (" + ", ".join(missing) + "): укажите их "
            "параметрами --kind, --date, --title или в манифесте."
        )
    if merged["kind"] not in DocumentKind.values:
        raise MalformedAct(f"Неизвестный вид акта «{merged['kind']}».")
    merged["title"] = merged["title"][:1000]
    return merged


def _document_for(requisites, options):
    lookup = Document.objects.select_for_update().filter(
        kind=requisites["kind"], adopted_on=requisites["adopted_on"]
    )
    if requisites["number"]:
        lookup = lookup.filter(number=requisites["number"])
    else:
        lookup = lookup.filter(number="", title=requisites["title"])
    document = lookup.first()
    if document is not None:
        return document, False
    document = Document.objects.create(
        **requisites,
        level=options.level or LEVEL_BY_KIND.get(requisites["kind"], DocumentLevel.FEDERAL),
        status=options.status or DocumentStatus.IN_FORCE,
        citation_name=options.citation_name,
        register_number=options.register_number,
        region_id=options.region_id,
        municipality_id=options.municipality_id,
    )
    if options.topics:
        # Through rows, not `topics.set()`: its signal would index the document's units
        # a second time, after the import indexes its edition.
        topics = Topic.objects.filter(slug__in=options.topics)
        Document.topics.through.objects.bulk_create(
            [Document.topics.through(document=document, topic=topic) for topic in topics]
        )
    return document, True


def _new_edition(document, created_document, options, checksum, source_name):
    valid_from = options.edition_date or (
        document.adopted_on if created_document else timezone.localdate()
    )
    if document.editions.filter(valid_from=valid_from).exists():
        raise MalformedAct(
            f"Редакция от {valid_from:%d.%m.%Y} уже загружена с другим текстом: "
            "укажите дату новой редакции (--edition-date)."
        )
    return Edition.objects.create(
        document=document,
        valid_from=valid_from,
        amending_act=options.amending_act,
        checksum=checksum,
        source_name=source_name[:300],
    )


def _save_units(edition, parsed_units):
    """Insert units level by level, so every parent has its id before its children."""
    by_depth = defaultdict(list)
    for position, unit in enumerate(parsed_units):
        by_depth[unit.depth].append((position, unit))
    saved = {}
    for depth in sorted(by_depth):
        rows = [
            StructuralUnit(
                edition=edition,
                document_id=edition.document_id,
                parent=saved[id(unit.parent)] if unit.parent is not None else None,
                kind=unit.kind,
                number=unit.number[:32],
                heading=unit.heading,
                text=unit.text,
                note=unit.note,
                is_repealed=unit.is_repealed,
                stable_key=unit.stable_key,
                short_label=unit.label,
                position=position,
                depth=depth,
            )
            for position, unit in by_depth[depth]
        ]
        StructuralUnit.objects.bulk_create(rows, batch_size=2000)
        for (_, unit), row in zip(by_depth[depth], rows, strict=True):
            saved[id(unit)] = row
    return list(saved.values())


def _touch_document(document, options, checksum):
    document.checksum = checksum
    document.imported_at = document.updated_at = timezone.now()
    document.source = options.source or document.source
    document.status = options.status or document.status
    # An update, not save(): its signal would index the document's units a second time.
    Document.objects.filter(pk=document.pk).update(
        checksum=document.checksum,
        imported_at=document.imported_at,
        source=document.source,
        status=document.status,
        updated_at=document.updated_at,
    )
