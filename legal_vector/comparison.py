"""Comparing two editions of a document unit by unit, matched by stable key."""

import difflib
import re
from dataclasses import dataclass, field

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
STATUS_LABELS = {
    ADDED: "добавлено",
    REMOVED: "исключено",
    CHANGED: "изменено",
    UNCHANGED: "без изменений",
}


@dataclass
class UnitChange:
    key: str
    label: str
    status: str
    old: object = None
    new: object = None
    segments: list = field(default_factory=list)  # (operation, text): "equal", "delete", "insert"

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def unit(self):
        return self.new or self.old


def _content(unit):
    return "\n".join(part for part in (unit.heading, unit.text) if part)


def word_segments(old_text, new_text):
    """Word-level differences as (operation, text) pairs, for <del>/<ins> in the template."""
    # Words keep their trailing spaces, so a replaced phrase comes out as one <del>/<ins> pair.
    old_words = re.findall(r"\s*\S+\s*", old_text)
    new_words = re.findall(r"\s*\S+\s*", new_text)
    segments = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            segments.append(("equal", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("delete", "".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(("insert", "".join(new_words[b1:b2])))
    return segments


def compare_editions(older, newer, include_unchanged=False):
    """Changes from `older` to `newer` in the newer edition's order; removed units come last."""
    old_units = {unit.stable_key: unit for unit in older.units_in_order()}
    changes = []
    for unit in newer.units_in_order():
        previous = old_units.pop(unit.stable_key, None)
        if previous is None:
            changes.append(UnitChange(unit.stable_key, unit.short_label, ADDED, new=unit))
            continue
        before, after = _content(previous), _content(unit)
        if before == after:
            if include_unchanged:
                changes.append(
                    UnitChange(unit.stable_key, unit.short_label, UNCHANGED, previous, unit)
                )
            continue
        segments = word_segments(before, after)
        changes.append(
            UnitChange(unit.stable_key, unit.short_label, CHANGED, previous, unit, segments)
        )
    for unit in old_units.values():
        changes.append(UnitChange(unit.stable_key, unit.short_label, REMOVED, old=unit))
    return changes


def changed_keys(older, newer):
    return {change.key for change in compare_editions(older, newer)}
