"""The words of the legal base, for «Возможно, вы искали: …» when a query finds nothing.

A typo in an ordinary word («праект») matches no unit. Each unknown word of the query is
replaced by the most similar known word (pg_trgm similarity, then frequency). The words live in
`SearchWord`, a table of distinct words with a trigram index: tens of thousands of rows, so a
correction is one indexed query instead of a scan of a million units. An import adds the words
of its edition (`add_edition_words`); `manage.py rebuild_search_vocabulary` recounts them from
the current editions only (after removing documents or many re-imports).
"""

import re

from django.db import connection, transaction

from legal_vector.models import SearchWord
from legal_vector.search import weighting
from portal.search.language import in_dictionary

# Cyrillic words only: numbers and Latin codes are requisites, not words to correct.
WORD_RE = re.compile(r"[а-яё]+", re.IGNORECASE)
MIN_WORD_LENGTH = 4
# The letters a dictionary word shares with its replacement: a stem, not a look-alike.
SHARED_STEM = 6
# What a unit contributes: the same fields as its search vector, as plain lower-case words.
UNIT_WORDS = (
    "SELECT to_tsvector('simple', replace(lower(heading || ' ' || text), 'ё', 'е')) "
    "FROM legal_vector_structuralunit WHERE {condition}"
)
INSERT_WORDS = """
    INSERT INTO {table} (word, unit_count)
    SELECT word, ndoc FROM ts_stat(%s)
    WHERE char_length(word) BETWEEN {min_length} AND 64 AND word ~ '^[а-я]+$'
    ON CONFLICT (word) DO UPDATE SET unit_count = {table}.unit_count + EXCLUDED.unit_count
"""
CLOSEST_WORDS = """
    SELECT typed.word, best.word FROM unnest(%s::text[]) AS typed(word)
    CROSS JOIN LATERAL (
        SELECT candidate.word FROM {table} AS candidate
        WHERE candidate.word %% typed.word
        ORDER BY similarity(candidate.word, typed.word) DESC, candidate.unit_count DESC,
            candidate.word
        LIMIT 1
    ) AS best
    WHERE NOT EXISTS (SELECT 1 FROM {table} AS known WHERE known.word = typed.word)
"""


def _insert_words(condition: str) -> None:
    table = SearchWord._meta.db_table
    sql = INSERT_WORDS.format(table=table, min_length=MIN_WORD_LENGTH)
    with connection.cursor() as cursor:
        cursor.execute(sql, [UNIT_WORDS.format(condition=condition)])
    weighting.forget_vocabulary()


def add_edition_words(edition) -> None:
    """Add the words of an imported edition's units (inside the import's transaction)."""
    _insert_words(f"edition_id = {int(edition.pk)}")


@transaction.atomic
def rebuild_vocabulary() -> int:
    """Recount every word from the units of current editions; the number of words."""
    SearchWord.objects.all().delete()
    _insert_words("is_current")
    return SearchWord.objects.count()


def _closest(words: list[str]) -> dict[str, str]:
    """Unknown word → the most similar known word, for those that have one."""
    sql = CLOSEST_WORDS.format(table=SearchWord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, [words])
        return dict(cursor.fetchall())


def _folded(word: str) -> str:
    return word.lower().replace("ё", "е")


def _replaceable(typed: str, known: str) -> bool:
    """A word the dictionary knows is no typo: it gives way only to a word of the base with
    the same stem («коммуналка» → «коммунального»), never to one that merely looks like it
    («часто» → «части», «подарок» → «подряд»)."""
    return not in_dictionary(typed) or typed[:SHARED_STEM] == known[:SHARED_STEM]


def corrected(text: str) -> str:
    """`text` with its unknown words replaced by known words of the base; "" when nothing was
    replaced (see `_replaceable` for the words of the dictionary)."""
    words = sorted({_folded(w) for w in WORD_RE.findall(text) if len(w) >= MIN_WORD_LENGTH})
    closest = _closest(words) if words else {}
    replacements = {typed: known for typed, known in closest.items() if _replaceable(typed, known)}
    if not replacements:
        return ""
    return WORD_RE.sub(lambda match: replacements.get(_folded(match.group()), match.group()), text)
