"""Finding references to acts and units in the text of a unit.

«статьи 14 Федерального закона от 06.10.2003 № 131-ФЗ», «части 2 настоящей статьи»,
«статьей 86 Бюджетного кодекса Российской Федерации».
"""

import re
from dataclasses import dataclass

from legal_vector.importing.keys import key_number
from legal_vector.importing.requisites import parse_date_and_number

UNIT_WORD = r"(?:подпункт\w*|пп\.|пункт\w*|п\.|част\w*|ч\.|стать\w*|ст\.|абзац\w*|абз\.)"
# Letters count as numbers only in quotes («а»): a bare «и» after «статьи» is a conjunction.
UNIT_NUMBER = r"(?:\d+(?:\.\d+)*|[«\"][а-я][»\"])"
UNIT_CHAIN = rf"(?:{UNIT_WORD}\s*{UNIT_NUMBER}\s*(?:,\s*)?)+"
ACT = (
    r"(?:Федеральн\w+\s+закон\w*|Закон\w*\s+[А-ЯЁ][а-яё]+\s+област\w+|Закон\w*|"
    r"[Уу]каз\w*\s+Президента\s+Российской\s+Федерации|[Пп]остановлени\w+[а-яё\s]{0,60}?)"
)
DATED = r"от\s+\d{1,2}\.\d{1,2}\.\d{4}\s*(?:г\.)?\s*[№N]\s*[0-9A-Za-zА-Яа-я][\w\-/]*"
EXTERNAL = re.compile(rf"(?P<units>{UNIT_CHAIN})?(?P<act>{ACT})\s+(?P<dated>{DATED})")
CODE = re.compile(
    rf"(?P<units>{UNIT_CHAIN})?(?P<stem>[А-ЯЁ][а-яё]+)\s+кодекс\w*\s+Российской Федерации"
)
INTERNAL = re.compile(
    rf"(?P<units>{UNIT_CHAIN})(?P<scope>настоящ\w+\s+(?:стать\w+|част\w+|пункт\w+|"
    r"Федеральн\w+\s+закон\w*|закон\w*|Кодекс\w*|постановлени\w+|решени\w+|Положени\w+|"
    r"Порядк\w+))"
)
TOKEN = re.compile(rf"(?P<word>{UNIT_WORD})\s*[«\"]?(?P<number>\d+(?:\.\d+)*|[а-я])")
ORDER = {"st": 0, "ch": 1, "p": 2, "pp": 3, "abz": 4}


@dataclass
class FoundReference:
    text: str
    start: int
    end: int
    kind: str  # "external", "code" or "internal"
    number: str = ""
    date: object = None
    code_stem: str = ""
    key: str = ""


def _token(word):
    word = word.lower()
    for prefix, token in (("подп", "pp"), ("пп", "pp"), ("п", "p"), ("ч", "ch"), ("ст", "st")):
        if word.startswith(prefix):
            return token
    return "abz"


def chain_to_key(chain, context_key=""):
    """«пункта 2 части 1 статьи 14» -> st14/ch1/p2; missing outer levels come from the context.

    `context_key` is the key of the unit the text belongs to, for «части 2 настоящей статьи».
    """
    tokens = {}
    for match in TOKEN.finditer(chain or ""):
        tokens.setdefault(_token(match.group("word")), key_number(match.group("number")))
    if not tokens:
        return ""
    outermost = min(ORDER[token] for token in tokens)
    context = [part for part in context_key.split("/") if part]
    inherited = [part for part in context if _order_of(part) < outermost]
    own = [f"{token}{tokens[token]}" for token in sorted(tokens, key=ORDER.get)]
    return "/".join(inherited + own)


def _order_of(part):
    for token in ("abz", "pp", "st", "ch", "p"):
        if part.startswith(token):
            return ORDER[token]
    return 99


def find_references(text, unit_key=""):
    found = []
    taken = []
    for pattern, kind in ((EXTERNAL, "external"), (CODE, "code"), (INTERNAL, "internal")):
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            reference = _build(match, kind, unit_key)
            if reference is not None:
                taken.append((match.start(), match.end()))
                found.append(reference)
    return sorted(found, key=lambda ref: ref.start)


def _build(match, kind, unit_key):
    chain = match.group("units") or ""
    reference = FoundReference(match.group(0).strip(), match.start(), match.end(), kind)
    reference.end = reference.start + len(reference.text)
    if kind == "external":
        reference.date, reference.number = parse_date_and_number(match.group("dated"))
        reference.key = chain_to_key(chain)
    elif kind == "code":
        reference.code_stem = match.group("stem")[:5].lower()
        reference.key = chain_to_key(chain)
    else:
        scope = match.group("scope").lower()
        # «части 2 настоящей статьи» keeps the current article; «настоящего закона» does not.
        in_this_unit = any(word in scope for word in ("стать", "част", "пункт"))
        context = unit_key if in_this_unit else ""
        reference.key = chain_to_key(chain, context)
        if not reference.key:
            return None
    return reference
