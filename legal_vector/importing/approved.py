"""Documents approved by an act («Утвержден постановлением … ПОРЯДОК …») and appendices.

A municipal resolution is often four points long; the rules live in the Порядок, Положение or
Регламент it approves. Such a document becomes a unit of its own (kind `approved`) with its
sections, points «1.1.», «3.5.1.», sub-points and appendices under it, and is cited by its name:
«п. 3.5.1 Порядка, утв. постановлением … от 03.06.2025 № 771».
"""

import re

# First words of an approved document's title -> (nominative, genitive) as it is cited.
APPROVED_NAMES = {
    "АДМИНИСТРАТИВНЫЙ РЕГЛАМЕНТ": ("Административный регламент", "Административного регламента"),
    "МУНИЦИПАЛЬНАЯ ПРОГРАММА": ("Муниципальная программа", "Муниципальной программы"),
    "ПОРЯДОК": ("Порядок", "Порядка"),
    "ПОЛОЖЕНИЕ": ("Положение", "Положения"),
    "ПРАВИЛА": ("Правила", "Правил"),
    "РЕГЛАМЕНТ": ("Регламент", "Регламента"),
    "ПЕРЕЧЕНЬ": ("Перечень", "Перечня"),
    "СОСТАВ": ("Состав", "Состава"),
    "ПРОГРАММА": ("Программа", "Программы"),
    "МЕТОДИКА": ("Методика", "Методики"),
    "ИНСТРУКЦИЯ": ("Инструкция", "Инструкции"),
    "ТРЕБОВАНИЯ": ("Требования", "Требований"),
    "СТАНДАРТ": ("Стандарт", "Стандарта"),
}
APPROVAL = re.compile(r"^(?:УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?|УТВЕРЖДЁН|Утверждён)(?:\s|$|\.)")
APPENDIX = re.compile(
    r"^(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+(?:[N№]\s*)?(?P<number>\d+(?:\.\d+)?))?(?:\s|$|\.)"
)
# «Приложение к постановлению …» is the act's own appendix: an approved document when a title
# like «ПОЛОЖЕНИЕ» follows; «Приложение N 1 к Порядку …» is a form of that document.
TO_THE_ACT = re.compile(
    r"\bк\s+(?:постановлению|решению|распоряжению|приказу|указу|закону)\b", re.IGNORECASE
)
LOOKAHEAD = 8
TITLE_MAX_LENGTH = 300


def approved_name(line):
    """(nominative, genitive) when the line opens an approved document's title, else None."""
    if len(line) > TITLE_MAX_LENGTH:
        return None
    upper = line.upper()
    for start, names in APPROVED_NAMES.items():
        if upper == start or upper.startswith(start + " "):
            return names
    return None


def find_approved_title(lines, start, is_structural):
    """The index of the approved document's title line within the block opened at `start`.

    Only a few lines are looked at (the approval block is short), so parsing stays linear.
    """
    is_appendix = bool(APPENDIX.match(lines[start]))
    to_the_act = not is_appendix
    for index in range(start + 1, min(len(lines), start + LOOKAHEAD)):
        line = lines[index]
        if is_structural(line) or APPROVAL.match(line) or APPENDIX.match(line):
            return None
        to_the_act = to_the_act or bool(TO_THE_ACT.search(line))
        if approved_name(line) and line == line.upper() and to_the_act:
            return index
    return None
