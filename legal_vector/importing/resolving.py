"""Resolving found references to documents and units of the base, in a bounded number of queries."""

from django.db.models import Q

from legal_vector.importing.references import find_references
from legal_vector.models import Document, DocumentKind, Reference, StructuralUnit


def save_references(document, units):
    """Find references in the units' text, resolve what is in the base, store them all."""
    found = [(unit, ref) for unit in units for ref in find_references(unit.text, unit.stable_key)]
    if not found:
        return []
    targets = _external_targets(document, [ref for _, ref in found])
    own_keys = {unit.stable_key for unit in units}
    target_keys = _existing_keys({doc.pk for doc in targets.values() if doc is not None})
    rows = []
    for unit, ref in found:
        target = document if ref.kind == "internal" else targets.get(_target_id(ref))
        keys = own_keys if target is document else target_keys.get(getattr(target, "pk", None), ())
        rows.append(
            Reference(
                source_unit=unit,
                text=ref.text[:500],
                start=ref.start,
                end=ref.end,
                target_document=target,
                target_key=ref.key if target is not None and ref.key in keys else "",
            )
        )
    return Reference.objects.bulk_create(rows, batch_size=2000)


def _target_id(ref):
    if ref.kind == "code":
        return ("code", ref.code_stem)
    return ("dated", ref.number, ref.date)


def _external_targets(document, references):
    """Map of reference identity -> Document (or None), with two queries at most."""
    dated = {(ref.number, ref.date) for ref in references if ref.kind == "external" and ref.date}
    targets = {}
    if dated:
        condition = Q()
        for number, date in dated:
            condition |= Q(number=number, adopted_on=date)
        for found in Document.objects.filter(condition).only("pk", "number", "adopted_on"):
            targets[("dated", found.number, found.adopted_on)] = found
    stems = {ref.code_stem for ref in references if ref.kind == "code"}
    if stems:
        for code in Document.objects.filter(kind=DocumentKind.CODE).only("pk", "title"):
            stem = code.title[:5].lower()
            if stem in stems:
                targets[("code", stem)] = code
    return targets


def _existing_keys(document_ids):
    if not document_ids:
        return {}
    keys = {}
    rows = StructuralUnit.objects.current().filter(document_id__in=document_ids)
    for document_id, key in rows.values_list("document_id", "stable_key"):
        keys.setdefault(document_id, set()).add(key)
    return keys


def refresh_references(edition):
    """Find the references of an edition again, e.g. after the documents they cite arrived."""
    Reference.objects.filter(source_unit__edition=edition).delete()
    edition.links_version += 1
    edition.save(update_fields=["links_version"])
    return save_references(edition.document, list(edition.units.all()))
