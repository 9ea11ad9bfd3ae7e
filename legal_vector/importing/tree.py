"""Building the tree of units from the lines of an act, in one pass (linear in the length).

Units collect their lines in lists joined once at the end, and paragraphs are numbered by a
counter, so a unit with 100,000 lines costs no more per line than a unit with ten.
"""

import re

from legal_vector.importing import approved, export
from legal_vector.importing.keys import assign_keys
from legal_vector.importing.requisites import is_upper, tidy_title

ROMAN_OR_ARABIC = r"(?:[IVXLC]+|\d+)(?:\.\d+)*"
SECTION = re.compile(rf"^(?:Раздел|РАЗДЕЛ)\s+(?P<number>{ROMAN_OR_ARABIC})\.?(?:\s+(?P<rest>.*))?$")
CHAPTER = re.compile(rf"^(?:Глава|ГЛАВА)\s+(?P<number>{ROMAN_OR_ARABIC})\.?(?:\s+(?P<rest>.*))?$")
ARTICLE = re.compile(r"^(?:Статья|СТАТЬЯ)\s+(?P<number>\d+(?:\.\d+)*)\.?(?:\s+(?P<rest>.*))?$")
DOT_ITEM = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)\.(?:\s+(?P<rest>.*))?$")
PAREN_ITEM = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)\)(?:\s*(?P<rest>.*))?$")
LETTER_ITEM = re.compile(r"^(?P<number>[а-яё](?:\.\d{1,2})?)\)(?:\s*(?P<rest>.*))?$")
# «I. Общие положения»: a section of an approved document.
ROMAN_HEADING = re.compile(r"^(?P<number>[IVXLC]+)\.\s+(?P<rest>\S.*)$")
EDITORIAL_NOTE = re.compile(r"^\(.*\)$")
# What a court decided («Определила:», «Постановил:», «П О С Т А Н О В И Л :» alone on a line).
# After the numbered points of its reasoning it opens the operative part, not a paragraph of the
# last point; before any point (an act's «РЕШИЛА:» under its preamble) it is ordinary text.
OPERATIVE_PART = re.compile(r"^(?:определил|постановил|решил)а?:$", re.IGNORECASE)
REPEALED = re.compile(r"^Утратил[аои]?\s+силу", re.IGNORECASE)
SIGNATURE = re.compile(
    r"^(Президент\s+Российской|Губернатор|Глава\s+(?![IVXLC\d])|Председатель|Мэр|"
    r"Москва,\s+Кремль|Министр|Заместитель|Первый\s+заместитель|Директор|Руководитель|"
    r"И\.\s*о\.\s+главы|Исполняющий\s+обязанности|Временно\s+исполняющий|Врио\s)"
)
SIGNATURE_MAX_LENGTH = 120
HEADING_MAX_LENGTH = 200
SENTENCE_END = (".", ":", ";", "!", "?")
# In a section title «2. Условия и порядок предоставления субсидии» the first letter is a
# capital and nothing ends the sentence.
SECTION_TITLE = re.compile(r"^[А-ЯЁA-Z]")


class ParsedUnit:
    """A unit being built; `text` and `note` are joined from their lines once, on demand."""

    def __init__(self, kind, parent=None, number="", marker="", style=0, root=None):
        self.kind = kind
        self.parent = parent
        self.number = number
        self.marker = marker
        self.style = style  # list items: 1 for «1.», 2 for «1)», 3 for «а)»; 0 for the rest
        self.root = root  # the approved document the unit belongs to, if any
        self.heading = ""
        self.lines = []
        self.note_lines = []
        self.marks = []  # change marks: dicts with kind, text and acts (export.mark_of)
        self.is_repealed = False
        self.children = []
        self.paragraphs = 0
        self.stable_key = self.label = self.rel_key = self.rel_label = ""
        self.depth = 0
        self.names = ("", "")  # an approved document's (nominative, genitive) name

    @property
    def text(self):
        return "\n".join(self.lines)

    @property
    def note(self):
        return "\n".join(self.note_lines)

    def add_text(self, line):
        self.lines.append(line)

    def add_note(self, line):
        self.note_lines.append(line)

    @property
    def is_empty(self):
        return not self.lines and not self.children


def is_structural(line):
    return any(p.match(line) for p in (SECTION, CHAPTER, ARTICLE, DOT_ITEM, PAREN_ITEM))


def starts_unit(line):
    """A line that opens a unit or a note, so it never continues a hard-wrapped paragraph."""
    return (
        is_structural(line)
        or bool(LETTER_ITEM.match(line) or EDITORIAL_NOTE.match(line))
        or export.is_note(line)
        or bool(approved.APPROVAL.match(line) or approved.APPENDIX.match(line))
    )


class TreeBuilder:
    def __init__(self):
        self.units = []
        self.stack = []  # open containers, outermost first
        self.warnings = []
        self.amending_acts = []  # «Список изменяющих документов»
        self.preamble = None
        self.closing = None
        self.root = None  # the approved document being read
        self.appendix = None  # an appendix being read: its lines are kept as they are
        self.heading_pending = None
        self.approved_count = 0

    def run(self, lines):
        index = 0
        while index < len(lines):
            index = self._feed(lines, index)

    def _feed(self, lines, index):
        """Read the line at `index` (and the lines it owns); returns the next index."""
        line = lines[index]
        if export.is_note(line):
            self._attach_note(export.note_text(line))
        elif export.is_amending_list_title(line) and index + 1 < len(lines):
            following = lines[index + 1]
            if EDITORIAL_NOTE.match(following):
                # An export repeats the list above the approved document: kept once.
                listed = export.amending_list(following)
                if listed not in self.amending_acts:
                    self.amending_acts.append(listed)
                return index + 2
            self._plain(line)
        elif approved.APPROVAL.match(line) or approved.APPENDIX.match(line):
            return self._block(lines, index)
        elif self.appendix is not None:
            self._appendix_line(line)
        elif self.closing is not None:
            self.closing.add_text(line)
        elif EDITORIAL_NOTE.match(line):
            self._bracketed(line)
        else:
            self._structure(line)
        return index + 1

    # -- approved documents and appendices ---------------------------------------------------
    def _block(self, lines, index):
        title_at = approved.find_approved_title(lines, index, is_structural)
        if title_at is not None:
            return self._open_approved(lines, index, title_at)
        match = approved.APPENDIX.match(lines[index])
        if match is None:  # «Утвержден …» with no title after it: an ordinary line
            if self.appendix is None:
                self._structure(lines[index])
            else:
                self._appendix_line(lines[index])
            return index + 1
        self._open_appendix(match, lines[index])
        return index + 1

    def _open_approved(self, lines, start, title_at):
        self.approved_count += 1
        self.stack, self.appendix, self.closing, self.heading_pending = [], None, None, None
        unit = self._new("approved", number=str(self.approved_count))
        unit.names = approved.approved_name(lines[title_at])
        unit.lines.extend(lines[start:title_at])
        end = title_at + 1
        title = [lines[title_at]]
        while end < len(lines) and _continues_title(lines[end]):
            title.append(lines[end])
            end += 1
        unit.heading = tidy_title(" ".join(title))
        unit.root = None
        self.root = unit
        self.stack.append(unit)
        return end

    def _open_appendix(self, match, line):
        parent = self.root
        siblings = sum(1 for unit in (parent.children if parent else ()) if unit.kind == "appendix")
        number = match.group("number") or str(siblings + 1)
        self.stack = [parent] if parent else []
        self.closing, self.heading_pending = None, None
        unit = self._new("appendix", parent, number=number, marker=line, root=self.root)
        unit.heading = line
        self.appendix = unit

    def _appendix_line(self, line):
        mark = export.mark_of(line) if EDITORIAL_NOTE.match(line) else None
        if mark is not None and mark["acts"]:
            self.appendix.marks.append(mark)
        else:
            self.appendix.add_text(line)

    # -- ordinary structure ------------------------------------------------------------------
    def _structure(self, line):
        if match := SECTION.match(line):
            self._open("section", match, line, keep=("approved",))
        elif match := CHAPTER.match(line):
            self._open("chapter", match, line, keep=("section", "approved"))
        elif match := ARTICLE.match(line):
            self._open("article", match, line, keep=("section", "chapter", "approved"))
        elif match := DOT_ITEM.match(line):
            self._dot_item(match, line)
        elif match := PAREN_ITEM.match(line):
            self._item(match, line, style=2)
        elif match := LETTER_ITEM.match(line):
            self._item(match, line, style=3)
        elif self.root is not None and (match := ROMAN_HEADING.match(line)):
            self._open("section", match, line, keep=("approved",))
        elif self._opens_operative_part(line):
            self.stack = [self._new("resolution")]
            self.stack[0].heading = line
        elif self._is_signature(line):
            self.closing = self._new("closing")
            self.closing.add_text(line)
        else:
            self._plain(line)

    def _opens_operative_part(self, line):
        return (
            self.root is None
            and any(unit.kind in ("part", "point") for unit in self.stack)
            and bool(OPERATIVE_PART.match(line.replace(" ", "")))
        )

    def _is_signature(self, line):
        return (
            self.root is None
            and bool(self.units)
            and len(line) <= SIGNATURE_MAX_LENGTH
            and not line.endswith((".", ";", ":"))
            and bool(SIGNATURE.match(line))
        )

    def _new(self, kind, parent=None, **fields):
        unit = ParsedUnit(kind, parent=parent, **fields)
        if parent is not None:
            parent.children.append(unit)
        self.units.append(unit)
        return unit

    def _open(self, kind, match, line, keep):
        """Close open units down to one of the `keep` kinds, then open a unit inside it."""
        while self.stack and self.stack[-1].kind not in keep:
            self.stack.pop()
        self._push(kind, match, line)

    def _push(self, kind, match, line, style=0):
        parent = self.stack[-1] if self.stack else None
        rest = (match.group("rest") or "").strip()
        number = match.group("number")
        marker = line[: len(line) - len(rest)].strip() if rest else line
        unit = self._new(kind, parent, number=number, marker=marker, style=style, root=self.root)
        if kind in ("section", "chapter", "article"):
            unit.heading = rest
            # «Статья 5.» / «Общие положения»: the heading may stand on the next line.
            self.heading_pending = None if rest else unit
        else:
            if rest:
                unit.lines.append(rest)
            self.heading_pending = None
        if REPEALED.match(rest):
            self._repeal(unit, rest)
        self.stack.append(unit)

    def _repeal(self, unit, text):
        unit.is_repealed = True
        mark = export.repealed_mark(text)
        if mark is not None:
            unit.marks.append(mark)

    def _dot_item(self, match, line):
        if self.root is not None:
            self._approved_item(match, line)
            return
        # In acts without articles (МПА) «2.1.» is a sub-point of point «2.» when it is open.
        number = match.group("number")
        parent_number = number.rsplit(".", 1)[0] if "." in number else None
        owners = [u for u in self.stack if u.kind == "point" and u.number == parent_number]
        if owners and not any(unit.kind == "article" for unit in self.stack):
            while self.stack[-1] is not owners[-1]:
                self.stack.pop()
            self._push("subpoint", match, line, style=1)
            return
        self._item(match, line, style=1)

    def _approved_item(self, match, line):
        """In a Порядок: «1. Общие положения» is a section, «1.1.», «3.5.1.» are points."""
        number = match.group("number")
        rest = (match.group("rest") or "").strip()
        if "." not in number and _is_section_title(rest):
            self._open("section", match, line, keep=("approved",))
            return
        head = number.split(".")[0]
        while self.stack and not _holds(self.stack[-1], number, head):
            self.stack.pop()
        self._push("point", match, line, style=1)

    def _item(self, match, line, style):
        """«1.» in an article is a part, elsewhere a point; «1)» a point or a sub-point under a
        point; «а)» is always a sub-point."""
        while self.stack and self.stack[-1].style >= style:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        parent_kind = parent.kind if parent else None
        if style == 1:
            kind = "part" if parent_kind == "article" else "point"
        elif style == 2:
            kind = "subpoint" if parent_kind in ("point", "subpoint") else "point"
        else:
            kind = "subpoint"
        self._push(kind, match, line, style)

    # -- notes and marks ---------------------------------------------------------------------
    def _target(self):
        if self.appendix is not None:
            return self.appendix
        if self.closing is not None:
            return self.closing
        return self.stack[-1] if self.stack else self._ensure_preamble()

    def _attach_note(self, text):
        self._target().add_note(text)

    def _bracketed(self, line):
        mark = export.mark_of(line)
        target = self._target()
        if mark is None:
            if target.children and target.children[-1].kind == "paragraph":
                target = target.children[-1]
            target.add_note(line)
            return
        named = _named_unit(self.stack, line)
        (named or target).marks.append(mark)
        if mark["kind"] == export.REPEALED_KIND and named is not None:
            named.is_repealed = True

    def _ensure_preamble(self):
        if self.preamble is None:
            self.preamble = self._new("preamble")
        return self.preamble

    def _plain(self, line):
        if self.heading_pending is not None:
            pending, self.heading_pending = self.heading_pending, None
            if _is_heading_of(pending, line):
                pending.heading = line
                return
        if not self.stack:
            self._ensure_preamble().add_text(line)
            return
        owner = self.stack[-1]
        if owner.is_empty and owner.kind not in ("section", "chapter", "approved"):
            owner.add_text(line)
            if REPEALED.match(line):
                self._repeal(owner, line)
            return
        owner.paragraphs += 1
        number = owner.paragraphs + (1 if owner.lines else 0)
        unit = self._new("paragraph", owner, number=str(number), root=self.root)
        unit.add_text(line)

    def closing_lines(self):
        return list(self.closing.lines) if self.closing else []

    # -- after the whole text is read -----------------------------------------------------
    def assign_kinds(self, is_code):
        """Codes call an article's «1.» points and every «1)» a sub-point."""
        if is_code:
            for unit in self.units:
                if unit.kind == "part":
                    unit.kind = "point"
                elif unit.style == 2:
                    unit.kind = "subpoint"
        for unit in self.units:
            parent_kind = unit.parent.kind if unit.parent else None
            # «3. … на основании: а) …; б) …»: letters may follow a part or a point.
            if unit.style == 3 and parent_kind not in ("point", "subpoint", "part"):
                self.warnings.append(
                    f"Подпункт «{unit.marker}» стоит вне пункта: оставлен в тексте как есть."
                )

    def assign_keys(self):
        assign_keys(self.units, self.warnings)


def _holds(unit, number, head):
    """Can `unit` contain the point numbered `number` of an approved document?"""
    if unit.kind == "approved":
        return True
    if unit.kind == "section":
        return "." in number and head in (unit.number, _arabic(unit.number))
    return unit.kind == "point" and number.startswith(unit.number + ".")


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _arabic(number):
    """«IV» -> "4"; other numbers as they are."""
    if not number or any(char not in ROMAN for char in number):
        return number
    values = [ROMAN[char] for char in number]
    total = sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value
        for index, value in enumerate(values)
    )
    return str(total)


def _is_section_title(text):
    return (
        bool(text)
        and len(text) <= HEADING_MAX_LENGTH
        and not text.endswith(SENTENCE_END)
        and bool(SECTION_TITLE.match(text))
    )


def _is_heading_of(unit, line):
    """Is the line after a bare «Статья 5.» («Глава 2», «Раздел I») the unit's heading?

    A section's or chapter's heading is in capitals or has no final dot. An article's first
    paragraph often has none either («… используются следующие понятия:»), so an article takes
    only a short line in sentence case that ends no sentence or clause.
    """
    if unit.kind != "article":
        return is_upper(line) or not line.endswith(".")
    return (
        len(line) <= HEADING_MAX_LENGTH
        and not line.endswith(SENTENCE_END)
        and bool(SECTION_TITLE.match(line))
        and not REPEALED.match(line)
    )


def _continues_title(line):
    return is_upper(line) and not is_structural(line) and len(line) <= approved.TITLE_MAX_LENGTH


NAMED = re.compile(
    r"^\((?:п|пп|подп|пункт|подпункт)\.?\s*(?P<number>[\d.]*\d|[\"«]?[а-яё][\"»]?)\s"
)


def _named_unit(stack, line):
    """The open unit a mark names: «(п. 3.5.1 введен …)» belongs to point 3.5.1."""
    match = NAMED.match(line)
    if match is None:
        return None
    number = match.group("number").strip('«»"')
    return next((unit for unit in reversed(stack) if unit.number == number), None)
