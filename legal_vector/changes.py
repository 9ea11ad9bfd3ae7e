"""«Что менялось»: the history of an act read from the edition marks of its current text.

An export from a legal reference system carries the marks (`StructuralUnit.change_marks`,
`Edition.amending_acts`); grouped by amending act they tell what each act inserted, amended or
repealed, even when only the latest edition was ever imported. Two queries whatever the size.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from legal_vector.models import Document

KIND_NAMES = {"amended": "изменён", "inserted": "введён", "repealed": "утратил силу"}


@dataclass
class AmendingAct:
    date: datetime.date | None
    number: str
    document: Document | None = None  # the act itself, when it is in the base
    changes: list = field(default_factory=list)  # (unit, kind name)

    @property
    def label(self):
        parts = [f"от {self.date:%d.%m.%Y}" if self.date else "", f"№ {self.number}"]
        return " ".join(part for part in parts if part)


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def change_history(edition):
    """The amending acts of an edition in date order, each with the units it changed."""
    acts = {}

    def act_for(named):
        key = (named.get("date", ""), named.get("number", ""))
        if key not in acts:
            acts[key] = AmendingAct(_date(key[0]), key[1])
        return acts[key]

    for listed in edition.amending_acts:
        for named in listed.get("acts", []):
            act_for(named)
    units = (
        edition.units.exclude(change_marks=[])
        .only("document_id", "kind", "stable_key", "short_label", "change_marks", "position")
        .order_by("position")
    )
    for unit in units:
        for mark in unit.change_marks:
            for named in mark.get("acts", []):
                act_for(named).changes.append((unit, KIND_NAMES.get(mark.get("kind"), "")))
    _link_documents(acts.values())
    return sorted(acts.values(), key=lambda act: (act.date or datetime.date.min, act.number))


def _link_documents(acts):
    wanted = [act for act in acts if act.date and act.number]
    if not wanted:
        return
    condition = Q()
    for act in wanted:
        condition |= Q(adopted_on=act.date, number=act.number)
    found = {
        (document.adopted_on, document.number): document
        for document in Document.objects.filter(condition).only("pk", "title", "kind")
    }
    for act in wanted:
        act.document = found.get((act.date, act.number))
