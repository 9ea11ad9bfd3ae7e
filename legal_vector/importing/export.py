"""Texts saved from legal reference systems: their clutter, their notes and edition marks.

A lawyer's copy of an act is usually an export: the system's lines at the top («Документ
предоставлен …», the site, «Дата сохранения: …»), page rulers and «Страница 3 из 9» between
pages, the system's own notes («КонсультантПлюс: примечание.») and the marks of editions
(«Список изменяющих документов», «(в ред. … от … N …)», «(п. 3.5.1 введен …)»). The clutter is
not the act's text and is dropped; a note block becomes one line that starts with `NOTE`, so
the parser attaches it to the unit it follows; a bracketed mark broken over lines is put back
on one line, so the parser reads it as one mark.
"""

import re

from legal_vector.importing.requisites import DATE_AND_NUMBER, parse_date_from_match

# A line the parser reads as a note of the reference system, never as the act's text.
NOTE = "\ue000"
CLUTTER = re.compile(
    "|".join(
        (
            r"^Документ предоставлен\b",
            r"^(?:https?://)?www\.[\w.-]+\.\w+/?\S*$",
            r"^Дата сохранения\s*:",
            r"^Страница\s+\d+\s+из\s+\d+$",
            r"^надежная правовая поддержка$",
            r"^КонсультантПлюс$",
            r"^Система ГАРАНТ\b|^ГАРАНТ\.РУ\b|^Информационно-правовой портал\b",
            r"^Документ (?:распечатан|сохранен|сохранён|получен)\b",
            r"^(?:Актуально|Действует) на \d{2}\.\d{2}\.\d{4}$",
            r"^Источник публикации\b",
            # The page header of an export: «Постановление … от … N … (ред. от 15.04.2026)».
            r"\(ред\.\s+от\s+\d{2}\.\d{2}\.\d{4}\)",
        )
    ),
    re.IGNORECASE,
)
RULER = re.compile(r"^[-_=*\u2014\u2013\u2500.]{5,}$")
NOTE_START = re.compile(r"^(?:КонсультантПлюс:\s*примечание\.?|Примечание(?:\s+изготовителя)?[.:])")
NOTE_MAX_LINES = 8
MARK_MAX_LINES = 8
AMENDING_LIST = re.compile(r"^Список\s+изменяющих\s+документов$", re.IGNORECASE)


def clean_export(lines):
    """Drop the clutter, fold note blocks into NOTE lines and broken marks into one line."""
    result = []
    note = None  # lines of an open note block
    after_ruler = False
    for line in lines:
        if RULER.match(line):
            if note is not None:
                result.append(NOTE + " ".join(note))
                note = None
            after_ruler = True
            continue
        if CLUTTER.search(line):
            continue
        if note is not None:
            note.append(line)
            if len(note) >= NOTE_MAX_LINES:
                result.append(NOTE + " ".join(note))
                note = None
            continue
        if NOTE_START.match(line):
            # Between rulers a note runs until the next ruler; otherwise it is this line.
            if after_ruler:
                note = [line]
            else:
                result.append(NOTE + line)
            continue
        after_ruler = False
        result.append(line)
    if note is not None:
        result.append(NOTE + " ".join(note))
    return _join_marks(result)


def _join_marks(lines):
    """«(в ред. постановлений …» / «от … N …)» on two lines become one bracketed line."""
    result = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("(") and line.count("(") > line.count(")"):
            end = index + 1
            joined = line
            while end < len(lines) and end - index < MARK_MAX_LINES:
                joined = f"{joined} {lines[end]}"
                end += 1
                if joined.count("(") <= joined.count(")"):
                    break
            if joined.endswith(")") and joined.count("(") == joined.count(")"):
                result.append(joined)
                index = end
                continue
        result.append(line)
        index += 1
    return result


def is_note(line):
    return line.startswith(NOTE)


SYSTEM_NOTE_LABEL = re.compile(r"^КонсультантПлюс:\s*примечание\.?\s*", re.IGNORECASE)


def note_text(line):
    """The note without the system's own label («КонсультантПлюс: примечание.»)."""
    return SYSTEM_NOTE_LABEL.sub("", line[len(NOTE) :]) or line[len(NOTE) :]


# -- edition marks ---------------------------------------------------------------------------
INSERTED = re.compile(r"\bвв[её]ден[аоы]?\b|\bдополнен[аоы]?\b", re.IGNORECASE)
AMENDED = re.compile(r"^\((?:[^()]{0,40}?\s)?в\s+ред\.", re.IGNORECASE)
REPEALED_MARK = re.compile(r"\bутратил[аио]?\s+силу\b|\bисключ[её]н[аоы]?\b", re.IGNORECASE)
INSERTED_KIND, AMENDED_KIND, REPEALED_KIND = "inserted", "amended", "repealed"
# «3.6. Утратил силу. - Постановление … от … N 300.»: the act after the dash.
REPEALED_BY = re.compile(r"^Утратил[аои]?\s+силу[^.]*\.?\s*[-\u2013\u2014]\s*(?P<act>.+)$", re.I)


def acts_in(text):
    """Amending acts named in a mark: [{"date": "2026-02-10", "number": "95"}, …]."""
    found = []
    for match in DATE_AND_NUMBER.finditer(text):
        date = parse_date_from_match(match)
        found.append({"date": date.isoformat() if date else "", "number": match.group("number")})
    return found


def mark_of(line):
    """The change mark a bracketed line is, or None for an ordinary editorial note."""
    if AMENDED.match(line):
        kind = AMENDED_KIND
    elif INSERTED.search(line):
        kind = INSERTED_KIND
    elif REPEALED_MARK.search(line):
        kind = REPEALED_KIND
    else:
        return None
    return {"kind": kind, "text": line, "acts": acts_in(line)}


def repealed_mark(text):
    """The mark of a point whose text is «Утратил силу. - Постановление …», or None."""
    match = REPEALED_BY.match(text)
    if match is None:
        return None
    act = match.group("act").rstrip(".")
    return {"kind": REPEALED_KIND, "text": f"утратил силу: {act}", "acts": acts_in(act)}


def amending_list(line):
    """Acts of «Список изменяющих документов» given its bracketed line."""
    return {"text": line.strip("() "), "acts": acts_in(line)}


def is_amending_list_title(line):
    return bool(AMENDING_LIST.match(line))
