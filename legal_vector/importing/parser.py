"""The structure parser: plain text of a Russian legal act -> a tree of structural units.

It never drops text. Every line but the requisites of the heading (recognised narrowly, see
`_header_end`) becomes the marker, heading, text or editorial note of some unit; what does not
fit the expected structure is still kept (as a paragraph of the nearest unit, or in the
preamble) and reported as a warning. Hard-wrapped texts are first put back together into one
line per paragraph (`wrapping.py`).
"""

import re
from dataclasses import dataclass, field

from legal_vector.importing.codes import PARTS, POINTS, numbered_items_of
from legal_vector.importing.keys import key_and_label
from legal_vector.importing.requisites import (
    Requisites,
    is_dating_line,
    is_kind_line,
    is_upper,
    read_requisites,
)
from legal_vector.importing.wrapping import unwrap

ROMAN_OR_ARABIC = r"(?:[IVXLC]+|\d+)(?:\.\d+)*"
SECTION = re.compile(rf"^(?:Раздел|РАЗДЕЛ)\s+(?P<number>{ROMAN_OR_ARABIC})\.?(?:\s+(?P<rest>.*))?$")
CHAPTER = re.compile(rf"^(?:Глава|ГЛАВА)\s+(?P<number>{ROMAN_OR_ARABIC})\.?(?:\s+(?P<rest>.*))?$")
ARTICLE = re.compile(r"^(?:Статья|СТАТЬЯ)\s+(?P<number>\d+(?:\.\d+)*)\.?(?:\s+(?P<rest>.*))?$")
DOT_ITEM = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)\.(?:\s+(?P<rest>.*))?$")
PAREN_ITEM = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})*)\)(?:\s*(?P<rest>.*))?$")
LETTER_ITEM = re.compile(r"^(?P<number>[а-яё](?:\.\d{1,2})?)\)(?:\s*(?P<rest>.*))?$")
EDITORIAL_NOTE = re.compile(r"^\(.*\)$")
REPEALED = re.compile(r"^Утратил[аои]?\s+силу", re.IGNORECASE)
# The signature block after the last article: «Президент Российской Федерации», «Глава города».
SIGNATURE = re.compile(
    r"^(Президент\s+Российской|Губернатор|Глава\s+(?![IVXLC\d])|Председатель|Мэр|"
    r"Москва,\s+Кремль|Министр|Заместитель|Директор|Руководитель)"
)
SIGNATURE_MAX_LENGTH = 120
# A title in sentence case after the kind line: «Об утверждении …», «О бюджете …», «По делу …».
TITLE_START = re.compile(r"^(?:О|Об|Обо|По)\s")
SENTENCE_END = (".", ":", ";", "!", "?")
HEADING_MAX_LENGTH = 300

CONTAINERS = ("section", "chapter", "article", "part", "point", "subpoint")
RANK = {kind: rank for rank, kind in enumerate(CONTAINERS)}


@dataclass
class ParsedUnit:
    kind: str
    number: str = ""
    heading: str = ""
    text: str = ""
    note: str = ""
    marker: str = ""
    is_repealed: bool = False
    parent: "ParsedUnit | None" = None
    children: list = field(default_factory=list)
    stable_key: str = ""
    label: str = ""
    depth: int = 0
    style: int = 0  # list items: 1 for «1.», 2 for «1)», 3 for «а)»; 0 for the rest

    def add_text(self, line):
        self.text = f"{self.text}\n{line}" if self.text else line

    def add_note(self, line):
        self.note = f"{self.note}\n{line}" if self.note else line

    @property
    def is_empty(self):
        return not self.text and not self.children


@dataclass
class ParsedAct:
    requisites: Requisites
    header_lines: list  # requisite lines only: body, kind, date and number, title
    units: list  # in document order
    warnings: list
    numbered_items: str  # PARTS or POINTS: what an article's «1.» was taken for


def split_lines(text):
    lines = (line.replace("\xa0", " ").strip() for line in text.splitlines())
    return [re.sub(r"[ \t]+", " ", line) for line in lines if line]


def parse_act(text, *, kind="", title="", numbered_items=""):
    """Parse the text of an act.

    `kind` and `title`, when known from elsewhere, win over the heading of the text; they decide
    whether an article's «1.» is a part or a point (see `codes.py`). `numbered_items` (PARTS or
    POINTS) overrides that decision.
    """
    unwrapped = unwrap(split_lines(text), _starts_unit)
    lines = unwrapped.lines
    header_end = _header_end(lines)
    header = lines[:header_end]
    builder = _TreeBuilder()
    if unwrapped.joined:
        builder.warnings.append(
            f"Текст был разбит на строки по ширине (ширина строки: {unwrapped.width}); "
            f"строки абзацев соединены, переносы слов сняты (соединений: {unwrapped.joined})."
        )
    for line in lines[header_end:]:
        builder.feed(line)
    closing = builder.closing_lines()
    requisites = read_requisites(header, closing)
    numbering = numbered_items or _numbering(
        kind or requisites.kind, title or requisites.title, builder.warnings
    )
    builder.assign_kinds(numbering == POINTS)
    builder.assign_keys()
    return ParsedAct(requisites, header, builder.units, builder.warnings, numbering)


def _numbering(kind, title, warnings):
    """Laws number an article's items as parts; a code as its title says (see `codes.py`)."""
    if kind != "code":
        return PARTS
    numbering = numbered_items_of(title)
    if not numbering:
        warnings.append(
            f"По названию кодекса «{title}» не определено, части или пункты стоят в статьях "
            "под номерами «1.»: они считаются пунктами. Если это части, импортируйте "
            "с параметром --numbered-items parts (в манифесте: numbered_items)."
        )
    return numbering or POINTS


def _is_structural(line):
    return any(p.match(line) for p in (SECTION, CHAPTER, ARTICLE, DOT_ITEM, PAREN_ITEM))


def _starts_unit(line):
    """A line that opens a unit or a note, so it never continues a hard-wrapped paragraph."""
    return _is_structural(line) or bool(LETTER_ITEM.match(line) or EDITORIAL_NOTE.match(line))


def _header_end(lines):
    """The number of requisite lines at the top; they become fields of the document, not units.

    Recognised narrowly, so that no sentence of the act is mistaken for its heading: lines in
    capitals (body, kind, title), date and number, adoption notes and one title line in sentence
    case after the kind («Об утверждении …»). The first other line ends the heading and is kept
    in the preamble. Without a kind line there is no heading at all: nothing would read it.
    """
    end = 0
    titled = False
    for line in lines:
        if _is_structural(line) or len(line) > HEADING_MAX_LENGTH:
            break
        open_line = not titled and not line.endswith(SENTENCE_END)
        title = open_line and bool(TITLE_START.match(line))
        if not (is_dating_line(line) or (open_line and is_upper(line)) or title):
            break
        titled = titled or title
        end += 1
    return end if any(is_kind_line(line) for line in lines[:end]) else 0


class _TreeBuilder:
    def __init__(self):
        self.units = []
        self.stack = []  # open containers, outermost first
        self.warnings = []
        self.preamble = None
        self.closing = None
        self.heading_pending = None

    # -- feeding lines --------------------------------------------------------------------
    def feed(self, line):
        if self.closing is not None:
            self.closing.add_text(line)
        elif EDITORIAL_NOTE.match(line):
            self._note(line)
        elif match := SECTION.match(line):
            self._open("section", match, line, keep=())
        elif match := CHAPTER.match(line):
            self._open("chapter", match, line, keep=("section",))
        elif match := ARTICLE.match(line):
            self._open("article", match, line, keep=("section", "chapter"))
        elif match := DOT_ITEM.match(line):
            self._dot_item(match, line)
        elif match := PAREN_ITEM.match(line):
            self._item(match, line, style=2)
        elif match := LETTER_ITEM.match(line):
            self._item(match, line, style=3)
        elif self._is_signature(line):
            self.closing = self._new("closing", marker="")
            self.closing.add_text(line)
        else:
            self._plain(line)

    def _is_signature(self, line):
        return (
            bool(self.units)
            and len(line) <= SIGNATURE_MAX_LENGTH
            and not line.endswith((".", ";", ":"))
            and bool(SIGNATURE.match(line))
        )

    def _new(self, kind, parent=None, **fields):
        unit = ParsedUnit(kind=kind, parent=parent, **fields)
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
        unit = self._new(kind, parent, number=number, marker=marker)
        if kind in ("section", "chapter", "article"):
            unit.heading = rest
            self.heading_pending = unit if not rest and kind != "article" else None
        else:
            unit.text = rest
            self.heading_pending = None
        unit.is_repealed = bool(REPEALED.match(rest))
        unit.style = style
        self.stack.append(unit)

    def _dot_item(self, match, line):
        """«1.» is a part of an article, or a point of an act without articles (МПА).

        In acts without articles «2.1.» is a sub-point of point «2.» when that one is open.
        """
        number = match.group("number")
        parent_number = number.rsplit(".", 1)[0] if "." in number else None
        owners = [u for u in self.stack if u.kind == "point" and u.number == parent_number]
        if owners and not any(unit.kind == "article" for unit in self.stack):
            while self.stack[-1] is not owners[-1]:
                self.stack.pop()
            self._push("subpoint", match, line, style=1)
            return
        self._item(match, line, style=1)

    def _item(self, match, line, style):
        """A list item: it closes open items of its own or a deeper style and nests in the rest.

        «1.» in an article is a part, elsewhere a point; «1)» is a point, or a sub-point under a
        point; «а)» is always a sub-point.
        """
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

    def _note(self, line):
        target = self.stack[-1] if self.stack else self._ensure_preamble()
        if target.children and target.children[-1].kind == "paragraph":
            target = target.children[-1]
        target.add_note(line)

    def _ensure_preamble(self):
        if self.preamble is None:
            self.preamble = self._new("preamble")
        return self.preamble

    def _plain(self, line):
        if self.heading_pending is not None:
            pending, self.heading_pending = self.heading_pending, None
            if is_upper(line) or not line.endswith("."):
                pending.heading = line
                return
        if not self.stack:
            self._ensure_preamble().add_text(line)
            return
        owner = self.stack[-1]
        if owner.is_empty and owner.kind not in ("section", "chapter"):
            owner.add_text(line)
            owner.is_repealed = owner.is_repealed or bool(REPEALED.match(line))
            return
        siblings = sum(1 for child in owner.children if child.kind == "paragraph")
        number = siblings + (2 if owner.text else 1)
        self._new("paragraph", owner, number=str(number), text=line)

    def closing_lines(self):
        return self.closing.text.splitlines() if self.closing else []

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
            if unit.style == 3 and parent_kind not in ("point", "subpoint"):
                self.warnings.append(
                    f"Подпункт «{unit.marker}» стоит вне пункта: оставлен в тексте как есть."
                )

    def assign_keys(self):
        seen = set()
        for unit in self.units:
            parent = unit.parent
            unit.depth = parent.depth + 1 if parent else 0
            key, label = key_and_label(
                unit.kind,
                unit.number,
                parent.kind if parent else None,
                parent.stable_key if parent else "",
                parent.label if parent else "",
            )
            if key in seen:
                self.warnings.append(
                    f"Повторяющийся номер «{unit.marker or key}»: единице дан ключ {key}-2 и т. д."
                )
                suffix = 2
                while f"{key}-{suffix}" in seen:
                    suffix += 1
                key = f"{key}-{suffix}"
            seen.add(key)
            unit.stable_key, unit.label = key, label
