"""The structure parser: plain text of a Russian legal act -> a tree of structural units.

It never drops the act's text. The clutter of a legal reference system's export is removed
first (`export.py`); every other line but the requisites of the heading (recognised narrowly,
see `_header_end`) becomes the marker, heading, text, note or change mark of some unit; what
does not fit the expected structure is still kept (as a paragraph of the nearest unit, or in
the preamble) and reported as a warning. Hard-wrapped texts are first put back together into
one line per paragraph (`wrapping.py`). The tree itself is built in `tree.py`, in one pass.
"""

import re
from dataclasses import dataclass, field

from legal_vector.importing.codes import PARTS, POINTS, numbered_items_of
from legal_vector.importing.export import clean_export
from legal_vector.importing.requisites import (
    Requisites,
    is_dating_line,
    is_kind_line,
    is_upper,
    read_requisites,
)
from legal_vector.importing.tree import TreeBuilder, is_structural, starts_unit
from legal_vector.importing.wrapping import unwrap

# A title in sentence case after the kind line: «Об утверждении …», «О бюджете …», «По делу …».
TITLE_START = re.compile(r"^[«\"]?(?:О|Об|Обо|По)\s")
# The issuing body typed in sentence case above the kind: «Администрация городского округа …».
BODY_START = re.compile(
    r"^(?:Администрация|Совет|Дума|Глава|Правительство|Губернатор|Министерство|Мэрия|Мэр|"
    r"Законодательное|Собрание|Комитет|Департамент|Управление|Представительн\w+|"
    r"Муниципальн\w+|Российская Федерация)(?:\s|$)"
)
SENTENCE_END = (".", ":", ";", "!", "?")
HEADING_MAX_LENGTH = 300
# A point numbered «2.1» or «3.5.1» with no dot after the number; only before a capital, so a
# paragraph starting with a decimal («1.5 тысячи рублей …») is not taken for a point.
BARE_DOTTED_ITEM = re.compile(r"^(?P<number>\d{1,3}(?:\.\d{1,3})+)\s+(?P<rest>[А-ЯЁA-Z«\"(].*)$")
SPACES = re.compile(r"[ \t\u2002\u2003\u2009]+")


@dataclass
class ParsedAct:
    requisites: Requisites
    header_lines: list  # requisite lines only: body, kind, date and number, title
    units: list  # in document order
    warnings: list
    numbered_items: str  # PARTS or POINTS: what an article's «1.» was taken for
    amending_acts: list = field(default_factory=list)  # «Список изменяющих документов»


def split_lines(text):
    lines = (line.replace("\xa0", " ").replace("\f", " ").strip() for line in text.splitlines())
    return [SPACES.sub(" ", line) for line in lines if line]


def parse_act(text, *, kind="", title="", numbered_items=""):
    """Parse the text of an act.

    `kind` and `title`, when known from elsewhere, win over the heading of the text; they decide
    whether an article's «1.» is a part or a point (see `codes.py`). `numbered_items` (PARTS or
    POINTS) overrides that decision.
    """
    lines = [_with_dotted_number(line) for line in split_lines(text)]
    unwrapped = unwrap(clean_export(lines), starts_unit)
    lines = unwrapped.lines
    header_end = _header_end(lines)
    header = lines[:header_end]
    builder = TreeBuilder()
    if unwrapped.joined:
        builder.warnings.append(
            f"Текст был разбит на строки по ширине (ширина строки: {unwrapped.width}); "
            f"строки абзацев соединены, переносы слов сняты (соединений: {unwrapped.joined})."
        )
    builder.run(lines[header_end:])
    requisites = read_requisites(header, builder.closing_lines())
    numbering = numbered_items or _numbering(
        kind or requisites.kind, title or requisites.title, builder.warnings
    )
    builder.assign_kinds(numbering == POINTS)
    builder.assign_keys()
    return ParsedAct(
        requisites, header, builder.units, builder.warnings, numbering, builder.amending_acts
    )


def _with_dotted_number(line):
    """«2.1 Заявитель …» typed without the final dot reads as «2.1. Заявитель …»."""
    match = BARE_DOTTED_ITEM.match(line)
    return f"{match.group('number')}. {match.group('rest')}" if match else line


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


def _header_end(lines):
    """The number of requisite lines at the top; they become fields of the document, not units.

    Recognised narrowly, so that no sentence of the act is mistaken for its heading: lines in
    capitals (body, kind, title), date and number, adoption notes and one title line in sentence
    case after the kind («Об утверждении …»). The first other line ends the heading and is kept
    in the preamble. Without a kind line there is no heading at all: nothing would read it.
    """
    end = 0
    titled = kind_seen = False
    for line in lines:
        if is_structural(line) or len(line) > HEADING_MAX_LENGTH:
            break
        open_line = not titled and not line.endswith(SENTENCE_END)
        # A title in capitals is read with the other capital lines; only a title in sentence
        # case («Об утверждении …») closes the heading.
        title = open_line and not is_upper(line) and bool(TITLE_START.match(line))
        kind = open_line and is_kind_line(line)
        # Headings typed in sentence case: the body above the kind, then the kind itself.
        body = open_line and not kind_seen and bool(BODY_START.match(line))
        if not (is_dating_line(line) or (open_line and is_upper(line)) or title or kind or body):
            break
        titled = titled or title
        kind_seen = kind_seen or kind
        end += 1
    return end if any(is_kind_line(line) for line in lines[:end]) else 0
