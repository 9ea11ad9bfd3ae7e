"""Resolving found references to documents and units of the base, in a bounded number of queries."""

from django.db.models import F, Q

from legal_vector.importing.references import find_references
from legal_vector.models import Document, DocumentKind, Edition, Reference, StructuralUnit


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


def resolve_references_to(document):
    """Link the references that cite `document` but were imported before it arrived.

    Unresolved references whose text mentions the document's number (or a code's name), and
    references to the document that found no unit of it, are parsed again and linked when they
    really cite it. Returns the number of references changed.
    """
    current = StructuralUnit.objects.current().filter(document=document)
    keys = set(current.values_list("stable_key", flat=True))
    changed = []
    for reference in _candidates(document).select_related("source_unit"):
        found = find_references(reference.text, reference.source_unit.stable_key)
        if not found or not _cites(found[0], document):
            continue
        key = found[0].key if found[0].key in keys else ""
        if reference.target_document_id == document.pk and reference.target_key == key:
            continue
        reference.target_document, reference.target_key = document, key
        changed.append(reference)
    Reference.objects.bulk_update(changed, ["target_document", "target_key"], batch_size=2000)
    # Cached renderings of the citing texts carry the links: let them expire.
    editions = {reference.source_unit.edition_id for reference in changed}
    Edition.objects.filter(pk__in=editions).update(links_version=F("links_version") + 1)
    return len(changed)


def _candidates(document):
    """A cheap text filter; `_cites` then checks each candidate properly."""
    unlinked_to_units = Q(target_document=document, target_key="")
    if document.kind == DocumentKind.CODE:
        mention = Q(text__icontains=document.title[:5]) & Q(text__icontains="кодекс")
    elif document.number:
        year = f"{document.adopted_on:%Y}"
        mention = Q(text__contains=document.number) & Q(text__contains=year)
    else:
        return Reference.objects.filter(unlinked_to_units)
    return Reference.objects.filter(Q(target_document__isnull=True) & mention | unlinked_to_units)


def _cites(found, document):
    if found.kind == "code":
        stem = document.title[:5].lower()
        return document.kind == DocumentKind.CODE and found.code_stem == stem
    identity = (document.number, document.adopted_on)
    return found.kind == "external" and (found.number, found.date) == identity
