"""Synonyms and abbreviations from `portal.models.SearchSynonym`, kept for every search.

The table is small and read on every search, so each process keeps it for the current version
of the table: a search reads a short version stamp from the cache, not the table (12 KB to
unpickle), and saving or deleting a synonym in admin bumps the version. The stamp itself is
read at most once every `VERSION_CHECK_SECONDS`: one page searches every service, each asking
for the table, and each read was a round trip to the cache. Another process therefore sees an
edit of the table up to that much later; the process that saved it sees it at once.
"""

import functools
import re
import time

from portal import caching
from portal.search.normalize import fold_yo

VERSION_NAME = "portal.search.synonyms"
MAX_ALTERNATIVES = 8
VERSION_CHECK_SECONDS = 1.0
# Expansions kept per process for the current table (`expand_query`), cleared when full.
MAX_EXPANDED = 4096

# (when the version was read, the version)
_checked: tuple[float, str] = (float("-inf"), "")
# (the table they were computed from, {query: its alternatives})
_expanded: tuple = (None, {})


def synonym_table() -> list[tuple[str, list[str]]]:
    """Active synonyms as (term, expansions), ё-folded and lower-cased. Shared by every caller
    in the process: not to be changed."""
    return _table(_version())


def _version() -> str:
    global _checked
    now = time.monotonic()
    if now - _checked[0] >= VERSION_CHECK_SECONDS:
        _checked = (now, caching.version(VERSION_NAME))
    return _checked[1]


@functools.lru_cache(maxsize=2)
def _table(version: str) -> list[tuple[str, list[str]]]:
    # Imported here: models modules import portal.search (its vectors) while the app registry
    # is still loading, before portal.models may be imported.
    from portal.models import SearchSynonym

    return [
        (fold_yo(item.term).lower(), [fold_yo(e).lower() for e in item.expansion_list()])
        for item in SearchSynonym.objects.filter(is_active=True)
    ]


def invalidate_synonyms(**kwargs) -> None:
    global _checked
    caching.bump(VERSION_NAME)
    _checked = (float("-inf"), "")


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern:
    # Kept: every search tries every phrase of the table, more than `re`'s own cache holds.
    # Whole words only: «МО» must not match inside «МОСКВА».
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)


def expand_query(query: str) -> list[str]:
    """Alternative wordings of `query`: each known term replaced by its meanings and back.

    «полномочия ОМСУ» → ["полномочия органы местного самоуправления", …]; a full title typed
    by the user also yields its abbreviation. The original query is not included. A site-wide
    search asks it once per service: the answer is kept per process for the current table.
    """
    global _expanded
    table = synonym_table()  # the same list while the table's version stays
    if _expanded[0] is not table or len(_expanded[1]) >= MAX_EXPANDED:
        _expanded = (table, {})
    known = _expanded[1]
    if query not in known:
        known[query] = _alternatives(query, table)
    return list(known[query])


def _alternatives(query: str, table) -> tuple[str, ...]:
    folded = fold_yo(query)
    lowered = folded.lower()
    alternatives: list[str] = []
    for term, expansions in table:
        for source, targets in [(term, expansions), *((e, [term]) for e in expansions)]:
            if source not in lowered:  # cheaper than the pattern, and it must hold for a match
                continue
            pattern = _phrase_pattern(source)
            if not pattern.search(folded):
                continue
            for target in targets:
                candidate = pattern.sub(target, folded)
                if candidate.lower() != folded.lower() and candidate not in alternatives:
                    alternatives.append(candidate)
    return tuple(alternatives[:MAX_ALTERNATIVES])
