"""Reading a document's requisites (kind, date, number, title, body) from its heading."""

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip

# One character («№ 1») or more, not ending with a dot or a dash.
NUMBER = r"[№N]\s*(?P<number>[0-9A-Za-zА-Яа-яЁё](?:[0-9A-Za-zА-Яа-яЁё\-/.]*[0-9A-Za-zА-Яа-яЁё])?)"
NUMERIC_DATE = r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"
# «15 мая 2026», and «"15" мая 2026» / ««15» мая 2026» as municipal acts often print it.
WORD_DATE = r"[«\"]?(?P<wday>\d{1,2})[»\"]?\s+(?P<wmonth>[а-я]+)\s+(?P<wyear>\d{4})"
DATE_AND_NUMBER = re.compile(
    rf"(?:от\s+)?(?:{NUMERIC_DATE}|{WORD_DATE})\s*(?:г\.|года)?\s*,?\s*{NUMBER}", re.IGNORECASE
)
DATE_ONLY = re.compile(rf"^(?:от\s+)?(?:{NUMERIC_DATE}|{WORD_DATE})\s*(?:г\.|года)?$", re.I)
NUMBER_ONLY = re.compile(rf"^{NUMBER}$")

# Checked in order: the first keyword found in the heading decides the kind.
KIND_KEYWORDS = [
    ("municipal_template", re.compile(r"\b(ТИПОВ|МОДЕЛЬН|ШАБЛОН)", re.I)),
    ("guidelines", re.compile(r"МЕТОДИЧЕСКИЕ\s+РЕКОМЕНДАЦИИ", re.I)),
    ("court_decision", re.compile(r"\bСУД", re.I)),
    ("federal_law", re.compile(r"^ФЕДЕРАЛЬНЫЙ\s+ЗАКОН")),
    # «… КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ» and «КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ ОБ АДМИНИСТРАТИВНЫХ …».
    ("code", re.compile(r"КОДЕКС\s+РОССИЙСКОЙ\s+ФЕДЕРАЦИИ(?:\s+ОБО?\s+.+)?$")),
    ("decree", re.compile(r"^УКАЗ$")),
    ("agency_letter", re.compile(r"^ПИСЬМО$")),
    # A приказ of a municipal body is an МПА; of a ministry, a resolution (see below).
    ("municipal_act", re.compile(r"^(ПОСТАНОВЛЕНИЕ|РАСПОРЯЖЕНИЕ|РЕШЕНИЕ|ПРИКАЗ)$")),
    ("regional_law", re.compile(r"^ЗАКОН$|^ЗАКОН\s+[А-ЯЁ]")),
]
# A resolution of a government (not a municipality) is a «постановление», not an МПА.
MUNICIPAL_BODY = re.compile(
    r"АДМИНИСТРАЦИЯ|ДЕПУТАТ|ДУМА\s+(ГОРОД|МУНИЦИП)|ПОСЕЛЕНИ|ОКРУГ|РАЙОН", re.IGNORECASE
)
GOVERNMENT_BODY = re.compile(r"ПРАВИТЕЛЬСТВО", re.I)
NOT_A_BODY = {"РОССИЙСКАЯ ФЕДЕРАЦИЯ"}
KIND_LINE_MAX_LENGTH = 120
# «… от 06.10.2003 № 131-ФЗ», «… 15 мая 2026 г. № 402»: the date and number after a kind.
DATING_TAIL = re.compile(r"\s+(?:от\s+)?[«\"]?\d")
# «Принят Государственной Думой 16 сентября 2003 года»: ends with the date, unlike a sentence
# of the act that happens to start with «Принято».
ADOPTION_NOTE = re.compile(
    r"^(?:Принят|Одобрен|Утвержден|Зарегистрирован)[аоы]?\s.*\d{4}\s*(?:года|г\.)?$", re.I
)
PLACE = re.compile(r"^г\.\s*[А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w-]*)?$")
# «ЗАКОН» / «ЭНСКОЙ ОБЛАСТИ»: the subject's name under the kind belongs to the kind, not the title.
SUBJECT_LINE = re.compile(
    r"^(?!О\s|ОБ\s|ПО\s)[А-ЯЁ\- ]*(?:ОБЛАСТИ|КРАЯ|ОКРУГА|РЕСПУБЛИКИ(?:\s+[А-ЯЁ\-]+)*|"
    r"ГОРОДА\s+(?:МОСКВЫ|САНКТ-ПЕТЕРБУРГА|СЕВАСТОПОЛЯ))$"
)


@dataclass
class Requisites:
    kind: str = ""
    number: str = ""
    adopted_on: datetime.date | None = None
    title: str = ""
    issuing_body: str = ""
    act_word: str = ""  # the kind line in lower case: «постановление», «решение», «закон»
    territory: str = ""  # where the region or municipality is named: body, «… ОБЛАСТИ» line


def is_upper(line):
    letters = [char for char in line if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def is_kind_line(line):
    """«ФЕДЕРАЛЬНЫЙ ЗАКОН», «ПОСТАНОВЛЕНИЕ», «БЮДЖЕТНЫЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ», …"""
    return bool(kind_of(line))


def kind_of(line):
    """The kind a heading line names, or "".

    A line in capitals is read as it is. A line in sentence case counts only when it is short,
    ends no sentence and, without a trailing date and number, is the kind itself:
    «Постановление», «Закон Энской области», «Федеральный закон от 06.10.2003 № 131-ФЗ».
    """
    if is_upper(line):
        candidate = line
    elif len(line) <= KIND_LINE_MAX_LENGTH and line[:1].isupper() and not line.endswith("."):
        candidate = DATING_TAIL.split(line, maxsplit=1)[0].upper()
    else:
        return ""
    return next((kind for kind, pattern in KIND_KEYWORDS if pattern.search(candidate)), "")


def is_dating_line(line):
    """Date and number, adoption note or place of signing: a requisite, never part of a title."""
    patterns = (DATE_AND_NUMBER, DATE_ONLY, NUMBER_ONLY, ADOPTION_NOTE, PLACE)
    return any(pattern.match(line) for pattern in patterns)


def parse_date_and_number(text):
    """(date, number) from «от 06.10.2003 № 131-ФЗ» or «6 октября 2003 года N 131-ФЗ»."""
    match = DATE_AND_NUMBER.search(text)
    if not match:
        return None, ""
    return _date_from(match), match.group("number")


def parse_date_from_match(match):
    """The date of a DATE_AND_NUMBER or DATE_ONLY match; None when it is not a real date."""
    return _date_from(match)


def _date_from(match):
    try:
        if match.group("day"):
            parts = (match.group("year"), match.group("month"), match.group("day"))
            return datetime.date(*map(int, parts))
        month = MONTHS.get(match.group("wmonth").lower())
        if month is None:
            return None
        return datetime.date(int(match.group("wyear")), month, int(match.group("wday")))
    except ValueError:
        return None


def tidy_title(line, proper=()):
    """Titles typed in capitals become sentence case, keeping «Российской Федерации» and the
    place names of the issuing body (`proper`: their stems, see `proper_names`)."""
    if not is_upper(line):
        return line
    text = line.lower().capitalize()
    text = text.replace("российской федерации", "Российской Федерации")
    # «Выдача архивных справок» in quotes is a name: its first letter stays a capital.
    text = re.sub(r"«([а-яё])", lambda m: "«" + m.group(1).upper(), text)
    if proper:
        text = WORD.sub(
            lambda m: m.group(0).capitalize() if m.group(0).startswith(proper) else m.group(0),
            text,
        )
    return text


WORD = re.compile(r"(?<![\w-])[а-яё][а-яё-]*")
# «… городского округа Энск», «… города Энска»: the word after the kind of place is its name;
# «Энской области», «Энского района»: the adjective before the kind of region is.
NAME_AFTER = re.compile(
    r"\b(?:округа|города|поселения|поселка|посёлка|села|района)\s+([а-яё-]{3,})(?=\s+[а-яё-]+(?:ой|ого)\s+(?:области|края|района)|$)"
)
NAME_BEFORE = re.compile(
    r"\b([а-яё-]+(?:ской|ского|ская|ский|цкой|цкого|ной|ного))\s+(?:муниципального\s+)?"
    r"(?:области|края|района|округа)\b"
)
# Adjectives before «области», «района», «округа» that name a kind, not a place («Заречной
# области», «Центрального района» are names; «автономного округа» is not).
GENERIC = {
    "городского", "сельского", "муниципального", "внутригородского", "городской",
    "автономной", "автономного", "административного", "внутригородской",
}  # fmt: skip


def proper_names(body):
    """Stems of the place names in an issuing body written in capitals, e.g. ("энск",)."""
    text = body.lower()
    words = [m.group(1) for m in NAME_BEFORE.finditer(text) if m.group(1) not in GENERIC]
    words += [m.group(1) for m in NAME_AFTER.finditer(text) if m.group(1) not in GENERIC]
    return tuple(word[:-1] if len(word) > 4 else word for word in words)


def read_requisites(header_lines, closing_lines):
    """Requisites found in the heading of an act (and its closing lines for date and number)."""
    found = Requisites()
    kind_index = _find_kind(header_lines, found)
    body_lines = header_lines[:kind_index] if kind_index is not None else []
    if kind_index is not None:
        found.act_word = header_lines[kind_index].lower()
    body = " ".join(ln for ln in body_lines if ln not in NOT_A_BODY and not is_dating_line(ln))
    below_kind = header_lines[kind_index or 0 : (kind_index or 0) + 3]
    proper = proper_names(body) + tuple(stem for line in below_kind for stem in proper_names(line))
    found.issuing_body = tidy_title(body, proper)
    if found.kind == "municipal_act" and GOVERNMENT_BODY.search(found.issuing_body):
        found.kind = "resolution"
    if found.kind == "municipal_act" and not MUNICIPAL_BODY.search(found.issuing_body):
        found.kind = "resolution" if body_lines else found.kind
    found.title, subject = _find_title(header_lines, kind_index, found.kind, proper)
    found.territory = " ".join(filter(None, [found.issuing_body, tidy_title(subject, proper)]))
    if subject and not found.issuing_body and found.kind == "regional_law":
        found.issuing_body = tidy_title(subject, proper)
    _find_date_and_number(header_lines + closing_lines, found)
    return found


def _find_kind(lines, found):
    for index, line in enumerate(lines):
        kind = kind_of(line)
        if kind:
            found.kind = kind
            return index
    return None


def _find_title(lines, kind_index, kind, proper=()):
    """(title, the subject's name written under the kind line or "")."""
    if kind_index is None:
        return "", ""
    if kind == "code":
        return tidy_title(lines[kind_index], proper), ""
    title_lines, subject = [], ""
    for line in lines[kind_index + 1 :]:
        if not title_lines and not subject and SUBJECT_LINE.match(line):
            subject = line
        elif not is_dating_line(line):
            title_lines.append(line)
    title = tidy_title(" ".join(title_lines), proper).strip()
    if title.startswith("«") and title.endswith("»") and title.count("«") == 1:
        title = title[1:-1]  # «Об общих принципах …» quoted under «Федеральный закон от …»
    return title, subject


def _find_date_and_number(lines, found):
    text = "\n".join(lines)
    date, number = parse_date_and_number(text)
    if date is None:
        # Signature blocks put the date and the number on separate lines.
        dates = [m for m in (DATE_ONLY.match(line) for line in lines) if m]
        numbers = [m for m in (NUMBER_ONLY.match(line) for line in lines) if m]
        date = _date_from(dates[-1]) if dates else None
        number = numbers[-1].group("number") if numbers else ""
    found.adopted_on, found.number = date, number


# The body's first word in the genitive, as it follows the act in a citation.
BODY_GENITIVE = {
    "администрация": "администрации",
    "совет": "Совета",
    "дума": "Думы",
    "глава": "главы",
    "правительство": "Правительства",
    "губернатор": "Губернатора",
    "мэрия": "мэрии",
    "мэр": "мэра",
    "собрание": "Собрания",
    "министерство": "министерства",
    "департамент": "департамента",
    "комитет": "комитета",
    "управление": "управления",
}
ACT_GENITIVE = {
    "постановление": "постановления",
    "распоряжение": "распоряжения",
    "решение": "решения",
    "приказ": "приказа",
}


def act_citation_name(act_word, requisites):
    """«постановления администрации городского округа Энск от 03.06.2025 № 771», or "" when
    the kind line is not one of these acts."""
    act = ACT_GENITIVE.get(act_word)
    if act is None or requisites.get("adopted_on") is None:
        return ""
    parts = [act]
    first, _, rest = (requisites.get("issuing_body") or "").partition(" ")
    body = BODY_GENITIVE.get(first.lower())
    if body:
        parts.append(f"{body} {rest}".strip())
    parts.append(f"от {requisites['adopted_on']:%d.%m.%Y}")
    if requisites.get("number"):
        parts.append(f"№ {requisites['number']}")
    return " ".join(parts)[:300]
