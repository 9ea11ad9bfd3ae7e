"""Reading a large edition in parts, as legal systems do.

An edition with more than `PARTS_THRESHOLD` units is shown one part at a time: a part per
chapter or section, or per `ARTICLES_PER_PART` articles when the act has neither. A part is
named by the stable key of the unit that opens it, so `?part=gl3` survives new editions.
The outline (the parts) is computed once per edition and cached.
"""

from dataclasses import dataclass

from django.core.cache import cache

from legal_vector.models import UnitKind

PARTS_THRESHOLD = 300
ARTICLES_PER_PART = 20
ALL_PARTS = "all"
OUTLINE_CACHE_SECONDS = 24 * 60 * 60
TOC_KINDS = {UnitKind.SECTION, UnitKind.CHAPTER, UnitKind.ARTICLE}
DIVISION_KINDS = {UnitKind.SECTION, UnitKind.CHAPTER}
# Units that are not text of their own: a part holding only these is merged with the next one.
HEADING_KINDS = {UnitKind.PREAMBLE, UnitKind.SECTION, UnitKind.CHAPTER}


@dataclass(frozen=True)
class ReadingPart:
    key: str
    label: str
    start: int  # position of the first unit
    end: int | None  # position after the last unit; None for the last part

    def covers(self, position):
        return self.start <= position and (self.end is None or position < self.end)

    def lookups(self, prefix=""):
        """Filter arguments selecting the part's units (`prefix`: the path to the unit)."""
        found = {f"{prefix}position__gte": self.start}
        if self.end is not None:
            found[f"{prefix}position__lt"] = self.end
        return found


@dataclass(frozen=True)
class Outline:
    """The parts of an edition; none when it is read on one page. `toc`: the sections,
    chapters and articles of a split edition, read with the parts rather than by a second
    query on every page."""

    parts: tuple = ()
    toc: tuple = ()

    @property
    def is_split(self):
        return len(self.parts) > 1

    def part(self, key):
        return next((part for part in self.parts if part.key == key), None)

    def part_at(self, position):
        return next((part for part in self.parts if part.covers(position)), None)

    def part_key_at(self, unit):
        part = self.part_at(unit.position)
        return part.key if part else ""

    def neighbours(self, part):
        """(previous, next) of a part; None at either end."""
        index = self.parts.index(part)
        previous = self.parts[index - 1] if index > 0 else None
        following = self.parts[index + 1] if index + 1 < len(self.parts) else None
        return previous, following


def _starts(units):
    """Indexes of the units that open a part."""
    kinds = {unit.kind for unit in units}
    if kinds & DIVISION_KINDS:
        boundaries = [i for i, unit in enumerate(units) if unit.kind in DIVISION_KINDS]
    else:
        articles = [i for i, unit in enumerate(units) if unit.kind == UnitKind.ARTICLE]
        boundaries = articles[::ARTICLES_PER_PART]
    starts = [0]
    for index in boundaries:
        # A section heading right before its first chapter, or a preamble, opens no part alone.
        if any(unit.kind not in HEADING_KINDS for unit in units[starts[-1] : index]):
            starts.append(index)
    return starts


def _label(units):
    """The part's name: the headings that open it («Раздел I. … Глава 1. …») or its articles."""
    headings = []
    for unit in units:
        if unit.kind in DIVISION_KINDS:
            headings.append(unit.title_line)
        elif headings or unit.kind != UnitKind.PREAMBLE:
            break
    if headings:
        return " ".join(headings)
    numbers = [unit.number for unit in units if unit.kind == UnitKind.ARTICLE]
    if not numbers:
        return "Начало документа"
    return f"Статья {numbers[0]}" if len(numbers) == 1 else f"Статьи {numbers[0]}–{numbers[-1]}"


def _parts(units):
    starts = _starts(units)
    parts = []
    for start, stop in zip(starts, [*starts[1:], None], strict=True):
        chunk = units[start:stop]
        opening = next((unit for unit in chunk if unit.kind in TOC_KINDS), chunk[0])
        end = units[stop].position if stop is not None else None
        parts.append(ReadingPart(opening.stable_key, _label(chunk), chunk[0].position, end))
    return tuple(parts)


def _light_units(edition):
    # `edition` too: the related manager sets it on every unit, and a deferred one is a query.
    fields = ("edition", "kind", "number", "heading", "stable_key", "position")
    return edition.units_in_order().only(*fields)


def build_outline(edition, units=None):
    """The parts of `edition`; `units`, when given, are all its units in order, already read."""
    units = list(_light_units(edition)) if units is None else units
    if len(units) <= PARTS_THRESHOLD:
        return Outline()
    outline = Outline(_parts(units))
    toc = [unit for unit in units if unit.kind in TOC_KINDS]
    for unit in toc:
        unit.part_key = outline.part_key_at(unit)
    return Outline(outline.parts, tuple(toc))


def contents(outline):
    """The sections, chapters and articles, each with `part_key`: the part that shows it."""
    return list(outline.toc)


def outline_cache_key(edition):
    return f"{edition.text_cache_key()}:outline"


def outline_of(edition):
    """The cached outline of an edition (it never changes once imported)."""
    key = outline_cache_key(edition)
    return cache.get_or_set(key, lambda: build_outline(edition), OUTLINE_CACHE_SECONDS)
