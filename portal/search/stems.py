"""The stems PostgreSQL's Russian configuration gives words, kept per process.

pymorphy lists a dozen forms of a word and the Snowball stemmer folds most of them together:
«прохождение», «прохождения», «прохождениями» … all become 'прохожден'. A `tsquery` that
lists every form repeats that stem a dozen times. PostgreSQL then counts each copy apart when
it estimates how many rows match (seventeen copies of a word in 7 % of the units look like
70 % of the table), walks a b-tree index testing every row instead of using the text index,
and `@@` and `ts_rank` test every copy. So a query lists one form per distinct stem
(`distinct_forms`): the same rows match, the plan and the work follow the real words.
"""

from django.db import connection

# The text search configuration of every stored vector (the PostgreSQL backend's too).
CONFIG = "russian"
# Phrases kept per process: a stem is a few short strings; the table is cleared when full.
MAX_KNOWN = 50_000

_known: dict[str, tuple[str, ...]] = {}


def stems(phrases) -> dict[str, tuple[str, ...]]:
    """Each phrase → the stems the search vectors hold for it (none for a stop word): one
    query for the phrases this process has not met yet, none for the others."""
    wanted = set(phrases)
    found = {phrase: _known[phrase] for phrase in wanted if phrase in _known}
    missing = sorted(wanted - found.keys())
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT phrase, tsvector_to_array(to_tsvector(%s::regconfig, phrase))"
                " FROM unnest(%s::text[]) AS phrase",
                [CONFIG, missing],
            )
            fetched = {phrase: tuple(lexemes) for phrase, lexemes in cursor.fetchall()}
        if len(_known) + len(fetched) > MAX_KNOWN:
            _known.clear()
        _known.update(fetched)
        found.update(fetched)
    return found


def distinct_forms(forms_of: dict[str, set[str]]) -> dict[str, list[str]]:
    """{word: its forms} → {word: one form per distinct stem}, in a stable order. A word whose
    forms are all stop words keeps the word itself (the query drops it, as before)."""
    known = stems({form for forms in forms_of.values() for form in forms})
    distinct = {}
    for word, forms in forms_of.items():
        by_stem = {}
        for form in sorted(forms):
            if known.get(form):
                by_stem.setdefault(known[form], form)
        distinct[word] = list(by_stem.values()) or [word]
    return distinct
