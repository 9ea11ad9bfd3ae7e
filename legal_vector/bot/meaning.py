"""What a unit and a question are about, as one word vector each, to find a rule worded with
none of the question's words («напечатать в газете» → «опубликование в периодическом печатном
издании»).

A text's vector is the mean of the navec vectors of its words, each of unit length and weighted
by its rarity in the base (`log(N / units holding it)`): «подарок» steers it, «муниципальный»
hardly does. A unit's vector is its own text and heading, with its lead-in and article heading
at `CONTEXT_WEIGHT` and its act's title at `TITLE_WEIGHT`; it is computed when an edition is
imported (`store_meanings`, from `search.syncing.after_import`) or by `manage.py
compute_unit_meanings` for units imported before, and stored compressed like the words' own
vectors (100 bytes a unit, `StructuralUnit.meaning`). A question's vector is its concepts'
wordings (the synonym table's too: «УК» → «управляющая организация») weighted as the concepts
are. Nothing is kept per process but the words' vectors the navec file already maps.
"""

import math
import re

import numpy
from django.db import connection

from legal_vector.models import SearchWord, StructuralUnit
from portal.search.language import encode_vector, lemma, significant_words, word_vectors

WORD = re.compile(r"[а-яё]+")
# Shorter words are function words («для», «что») unless pymorphy says otherwise («суд», «мэр»).
SHORT_WORD = 3
CONTEXT_WEIGHT = 0.5
TITLE_WEIGHT = 0.3
# A word the vocabulary does not count (three letters, or absent from the base) weighs as one
# held by this share of the units: neither a stop word nor the rarest word of the base.
UNCOUNTED_SHARE = 0.01
BATCH = 500


def _words(text: str) -> list[str]:
    words = WORD.findall((text or "").lower().replace("ё", "е"))
    return [w for w in words if len(w) > SHORT_WORD or (len(w) == SHORT_WORD and _meaningful(w))]


def _meaningful(word: str) -> bool:
    return bool(significant_words(word))


class Rarity:
    """How much each word says: `log(N / units holding it)`, from the search vocabulary (one
    query for all the words of a batch)."""

    def __init__(self, words):
        table = SearchWord._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT word, unit_count FROM {table} WHERE word = ANY(%s)",  # noqa: S608
                [sorted(set(words))],
            )
            self.counts = dict(cursor.fetchall())
            cursor.execute(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = %s",
                [StructuralUnit._meta.db_table],
            )
            row = cursor.fetchone()
        self.total = max(row[0] if row else 0, *self.counts.values(), 100)

    def __call__(self, word: str) -> float:
        count = self.counts.get(word) or self.total * UNCOUNTED_SHARE
        return math.log((self.total + 1) / (min(count, self.total) + 1))


def _vectors_of(words) -> dict:
    """Word → its unit-length vector; a form navec lacks is read by its lemma."""
    words = set(words)
    found = word_vectors(words)
    lemmas = {word: lemma(word) for word in words - set(found)}
    by_lemma = word_vectors(set(lemmas.values()))
    found |= {word: by_lemma[base] for word, base in lemmas.items() if base in by_lemma}
    return {word: vector / (numpy.linalg.norm(vector) + 1e-9) for word, vector in found.items()}


def _direction(words, vectors, rarity):
    """The rarity-weighted mean of the words' vectors, of unit length; None if none is known."""
    total = numpy.zeros(300, dtype=numpy.float32)
    for word in words:
        if word in vectors:
            total += rarity(word) * vectors[word]
    norm = numpy.linalg.norm(total)
    return total / norm if norm > 0 else None


def _mix(parts):
    """(direction or None, weight) → their weighted sum; None if all are None."""
    known = [(direction, weight) for direction, weight in parts if direction is not None]
    if not known:
        return None
    return sum(weight * direction for direction, weight in known)


def unit_vectors(rows) -> dict:
    """(pk, text, heading, lead-in text, lead-in heading, act title) → pk: vector or None."""
    texts = {
        pk: (
            _words(f"{heading} {text}"),
            _words(f"{parent_heading or ''} {parent_text or ''}"),
            _words(title),
        )
        for pk, text, heading, parent_text, parent_heading, title in rows
    }
    words = {word for parts in texts.values() for part in parts for word in part}
    vectors, rarity = _vectors_of(words), Rarity(words)
    weights = (1.0, CONTEXT_WEIGHT, TITLE_WEIGHT)
    return {
        pk: _mix(
            (_direction(part, vectors, rarity), weight)
            for part, weight in zip(parts, weights, strict=True)
        )
        for pk, parts in texts.items()
    }


def store_meanings(units) -> int:
    """Compute and store the vectors of `units` (a queryset), `BATCH` at a time; how many."""
    fields = ("pk", "text", "heading", "parent__text", "parent__heading", "document__title")
    pks = list(units.order_by("pk").values_list("pk", flat=True))
    stored = 0
    for start in range(0, len(pks), BATCH):
        rows = StructuralUnit.objects.filter(pk__in=pks[start : start + BATCH]).values_list(*fields)
        meanings = [
            StructuralUnit(pk=pk, meaning=encode_vector(vector) if vector is not None else None)
            for pk, vector in unit_vectors(rows).items()
        ]
        StructuralUnit.objects.bulk_update(meanings, ["meaning"])
        stored += len(meanings)
    return stored


def _unit_length(vector):
    return None if vector is None else vector / (numpy.linalg.norm(vector) + 1e-9)


def _equal(word: str) -> float:
    return 1.0


def question_vector(concepts):
    """The question's direction: each concept's wordings (a wording's words alike), weighted
    as the concept; None when the vectors know none of its words."""
    wordings = {c: [_words(" ".join(w)) for w in c.wordings or [c.word.split()]] for c in concepts}
    vectors = _vectors_of({word for found in wordings.values() for w in found for word in w})
    return _mix(
        (_unit_length(_mix((_direction(w, vectors, _equal), 1.0) for w in found)), concept.weight)
        for concept, found in wordings.items()
    )
