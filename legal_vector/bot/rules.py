"""The operative rule: a list item quoted with its lead-in, never a lead-in alone.

An act often says «Муниципальному служащему запрещено:» in one unit and lists the
prohibitions in its child units. The lead-in alone answers nothing and an item alone loses its
meaning («5) получать … подарки»), so the bot cites the item and quotes both.
"""

from django.db.models import FloatField
from django.db.models.expressions import RawSQL

from legal_vector.bot.retrieval import QUERYSET_TESTS, matched_weight, rules, total_weight

QUOTE_LENGTH = 420
LEAD_IN_LENGTH = 200
# Items quoted under a lead-in none of whose items matches the question.
LISTED_ITEMS = 3


def quote_of(text: str, length: int = QUOTE_LENGTH) -> str:
    """The text, cut at a sentence or word end if long; the cut is marked with «…»."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length]
    sentence_end = cut.rfind(". ")
    end = sentence_end + 1 if sentence_end > length // 2 else cut.rfind(" ")
    return f"{cut[:end].rstrip()} …"


def is_lead_in(unit) -> bool:
    return (unit.text or "").rstrip().endswith(":")


def lead_in_of(unit):
    """The unit's parent when it is a lead-in of a list (select `parent` with the unit)."""
    parent = unit.parent if unit.parent_id else None
    return parent if parent is not None and is_lead_in(parent) else None


def _item_text(unit) -> str:
    marker = f"{unit.number}) " if unit.number else ""
    return marker + " ".join(unit.text.split())


def rule_quote(unit) -> str:
    """«Lead-in: … 5) item» for a list item, «lead-in: 1) …; 2) …» for a lead-in whose items
    were read (`unit.items`), else the unit's own text."""
    lead_in = lead_in_of(unit)
    if lead_in is not None:
        head = quote_of(lead_in.text, LEAD_IN_LENGTH)
        return f"{head} … {quote_of(_item_text(unit), QUOTE_LENGTH - len(head))}"
    items = getattr(unit, "items", None)
    if is_lead_in(unit) and items:
        listed = " ".join(_item_text(item) for item in items)
        return quote_of(f"{' '.join(unit.text.split())} {listed}")
    return quote_of(unit.text or unit.heading)


def operative(units, concepts):
    """`units` with each lead-in replaced by its item that best matches the question (one
    query, only when a lead-in is among them). A lead-in none of whose items matches keeps
    its place and quotes its first items."""
    lead_ins = [unit.pk for unit in units if is_lead_in(unit)]
    if not lead_ins or not concepts:
        return units
    children = (
        rules()
        .filter(parent_id__in=lead_ins)
        .annotate(
            matched=RawSQL(*matched_weight(concepts, QUERYSET_TESTS), output_field=FloatField())
        )
        .order_by("parent_id", "-matched", "position")
        .select_related("document", "parent")
    )
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.parent_id, []).append(child)
    total = total_weight(concepts)
    result = []
    for unit in units:
        items = by_parent.get(unit.pk, [])
        # Every item holds the lead-in's words (they count as the parent's): an item is the
        # answer only when it holds more of the question than a sibling does.
        best = items[0] if len(items) > 1 and items[0].matched > items[-1].matched else None
        if len(items) == 1 and items[0].matched > 0:
            best = items[0]
        if best is not None:
            best.coverage = max(unit.coverage, min(1.0, best.matched / total))
            best.own_coverage = max(unit.own_coverage, min(1.0, best.matched / total))
            best.missing = unit.missing
            best.score = getattr(unit, "score", 0)
            result.append(best)
            continue
        unit.items = sorted(items, key=lambda item: item.position)[:LISTED_ITEMS]
        result.append(unit)
    return result
