"""What a user typed, as groups of words a backend can match all of or only part of.

«Как дума утверждает устав?» → groups [дума | представительный орган | совет депутатов],
[утверждает], [устав]: question words and filler dropped (`language.significant_words`), each
synonym from `SearchSynonym` (matched by lemmas, so «думы» finds the entry «дума») turned into
one group with every wording as an alternative. Word forms are added by the backend
(`postgres.group_tsquery`), words of similar meaning (navec) by the caller, see
`WordGroup.related`.

A query with the user's own operators (quotes, «-слово», «or») is matched as typed: the plan
then has `operators=True` and backends fall back to their websearch syntax.
"""

import re
from dataclasses import dataclass

from portal.search.language import lemma, significant_words
from portal.search.synonyms import synonym_table
from portal.search.types import SearchRequest

OPERATORS_RE = re.compile(r"[\"«»]|(?:^|\s)-\w|(?:^|\s)or(?:\s|$)", re.IGNORECASE)
MAX_GROUPS = 8


@dataclass(frozen=True)
class WordGroup:
    """One meaning of the query: any of `alternatives` (each a wording whose words must all
    appear) matches it; `related` are single words of similar meaning, weaker evidence used
    only when matching part of the query."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    related: tuple[str, ...] = ()
    # How much matching this group says (rarer words say more); set by the caller, who knows
    # the words of its base. `common` groups match too many rows to look for candidates by.
    weight: float = 1.0
    common: bool = False

    @property
    def label(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class QueryPlan:
    text: str
    groups: tuple[WordGroup, ...] = ()
    operators: bool = False

    @property
    def words(self) -> list[str]:
        return [word for group in self.groups for word in group.words]


@dataclass
class PhrasedRequest(SearchRequest):
    """A `SearchRequest` with its planned words: `match_all=False` asks for the ranked
    partial match (rows with more of the rarer groups first). Backends that cannot use the
    plan run `text` as a plain request."""

    plan: QueryPlan | None = None
    match_all: bool = True
    # ORM path to the stored vector of a row that gives context to each row (the legal
    # base: «parent__search_vector», the article above a part); the partial match counts a
    # group found there at a reduced weight.
    context_vector: str = ""


def _lemmas(words) -> tuple[str, ...]:
    return tuple(lemma(word) for word in words)


def _synonym_classes(table) -> list[tuple[tuple[str, ...], ...]]:
    """Each meaning of the synonym `table` as its wordings, each wording as its significant
    words; entries sharing a wording («инициативное бюджетирование» under two terms) are
    one meaning."""
    classes: list[list[tuple[str, ...]]] = []
    for term, expansions in table:
        wordings = list(dict.fromkeys(filter(None, map(_wording, (term, *expansions)))))
        joined = [c for c in classes if set(c) & set(wordings)]
        for other in joined:
            classes.remove(other)
            wordings = list(dict.fromkeys([*other, *wordings]))
        classes.append(wordings)
    return [tuple(wordings) for wordings in classes if len(wordings) > 1]


def _wording(phrase: str) -> tuple[str, ...]:
    return tuple(significant_words(phrase))


# (the synonym table, its wordings longest first as (wording, its lemmas, its meaning)): built
# once per version of the table, not on every query (merging the meanings and taking the
# lemmas of some four hundred wordings cost a few milliseconds a search).
_wordings_of_table: tuple = (None, [])


def _synonym_wordings() -> list[tuple[tuple[str, ...], tuple[str, ...], tuple]]:
    global _wordings_of_table
    table = synonym_table()  # the same list while the table's version stays
    if _wordings_of_table[0] is not table:
        found = [
            (wording, _lemmas(wording), wordings)
            for wordings in _synonym_classes(table)
            for wording in wordings
        ]
        found.sort(key=lambda item: -len(item[0]))
        _wordings_of_table = (table, found)
    return _wordings_of_table[1]


def _find(run: tuple[str, ...], lemmas: tuple[str, ...], taken: set[int]) -> int:
    """Where `run` (lemmas) starts in `lemmas` over positions not yet taken; -1 if nowhere."""
    size = len(run)
    for start in range(len(lemmas) - size + 1):
        span = set(range(start, start + size))
        if lemmas[start : start + size] == run and not span & taken:
            return start
    return -1


def _synonym_groups(words, lemmas):
    """(start, WordGroup) for each synonym wording found in the query, longest first."""
    found, taken = [], set()
    present = set(lemmas)
    for wording, wording_lemmas, wordings in _synonym_wordings():
        if wording_lemmas[0] not in present:
            continue
        start = _find(wording_lemmas, lemmas, taken)
        if start < 0:
            continue
        size = len(wording)
        typed = tuple(words[start : start + size])
        typed_lemmas = set(lemmas[start : start + size])
        # A wording contained in what was typed («глава» in «глава муниципального
        # образования») would only widen the query: the typed words already imply it.
        alternatives = [typed] + [
            other
            for other in wordings
            if other != wording and not set(_lemmas(other)) < typed_lemmas
        ]
        taken |= set(range(start, start + size))
        found.append((start, WordGroup(typed, tuple(dict.fromkeys(alternatives)))))
    return found, taken


def plan_words(text: str) -> QueryPlan:
    """The word groups of `text` (already normalised), in the order they were typed."""
    if not text or OPERATORS_RE.search(text):
        return QueryPlan(text, operators=bool(text))
    words = significant_words(text)[: MAX_GROUPS * 2]
    lemmas = _lemmas(words)
    placed, taken = _synonym_groups(words, lemmas)
    for position, word in enumerate(words):
        if position not in taken:
            placed.append((position, WordGroup((word,), ((word,),))))
    groups, seen = [], set()
    for _, group in sorted(placed, key=lambda item: item[0]):
        key = _lemmas(group.words)
        if key not in seen:  # «устав … устава» is one meaning
            seen.add(key)
            groups.append(group)
    return QueryPlan(text, tuple(groups[:MAX_GROUPS]))
