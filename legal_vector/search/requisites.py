"""The requisites parser: «ч. 2 ст. 36 закона 131-ФЗ» → which document and which unit.

It runs before full-text search and before the bot: a user who types a citation wants that
norm, not a list of texts mentioning it.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, When
from django.db.models import Q as models_q

from legal_vector.importing.keys import key_number
from legal_vector.models import Document, DocumentKind, StructuralUnit

UNIT_PATTERNS = [
    ("subpoint", r"(?:пп\.?|подп\.|подпункт[а-я]*)\s*«?(?P<v>[а-я0-9]{1,3})»?"),
    ("point", r"(?:п\.|пункт[а-я]*)\s*(?P<v>\d+(?:\.\d+)*)"),
    ("part", r"(?:ч\.|част[а-я]*)\s*(?P<v>\d+(?:\.\d+)*)"),
    ("article", r"(?:ст\.|стать[а-я]*)\s*(?P<v>\d+(?:\.\d+)*)"),
]
UNIT_ABBREVIATIONS = (("subpoint", "пп."), ("point", "п."), ("part", "ч."), ("article", "ст."))
UNIT_RE = {kind: re.compile(rf"(?<!\w){pattern}", re.I) for kind, pattern in UNIT_PATTERNS}
LAW_NUMBER_RE = re.compile(
    r"(?<![\w/-])(?:[№N]\s*)?(?P<n>\d{1,4}(?:-\d+)?)-?\s*(?P<s>ФЗ|ФКЗ)(?!\w)", re.I
)
# Numbers that name one act without «№»: court cases («33а-1187/2025», «Ф10-3456/2024»),
# ministry letters («24-01-07/12345») — a token with a digit and a slash — and register
# numbers of municipal acts (RU + municipality code + year + sequence).
SLASHED_NUMBER_RE = re.compile(
    r"(?<![\w/.-])(?P<n>(?=[\w/-]*\d)[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*"
    r"(?:/[0-9A-Za-zА-Яа-яЁё]+(?:-[0-9A-Za-zА-Яа-яЁё]+)*)+)(?![\w/-])"
)
REGISTER_NUMBER_RE = re.compile(r"(?<!\w)(?P<n>RU\d{8,})(?!\w)", re.I)
HASH_NUMBER_RE = re.compile(r"[№N]\s*(?P<n>[0-9][0-9A-Za-zА-Яа-я\-/.]*[0-9A-Za-zА-Яа-я])")
DATE_RE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)")
# Abbreviations of codes as lawyers write them; each names a word of the code's title.
CODES = {
    "бк": "Бюджетн",
    "зк": "Земельн",
    "грк": "Градостроительн",
    "жк": "Жилищн",
    "коап": "административных правонарушениях",
    "тк": "Трудов",
    "гк": "Гражданск",
    "нк": "Налогов",
}
CODE_RE = re.compile(rf"(?<!\w)(?P<c>{'|'.join(CODES)})(?:\s*рф)?(?!\w)", re.I)
# The same codes written out: «Жилищный кодекс», «ст. 39.5 Земельного кодекса РФ».
CODE_NAME_RE = re.compile(
    r"(?<!\w)(?P<c>бюджетн|земельн|градостроительн|жилищн|трудов|гражданск|налогов)[а-я]*"
    r"\s+кодекс[а-я]*(?:\s+(?:рф|российской\s+федерации))?(?!\w)",
    re.I,
)
# Words that may surround requisites without making the query a text search.
FILLER = re.compile(
    r"(?<!\w)(федеральн[а-я]*|закон[а-я]*|кодекс[а-я]*|рф|российской|федерации|от|г\.|года|"
    r"в|по|и|сказано|что|где|норма|редакции|№|n|дел[оау]|письм[оа]|номер)(?!\w)",
    re.I,
)


@dataclass
class Citation:
    """What the user cited. `units` maps kind → number; `leftover` is the rest of the text."""

    number: str = ""
    adopted_on: datetime.date | None = None
    code_hint: str = ""
    units: dict[str, str] = field(default_factory=dict)
    leftover: str = ""

    @property
    def names_document(self):
        return bool(self.number or self.code_hint)

    @property
    def is_pure(self):
        """Nothing but requisites: the search page may jump straight to the target."""
        return self.names_document and not self.leftover

    def unit_label(self):
        """The cited unit as lawyers write it: «ч. 2 ст. 36»; "" when no unit is cited."""
        parts = [
            f"{abbreviation} {self.units[kind]}"
            for kind, abbreviation in UNIT_ABBREVIATIONS
            if kind in self.units
        ]
        return " ".join(parts)

    def key_candidates(self):
        """Stable keys from the most specific to the article, in the importer's key format."""
        article = self.units.get("article")
        if not article:
            return []
        path = [f"st{key_number(article)}"]
        for kind, token in (("part", "ch"), ("point", "p"), ("subpoint", "pp")):
            if kind in self.units:
                path.append(f"{token}{key_number(self.units[kind])}")
        candidates = ["/".join(path[: i + 1]) for i in range(len(path))]
        if "part" in self.units and "point" in self.units:
            candidates.append(f"{path[0]}/p{key_number(self.units['point'])}")
        return sorted(candidates, key=lambda key: -key.count("/"))


def _take(pattern, text):
    match = pattern.search(text)
    if not match:
        return None, text
    return match, f"{text[: match.start()]} {text[match.end() :]}"


def parse_citation(text: str) -> Citation | None:
    """A `Citation` if `text` names a document by number or a code by its abbreviation."""
    citation = Citation()
    rest = text.replace("ё", "е")
    for kind, pattern in UNIT_RE.items():
        match, rest = _take(pattern, rest)
        if match:
            citation.units[kind] = match.group("v").lower()
    match, rest = _take(LAW_NUMBER_RE, rest)
    if match:
        citation.number = f"{match.group('n')}-{match.group('s').upper()}"
    else:
        for pattern in (HASH_NUMBER_RE, REGISTER_NUMBER_RE, SLASHED_NUMBER_RE):
            match, rest = _take(pattern, rest)
            if match:
                citation.number = match.group("n")
                break
    match, rest = _take(DATE_RE, rest)
    if match:
        try:
            citation.adopted_on = datetime.date(*map(int, match.group("y", "m", "d")))
        except ValueError:
            citation.adopted_on = None
    if not citation.number:
        match, rest = _take(CODE_RE, rest)
        citation.code_hint = CODES[match.group("c").lower()] if match else ""
    if not citation.number and not citation.code_hint:
        match, rest = _take(CODE_NAME_RE, rest)
        citation.code_hint = match.group("c").capitalize() if match else ""
    if not citation.names_document:
        return None
    citation.leftover = " ".join(re.sub(r"[^\w\s]", " ", FILLER.sub(" ", rest)).split())
    return citation


def _whole_number(number: str) -> bool:
    """A case, letter or register number matches only as a whole: «33а-1187/2025» must not
    fall back to a law numbered «33»."""
    return "/" in number or REGISTER_NUMBER_RE.fullmatch(number) is not None


def find_document(citation: Citation):
    """The cited document: a number matches with or without its «-ФЗ» suffix; in force first."""

    documents = Document.objects.all()
    if citation.number and _whole_number(citation.number):
        documents = documents.filter(
            models_q(number__iexact=citation.number)
            | models_q(register_number__iexact=citation.number)
        )
    elif citation.number:
        bare = citation.number.split("-")[0] if citation.number[0].isdigit() else citation.number
        documents = documents.filter(
            models_q(number__iexact=citation.number)
            | models_q(number__iexact=bare)
            | models_q(number__istartswith=f"{bare}-")
        )
    else:
        documents = documents.filter(kind=DocumentKind.CODE, title__icontains=citation.code_hint)
    if citation.adopted_on:
        documents = documents.filter(adopted_on=citation.adopted_on)
    exact = models_q(number__iexact=citation.number)
    return (
        documents.annotate(
            _exact=Case(When(exact, then=1), default=0, output_field=IntegerField()),
            _in_force=Case(When(status="in_force", then=1), default=0, output_field=IntegerField()),
        )
        .order_by("-_exact", "-_in_force", "-adopted_on")
        .first()
    )


def find_unit(document, citation: Citation):
    """The most specific unit of the document's current edition that the citation names."""

    candidates = citation.key_candidates()
    if not candidates:
        return None
    found = {
        unit.stable_key: unit
        for unit in StructuralUnit.objects.current().filter(
            document=document, stable_key__in=candidates
        )
    }
    return next((found[key] for key in candidates if key in found), None)


def resolve(text: str):
    """(citation, document, unit) for a citation in `text`; (None, None, None) otherwise."""
    citation = parse_citation(text)
    if citation is None:
        return None, None, None
    document = find_document(citation)
    unit = find_unit(document, citation) if document else None
    if unit is not None:
        unit.document = document
    return citation, document, unit
