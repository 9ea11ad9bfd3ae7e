"""What the importer derives from the title of a code: how its articles are numbered inside
and how the code is named in a citation («ч. 1 ст. 14 Жилищного кодекса Российской Федерации»).
"""

import re

PARTS = "parts"
POINTS = "points"
NUMBERED_ITEMS = (PARTS, POINTS)

# Older codes (БК, НК, ГК, ЗК, СК, …) call an article's «1.» a пункт; the newer ones (ЖК, ГрК,
# КоАП, ТК, the procedural codes, …) call it a часть. Checked in order against the title in
# lower case: «внутреннего водного транспорта» must win over «водн», «процессуальн» over
# «гражданск».
NUMBERING_BY_TITLE = [
    ("внутреннего водного транспорта", POINTS),
    ("торгового мореплавания", POINTS),
    ("процессуальн", PARTS),
    ("административн", PARTS),
    ("уголовн", PARTS),
    ("жилищн", PARTS),
    ("градостроительн", PARTS),
    ("трудов", PARTS),
    ("водн", PARTS),
    ("лесн", PARTS),
    ("бюджетн", POINTS),
    ("налогов", POINTS),
    ("гражданск", POINTS),
    ("земельн", POINTS),
    ("семейн", POINTS),
    ("воздушн", POINTS),
]

# Adjective endings in the nominative -> genitive: «Жилищный» -> «Жилищного», «Трудовой» ->
# «Трудового», «Гражданский» -> «Гражданского». Longest first.
GENITIVE_ENDINGS = [("кий", "кого"), ("гий", "гого"), ("хий", "хого"), ("ый", "ого"), ("ой", "ого")]
CODE_WORD = re.compile(r"^кодекс$", re.IGNORECASE)


def numbered_items_of(title):
    """PARTS or POINTS for a known code title; "" when the title is not in the table."""
    lowered = title.lower()
    for fragment, numbering in NUMBERING_BY_TITLE:
        if fragment in lowered:
            return numbering
    return ""


def code_citation_name(title):
    """«Жилищный кодекс Российской Федерации» -> «Жилищного кодекса Российской Федерации».

    The adjectives before «кодекс» are declined, the words after it are already in the
    genitive («Российской Федерации», «об административных правонарушениях»). Returns "" when
    the title does not follow this pattern, so the citation falls back to kind, date and number.
    """
    words = title.split()
    index = next((i for i, word in enumerate(words) if CODE_WORD.match(word)), None)
    if index is None:
        return ""
    adjectives = [_adjective_genitive(word) for word in words[:index]]
    if not all(adjectives):
        return ""
    return " ".join([*adjectives, words[index] + "а", *words[index + 1 :]])


def _adjective_genitive(word):
    for ending, genitive in GENITIVE_ENDINGS:
        if word.lower().endswith(ending):
            return word[: -len(ending)] + genitive
    return ""
