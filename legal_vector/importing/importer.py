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

from legal_vector.importing.codes import NUMBERED_ITEMS, PARTS, POINTS, code_citation_name
from legal_vector.importing.parser import parse_act, split_lines
from legal_vector.importing.requisites import act_citation_name
from legal_vector.importing.resolving import resolve_references_to, save_references
from legal_vector.importing.territory import territory_of
from legal_vector.models import (
    Document,
    DocumentKind,
    DocumentLevel,
    DocumentStatus,
    Edition,
    StructuralUnit,
    Topic,
)
from legal_vector.search.syncing import after_import
from portal.municipalities.models import Municipality, Region
from portal.outbox import enqueue_on_commit

# A federal law stays federal even when imported with a region (the region then only says
# where it is of interest); other kinds take their level from the territory.
LEVEL_BY_KIND = {
    DocumentKind.FEDERAL_LAW: DocumentLevel.FEDERAL,
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
    region: str = ""  # two-digit code of the subject (Region.code); wins over region_id
    municipality: str = ""  # OKTMO code (Municipality.oktmo); wins over municipality_id
    numbered_items: str = ""  # "parts" or "points": overrides what the code's title suggests
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
    _check_choices(options)
    parsed = _parse(text, options)
    requisites = _merged_requisites(parsed, options)
    if not any(unit.text or unit.heading for unit in parsed.units):
        raise MalformedAct("В файле не найден текст акта: нет ни статей, ни пунктов, ни абзацев.")
    with transaction.atomic():
        document, created_document = _document_for(requisites, options, parsed.requisites)
        checksum = checksum_of(text)
        existing = document.editions.filter(checksum=checksum).first()
        if existing is not None:
            return ImportResult(document, existing, False, False, list(existing.warnings))
        if not created_document and not options.numbered_items:
            parsed = _with_numbering_of(document, parsed, text, options)
        edition = _new_edition(document, created_document, options, checksum, source_name)
        edition.warnings = parsed.warnings
        edition.amending_acts = parsed.amending_acts
        edition.save(update_fields=["warnings", "amending_acts"])
        rows = _save_units(edition, parsed.units)
        save_references(document, rows)
        had_current = document.editions.current().exists()
        edition.make_current()
        _touch_document(document, options, checksum)
        if had_current and edition.is_current:
            enqueue_on_commit("legal_vector.tasks.notify_new_edition", edition.pk)
        # References imported before this document arrived can be linked now.
        resolve_references_to(document)
        after_import(edition)
    return ImportResult(document, edition, created_document, True, parsed.warnings)


def _parse(text, options, numbered_items=""):
    return parse_act(
        text,
        kind=options.kind,
        title=options.title,
        numbered_items=numbered_items or options.numbered_items,
    )


def _with_numbering_of(document, parsed, text, options):
    """A new edition numbers an article's «1.» as the current one does, so keys stay stable.

    Which numbering the current edition used is not stored: the text is parsed the other way
    too, and the parse whose keys match more of the current keys wins.
    """
    other = _parse(
        text, options, numbered_items=POINTS if parsed.numbered_items == PARTS else PARTS
    )
    current = StructuralUnit.objects.current().filter(document=document)
    keys = set(current.values_list("stable_key", flat=True))
    if _matching(other, keys) <= _matching(parsed, keys):
        return parsed
    what = "части" if other.numbered_items == PARTS else "пункты"
    other.warnings.append(
        f"«1.» в статьях разобраны как {what}, как в текущей редакции, чтобы ключи единиц не "
        "изменились."
    )
    return other


def _matching(parsed, keys):
    return sum(1 for unit in parsed.units if unit.stable_key in keys)


def _check_choices(options):
    """Values of the choice options, checked before anything is read or saved."""
    checks = (
        ("level", options.level, DocumentLevel.values),
        ("status", options.status, DocumentStatus.values),
        ("numbered_items", options.numbered_items, NUMBERED_ITEMS),
    )
    for name, value, allowed in checks:
        if value and value not in allowed:
            raise MalformedAct(
                f"Неверное значение {name} «{value}»: допустимы " + ", ".join(allowed) + "."
            )


def _merged_requisites(parsed_act, options):
    """Options win over what the text says; what is still missing is an error that names the
    line where reading the heading stopped."""
    parsed = parsed_act.requisites
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
            "Не удалось определить реквизиты акта ("
            + ", ".join(missing)
            + "): "
            + _where_heading_stopped(parsed_act)
            + " Укажите их параметрами --kind, --date, --title или в манифесте."
        )
    if merged["kind"] not in DocumentKind.values:
        raise MalformedAct(f"Неизвестный вид акта «{merged['kind']}».")
    merged["title"] = merged["title"][:1000]
    return merged


def _where_heading_stopped(parsed_act):
    read = len(parsed_act.header_lines)
    first = next((unit.text or unit.heading for unit in parsed_act.units), "")
    line = first.split("\n", 1)[0][:120]
    if not line:
        return "в файле нет текста после заголовка."
    return (
        f"прочитано строк заголовка: {read}; чтение остановилось на строке «{line}» "
        "(ожидались вид акта прописными буквами, дата и номер, название)."
    )


def _document_for(requisites, options, parsed):
    lookup = Document.objects.select_for_update()
    if requisites["number"]:
        lookup = lookup.identified_by(
            requisites["kind"], requisites["number"], requisites["adopted_on"]
        )
    else:
        lookup = lookup.filter(
            kind=requisites["kind"],
            adopted_on=requisites["adopted_on"],
            number="",
            title=requisites["title"],
        )
    document = lookup.first()
    if document is not None:
        return document, False
    region_id, municipality_id = _territory(options)
    if not (region_id or municipality_id or options.level) and parsed.territory:
        region_id, municipality_id = territory_of(parsed.territory)
    _check_register_number(options.register_number)
    document = Document.objects.create(
        **requisites,
        level=options.level or _level(requisites["kind"], region_id, municipality_id),
        status=options.status or DocumentStatus.IN_FORCE,
        citation_name=options.citation_name or _citation_name(requisites, parsed.act_word),
        register_number=options.register_number,
        region_id=region_id,
        municipality_id=municipality_id,
    )
    if options.topics:
        # Through rows, not `topics.set()`: its signal would index the document's units
        # a second time, after the import indexes its edition.
        topics = Topic.objects.filter(slug__in=options.topics)
        Document.topics.through.objects.bulk_create(
            [Document.topics.through(document=document, topic=topic) for topic in topics]
        )
    return document, True


def _level(kind, region_id, municipality_id):
    if kind in LEVEL_BY_KIND:
        return LEVEL_BY_KIND[kind]
    if municipality_id:
        return DocumentLevel.MUNICIPAL
    # «Правительство Энской области» / «ПОСТАНОВЛЕНИЕ»: a regional resolution.
    return DocumentLevel.REGIONAL if region_id else DocumentLevel.FEDERAL


def _citation_name(requisites, act_word=""):
    """Codes are cited by their name («Жилищного кодекса Российской Федерации»); a municipal
    act or a resolution by what it is and who adopted it («постановления администрации
    городского округа Энск от 03.06.2025 № 771»); the other kinds need no stored name:
    «Федерального закона от … № …» is built from the requisites."""
    if requisites["kind"] == DocumentKind.CODE:
        return code_citation_name(requisites["title"])
    if requisites["kind"] in (DocumentKind.MUNICIPAL_ACT, DocumentKind.RESOLUTION):
        return act_citation_name(act_word, requisites)
    return ""


def _territory(options):
    """(region id, municipality id) from the codes in the options; unknown codes are errors."""
    region_id, municipality_id = options.region_id, options.municipality_id
    if options.region:
        region = Region.objects.filter(code=options.region).first()
        if region is None:
            raise MalformedAct(
                f"Неизвестный код субъекта РФ «{options.region}»: ожидается двузначный код "
                "из справочника, например 77."
            )
        region_id = region.pk
    if options.municipality:
        municipality = Municipality.objects.filter(oktmo=options.municipality).first()
        if municipality is None:
            raise MalformedAct(
                f"Муниципальное образование с кодом ОКТМО «{options.municipality}» "
                "не найдено в справочнике."
            )
        if region_id and municipality.region_id != region_id:
            raise MalformedAct(
                f"Муниципальное образование «{municipality.name}» находится в другом субъекте "
                "РФ, чем указан в параметре region."
            )
        region_id, municipality_id = municipality.region_id, municipality.pk
    return region_id, municipality_id


def _check_register_number(register_number):
    if register_number and Document.objects.filter(register_number=register_number).exists():
        raise MalformedAct(
            f"Номер в регистре МПА «{register_number}» уже есть у другого документа."
        )


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
                change_marks=unit.marks,
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
