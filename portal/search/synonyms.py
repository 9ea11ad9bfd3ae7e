"""Synonyms and abbreviations from `portal.models.SearchSynonym`, cached for every request.

The table is small and read on every search, so it lives in the cache as a list of
(term, expansions) pairs; saving or deleting a synonym in admin drops the cached copy.
"""

import functools
import re

from django.core.cache import cache

from portal.search.normalize import fold_yo

CACHE_KEY = "portal.search.synonyms.v1"
CACHE_SECONDS = 24 * 3600
MAX_ALTERNATIVES = 8


def synonym_table() -> list[tuple[str, list[str]]]:
    """Active synonyms as (term, expansions), ё-folded and lower-cased."""
    table = cache.get(CACHE_KEY)
    if table is None:
        # Imported here: models modules import portal.search (its vectors) while the app
        # registry is still loading, before portal.models may be imported.
        from portal.models import SearchSynonym

        table = [
            (fold_yo(item.term).lower(), [fold_yo(e).lower() for e in item.expansion_list()])
            for item in SearchSynonym.objects.filter(is_active=True)
        ]
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def invalidate_synonyms(**kwargs) -> None:
    cache.delete(CACHE_KEY)


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
    alternatives: list[str] = []
    for term, expansions in synonym_table():
        for source, targets in [(term, expansions), *((e, [term]) for e in expansions)]:
            pattern = _phrase_pattern(source)
            if not pattern.search(folded):
                continue
            for target in targets:
                candidate = pattern.sub(target, folded)
                if candidate.lower() != folded.lower() and candidate not in alternatives:
                    alternatives.append(candidate)
    return alternatives[:MAX_ALTERNATIVES]
