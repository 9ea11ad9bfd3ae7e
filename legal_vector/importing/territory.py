"""The region and the municipality named in an act's issuing body, from the reference tables.

«Администрация города Новосибирска» and «Правительство Новосибирской области» name their
territory in the genitive, so names are compared by word stems: every word of a known name
must start some word of the body. Words followed by «области», «края», «республики» belong to
the region and never name a municipality («Новосибирской области» is not «Новосибирск»).
"""

import re

from portal.municipalities.models import Municipality, Region

WORD = re.compile(r"[а-яёa-z0-9]+(?:-[а-яёa-z0-9]+)*")
SUBJECT_WORDS = ("облас", "кра", "респу", "автон")
# A municipal body names its own territory; a regional one («Правительство … области») does not.
MUNICIPAL = re.compile(
    r"администрац|депутат|дума\s+(город|муницип)|поселени|округ|район|город", re.I
)


ADJECTIVE_ENDINGS = ("ая", "ий", "ый", "ой", "ое", "ее", "ие", "ые")


def _common(word, other):
    length = 0
    for a, b in zip(word, other, strict=False):
        if a != b:
            break
        length += 1
    return length


def _required(word):
    """Letters a body's word must share with a name's word: all but the case ending, which is
    two letters for adjectives («Новосибирская» / «Новосибирской») and one for nouns."""
    ending = 2 if word.endswith(ADJECTIVE_ENDINGS) else 1
    return max(3, len(word) - ending) if len(word) > 3 else len(word)


def _score(name, words):
    """How well a known name matches the body: 0 unless every word of it is in the body up to
    its case ending; else the letters in common, so «Новосибирск» is found in «города
    Новосибирска» and «Город Городец» is not found in «городского округа»."""
    total = 0
    for word in WORD.findall(name.lower()):
        best = max((_common(word, other) for other in words), default=0)
        if best < _required(word):
            return 0
        total += best
    return total


def _best(candidates, words):
    scored = [(_score(name, words), pk, extra) for pk, name, extra in candidates]
    scored = [item for item in scored if item[0]]
    return max(scored, default=None)


def territory_of(text):
    """(region id, municipality id) named in `text`; either may be None."""
    words = WORD.findall(text.lower())
    if not words:
        return None, None
    found = _best(Region.objects.values_list("pk", "name", "code"), words)
    region_id = found[1] if found else None
    if not MUNICIPAL.search(text):
        return region_id, None
    own = [
        word
        for word, following in zip(words, [*words[1:], ""], strict=True)
        if not following.startswith(SUBJECT_WORDS)
    ]
    municipalities = Municipality.objects.all()
    if region_id is not None:
        municipalities = municipalities.filter(region_id=region_id)
    found = _best(municipalities.values_list("pk", "name", "region_id"), own)
    if found is None:
        return region_id, None
    return found[2], found[1]
