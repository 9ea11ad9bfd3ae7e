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
WORD_DATE = r"(?P<wday>\d{1,2})\s+(?P<wmonth>[а-я]+)\s+(?P<wyear>\d{4})"
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
    ("municipal_act", re.compile(r"^(ПОСТАНОВЛЕНИЕ|РАСПОРЯЖЕНИЕ|РЕШЕНИЕ)$")),
    ("regional_law", re.compile(r"^ЗАКОН$|^ЗАКОН\s+[А-ЯЁ]")),
]
# A resolution of a government (not a municipality) is a «постановление», not an МПА.
MUNICIPAL_BODY = re.compile(
    r"АДМИНИСТРАЦИЯ|ДЕПУТАТ|ДУМА\s+(ГОРОД|МУНИЦИП)|ПОСЕЛЕНИ|ОКРУГ|РАЙОН", re.IGNORECASE
)
GOVERNMENT_BODY = re.compile(r"ПРАВИТЕЛЬСТВО", re.I)
NOT_A_BODY = {"РОССИЙСКАЯ ФЕДЕРАЦИЯ"}
# «Принят Государственной Думой 16 сентября 2003 года»: ends with the date, unlike a sentence
# of the act that happens to start with «Принято».
ADOPTION_NOTE = re.compile(
    r"^(?:Принят|Одобрен|Утвержден|Зарегистрирован)[аоы]?\s.*\d{4}\s*(?:года|г\.)?$", re.I
)
PLACE = re.compile(r"^г\.\s*[А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w-]*)?$")


@dataclass
class Requisites:
    kind: str = ""
    number: str = ""
    adopted_on: datetime.date | None = None
    title: str = ""
    issuing_body: str = ""


def is_upper(line):
    letters = [char for char in line if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def is_kind_line(line):
    """«ФЕДЕРАЛЬНЫЙ ЗАКОН», «ПОСТАНОВЛЕНИЕ», «БЮДЖЕТНЫЙ КОДЕКС РОССИЙСКОЙ ФЕДЕРАЦИИ», …"""
    return is_upper(line) and any(pattern.search(line) for _, pattern in KIND_KEYWORDS)


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


def tidy_title(line):
    """Titles typed in capitals become sentence case, keeping «Российской Федерации»."""
    if not is_upper(line):
        return line
    text = line.lower().capitalize()
    return text.replace("российской федерации", "Российской Федерации")


def read_requisites(header_lines, closing_lines):
    """Requisites found in the heading of an act (and its closing lines for date and number)."""
    found = Requisites()
    kind_index = _find_kind(header_lines, found)
    body_lines = header_lines[:kind_index] if kind_index is not None else []
    found.issuing_body = tidy_title(" ".join(ln for ln in body_lines if ln not in NOT_A_BODY))
    if found.kind == "municipal_act" and GOVERNMENT_BODY.search(found.issuing_body):
        found.kind = "resolution"
    if found.kind == "municipal_act" and not MUNICIPAL_BODY.search(found.issuing_body):
        found.kind = "resolution" if body_lines else found.kind
    found.title = _find_title(header_lines, kind_index, found.kind)
    _find_date_and_number(header_lines + closing_lines, found)
    return found


def _find_kind(lines, found):
    for index, line in enumerate(lines):
        for kind, pattern in KIND_KEYWORDS:
            if is_upper(line) and pattern.search(line):
                found.kind = kind
                return index
    return None


def _find_title(lines, kind_index, kind):
    if kind_index is None:
        return ""
    if kind == "code":
        return tidy_title(lines[kind_index])
    title_lines = []
    for line in lines[kind_index + 1 :]:
        if not is_dating_line(line):
            title_lines.append(line)
    return tidy_title(" ".join(title_lines)).strip()


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
