"""Finding candidate answers: query lexemes, coverage-ranked units and Q&A items."""

import re
from functools import reduce
from itertools import combinations
from math import comb
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When

from legal_vector.models import QAItem, StructuralUnit
from portal.search import expand_query
from portal.search.postgres import RANK_NORMALIZATION, RANK_WEIGHTS
from portal.search.vectors import folded

CANDIDATES = 30
# Units read back to rank them, and the AND-groups a tier of `at_least` may have.
MAX_UNIT_CANDIDATES = 2000
MAX_COMBINATIONS = 64
# Lexemes too common in questions about municipal law to say anything about the topic.
WEAK_LEXEMES = {"муниципальн", "орган", "прав", "котор", "ли", "можн", "нужн", "как", "какой"}
# A question word that is also in the act's title («комиссии по обследованию жилых помещений
# инвалидов») says which act, not which point: every point of the act, and most of all the
# enacting «Создать комиссию …», repeats it. Such words count this much when ordering units.
TITLE_WORD_WEIGHT = 0.25
_LEXEME = re.compile(r"^[\w.-]+$")


def lexemes(text: str) -> tuple[list[str], list[str]]:
    """Stemmed lexemes of the question and of its synonym expansions (one query)."""
    expansions = " ".join(expand_query(text))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector('russian', %s)),"
            " tsvector_to_array(to_tsvector('russian', %s))",
            [text, expansions],
        )
        own, extra = cursor.fetchone()
    own = [lx for lx in own if _LEXEME.match(lx)]
    extra = [lx for lx in extra if _LEXEME.match(lx) and lx not in own]
    return own, extra


def any_lexeme(words) -> SearchQuery | None:
    if not words:
        return None
    raw = " | ".join(f"'{word}'" for word in words)
    return SearchQuery(raw, search_type="raw", config="simple")


def _coverage(words, vector="search_vector"):
    """How many of `words` the row's `vector` contains, as a SQL expression."""
    total = Value(0, output_field=IntegerField())
    for word in words:
        hit = Case(
            When(**{vector: any_lexeme([word])}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        total = total + hit
    return total


def _point_coverage(words):
    """Like `_coverage`, with the words of the unit's document title weighing less."""
    total = Value(0.0, output_field=FloatField())
    for word in words:
        query = any_lexeme([word])
        hit = Case(
            When(
                Q(search_vector=query) & Q(document__search_vector=query),
                then=Value(TITLE_WORD_WEIGHT),
            ),
            When(search_vector=query, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        total = total + hit
    return total


def _strong(words):
    return [word for word in words if word not in WEAK_LEXEMES] or words


def at_least(words, count, vector="search_vector") -> Q:
    """Rows whose `vector` contains at least `count` of `words`.

    An OR of one condition per group of words, not one query with OR-ed groups: each group
    then gets its own index scan, which skips quickly through its rarest word.
    """
    groups = (" & ".join(f"'{word}'" for word in group) for group in combinations(words, count))
    conditions = (
        Q(**{vector: SearchQuery(group, search_type="raw", config="simple")}) for group in groups
    )
    return reduce(or_, conditions)


def _candidates(strong, query):
    """Primary keys of the units worth ranking, at most `MAX_UNIT_CANDIDATES`.

    Units with more of the question's strong words always rank higher, so the tiers «all
    words», «all but one», … down to «any word» are read in turn and reading stops after
    `MAX_UNIT_CANDIDATES` rows: the best units come out the same as from ranking every unit
    with any word (a large part of the base) whenever the tier they end in is read whole.
    """
    size = len(strong)
    counts = [k for k in range(size, 0, -1) if comb(size, k) <= MAX_COMBINATIONS]
    # A repealed point is kept for history, never offered as the rule; the approval block of a
    # Порядок and the signature block hold no rule either.
    units = (
        StructuralUnit.objects.in_force()
        .exclude(text="")
        .exclude(kind__in=["approved", "closing"])
        .filter(is_repealed=False)
        .order_by()
    )
    tiers = [*(at_least(strong, k) for k in counts), Q(search_vector=query)]
    first, *rest = [units.filter(tier).values("pk") for tier in tiers]
    return first.union(*rest, all=True)[:MAX_UNIT_CANDIDATES]


def ranked_units(own, extra, limit=CANDIDATES):
    """Units of current editions of documents in force: the most question words first,
    then full-text rank. Returns units with `matched` (own words found) and `rank`."""
    query = any_lexeme(own + extra)
    if query is None:
        return []
    strong = _strong(own)
    units = (
        StructuralUnit.objects.filter(pk__in=_candidates(strong, query))
        .annotate(
            matched=_coverage(strong),
            rank=SearchRank(
                F("search_vector"),
                query,
                weights=RANK_WEIGHTS,
                normalization=Value(RANK_NORMALIZATION),
            ),
        )
        .annotate(score=_point_coverage(strong) + F("rank") * 1.0)
        .order_by("-score", "pk")
        .select_related("document")[:limit]
    )
    result = list(units)
    for unit in result:
        unit.coverage = unit.matched / len(strong)
    return result


def ranked_qa(own, extra, limit=3):
    query = any_lexeme(own + extra)
    if query is None:
        return []
    strong = _strong(own)
    items = list(
        QAItem.objects.published()
        .filter(search_vector=query)
        .annotate(question_vector=SearchVector(folded("question"), config="russian"))
        .annotate(
            # A Q&A item is a strong match when its question, not its answer, covers ours.
            matched=_coverage(strong, "question_vector"),
            rank=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS),
        )
        .annotate(score=F("matched") + F("rank") * 1.0)
        .order_by("-score", "pk")
        .prefetch_related("citations__document")[:limit]
    )
    for item in items:
        item.coverage = item.matched / len(strong)
    return items
