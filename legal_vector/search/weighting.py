"""How much each word of a query says, and which words of the base mean nearly the same.

Both read `SearchWord` (the distinct words of current units with the number of units each is
in), never the units: one indexed query per search for the weights, and the list of words for
the vectors once per process every `VOCABULARY_SECONDS`.

- Weight: rarer words say more, `log(1 + DF_SCALE / (1 + units))`; a word in more than
  `COMMON_UNITS` units is `common` (it ranks but does not pick candidates).
- Action nouns: a verb of the query also matches the noun of its action when the base uses
  it («утверждает» → «утверждение»), as a related word.
- Related words: a group whose words the base hardly uses («публиковать», «неустойки») gets
  up to `RELATED_LIMIT` words of the base that are nearest in the navec vectors
  («опубликовать», «обнародовать»; «пени»), at least `RELATED_SIMILARITY` alike.
"""

import math
import threading
import time
from dataclasses import replace

from legal_vector.models import SearchWord
from portal.search import QueryPlan, WordGroup
from portal.search.language import lemma, similar_words, word_forms

DF_SCALE = 10_000
COMMON_UNITS = 2_000
RARE_UNITS = 3
RELATED_LIMIT = 3
RELATED_SIMILARITY = 0.5
VOCABULARY_SECONDS = 600
VERB_ENDINGS = ("ать", "ять", "ить", "еть")
NOUN_ENDINGS = ("ание", "ение", "яние")

_vocabulary_lock = threading.Lock()
_vocabulary: dict = {"words": None, "loaded_at": 0.0}


def vocabulary() -> tuple[str, ...]:
    """The words of the base, for the vectors to choose neighbours among (per process)."""
    with _vocabulary_lock:
        fresh = time.monotonic() - _vocabulary["loaded_at"] < VOCABULARY_SECONDS
        if _vocabulary["words"] is None or not fresh:
            words = SearchWord.objects.order_by("word").values_list("word", flat=True)
            _vocabulary.update(words=tuple(words), loaded_at=time.monotonic())
        return _vocabulary["words"]


def forget_vocabulary() -> None:
    """Drop this process's copy of the words (an import or a rebuild changed them)."""
    with _vocabulary_lock:
        _vocabulary.update(words=None, loaded_at=0.0)


def _forms(plan: QueryPlan) -> set[str]:
    return {
        form
        for group in plan.groups
        for wording in group.alternatives
        for word in wording
        for form in word_forms(word)
    }


def _units_with(word: str, counts: dict) -> int:
    # The most frequent form stands for the word: forms mostly share their units.
    return max((counts.get(form, 0) for form in word_forms(word)), default=0)


def _group_units(group: WordGroup, counts: dict) -> int:
    """Units matching the group, estimated: its most frequent wording, whose rarest word
    limits it."""
    return max(min(_units_with(word, counts) for word in wording) for wording in group.alternatives)


def _action_nouns(word: str, known: set[str]) -> list[str]:
    """The noun of the action a verb names, when the base uses it: the law says «утверждение
    местного бюджета» where a person asks who «утверждает» it (-ать/-ять → -ание/-ение)."""
    verb = lemma(word)
    if not verb.endswith(VERB_ENDINGS) or verb == word and len(word_forms(word)) < 2:
        return []
    stem = verb[:-3]
    nouns = [f"{stem}{ending}" for ending in NOUN_ENDINGS]
    return [noun for noun in nouns if known & word_forms(noun) and lemma(noun) == noun]


def _related(group: WordGroup, units: int) -> list[str]:
    if len(group.alternatives) > 1 or len(group.words) > 1:
        return []
    word = group.words[0]
    nouns = _action_nouns(word, set(vocabulary()))
    if units >= RARE_UNITS:
        return nouns
    own = lemma(word)
    found = similar_words(word, RELATED_LIMIT * 3, among=vocabulary())
    related = []
    for candidate, similarity in found:
        if similarity >= RELATED_SIMILARITY and lemma(candidate) != own:
            related.append(candidate)
    return [*nouns, *related][:RELATED_LIMIT]


def weighed(plan: QueryPlan, related: bool = True) -> QueryPlan:
    """`plan` with each group's weight, `common` flag and (with `related`) related words."""
    counts = dict(
        SearchWord.objects.filter(word__in=sorted(_forms(plan))).values_list("word", "unit_count")
    )
    groups = []
    for group in plan.groups:
        units = _group_units(group, counts)
        groups.append(
            replace(
                group,
                weight=math.log(1 + DF_SCALE / (1 + units)),
                common=units > COMMON_UNITS,
                related=tuple(_related(group, units)) if related else group.related,
            )
        )
    return replace(plan, groups=tuple(groups))
