"""Synonyms and abbreviations from `portal.models.SearchSynonym`, kept for every search.

The table is small and read on every search, so each process keeps it for the current version
of the table: a search reads a short version stamp from the cache, not the table (12 KB to
unpickle), and saving or deleting a synonym in admin bumps the version.
"""

import functools
import re

from portal import caching
from portal.search.normalize import fold_yo

VERSION_NAME = "portal.search.synonyms"
MAX_ALTERNATIVES = 8


def synonym_table() -> list[tuple[str, list[str]]]:
    """Active synonyms as (term, expansions), ё-folded and lower-cased. Shared by every caller
    in the process: not to be changed."""
    return _table(caching.version(VERSION_NAME))


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
    caching.bump(VERSION_NAME)


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern:
    # Kept: every search tries every phrase of the table, more than `re`'s own cache holds.
    # Whole words only: «МО» must not match inside «МОСКВА».
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)


def expand_query(query: str) -> list[str]:
    """Alternative wordings of `query`: each known term replaced by its meanings and back.

    «полномочия ОМСУ» → ["полномочия органы местного самоуправления", …]; a full title typed
    by the user also yields its abbreviation. The original query is not included.
    """
    folded = fold_yo(query)
    lowered = folded.lower()
    alternatives: list[str] = []
    for term, expansions in synonym_table():
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
    return alternatives[:MAX_ALTERNATIVES]
