"""Search postings: for each term of an index, the set of its rows' ids, kept compressed in
`portal.models.SearchPostings` (docs/search-postings.md).

A GIN index answers a text search by building a bitmap of every row holding each word. For a
word in a sixth of a million units that takes 35–40 ms of a request, whatever the page shows.
The postings keep the same sets precomputed as Roaring bitmaps: a query of common words reads a
few small rows by key and intersects them in microseconds, and the facets are counted exactly
by intersecting with each facet value's set (`Found.counts`), instead of over the first
`MAX_COUNTED` rows read.

- **Terms.** `w:<lexeme>` for the lexemes of the index's vector (what `@@` compares),
  `a:<lexeme>` for those a row holds with the top weight (a heading), and
  `f:<facet>:<i|s>:<value>` for each value of each facet (`i`: an integer column). Row ids are
  kept as 32-bit numbers: a table whose ids pass 2³² gets no postings (`build` logs it).
- **Freshness.** A statement-level trigger on every table the index reads (the app's migration
  creates it) adds one to `PostingsState.generation`; `build` records the generation of the
  snapshot it read. The postings answer only while the two are equal, so a search never sees
  a set older than the rows: until the next build it goes to the GIN index as before.
- **Queries.** The tsquery as PostgreSQL normalises it (`query::text`) is evaluated over the
  sets when it holds only lexemes, prefixes, AND, OR and brackets; a phrase, a negation or a
  weight goes to the GIN index.
- **Ranking** stays in SQL, over the matches read back by id: all of them up to `RANKED`, the
  likeliest to rank first above it (`Found.candidates`).
"""

import logging
import re
import threading
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product

from django.contrib.postgres.fields import ArrayField
from django.db import connections, transaction
from django.db.models import BooleanField, F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query
from django.utils import timezone
from pyroaring import BitMap

from portal.search.types import SearchIndex

logger = logging.getLogger(__name__)

WORD = "w:"
# The lexemes a row holds with the vector's top weight (A: a unit's number and heading).
TOP_WORD = "a:"
FACET = "f:"
# How much more a word with the top weight counts in `ts_rank` than one in the text (the
# weights of `portal.search.postgres.RANK_WEIGHTS`, A over C): for choosing candidates only.
TOP_WORD_FACTOR = 2.5
# Rows read from the table at a time while building.
FETCH_ROWS = 5_000
# Matches ranked in SQL at most (`Found.candidates`); up to this many, every match is ranked.
# Reading back a row to rank it is what costs: on the bench's million units 10,000 rows took
# 60–70 ms, 2,000 about 14, 1,000 about 6.
RANKED = 1_000


class Stale(Exception):
    """The postings were rebuilt or the table changed between two reads of one search."""


@dataclass
class Found:
    """The rows matching a query, those holding one of its words with the top weight, and the
    facet values' rows of the same build."""

    ids: BitMap
    facets: dict[str, dict[str, "Facet"]]
    top: BitMap = field(default_factory=BitMap)

    def among(self, key: str, values) -> BitMap:
        """The rows having any of `values` (compared as text: they come from a query string)."""
        known = self.facets.get(key, {})
        return BitMap.union(BitMap(), *(known[str(v)].ids for v in values if str(v) in known))

    def counts(self, key: str, rows: BitMap) -> list[tuple]:
        """(value, number of `rows` having it) for each value of facet `key` that some have."""
        pairs = [
            (facet.value, rows.intersection_cardinality(facet.ids))
            for facet in self.facets.get(key, {}).values()
        ]
        return [(value, count) for value, count in pairs if count]

    def candidates(self, rows: BitMap, count: int, boosts=()) -> list[int]:
        """At most `count` of `rows` to rank, those likeliest to rank first: rows holding a
        word of the query with the top weight, and rows a `Boost` multiplies, before the
        others; in id order within each group. All of them when there are no more than
        `count`, so the ranking is then exact."""
        if len(rows) <= count:
            return list(rows)
        signals = [(rows & self.top, TOP_WORD_FACTOR)]
        signals += [
            (rows & self.among(boost.field, [boost.value]), boost.factor)
            for boost in boosts
            if boost.field in self.facets
        ]
        groups = []
        for held in product((True, False), repeat=len(signals)):
            group = BitMap(rows)
            factor = 1.0
            for has, (ids, weight) in zip(held, signals, strict=True):
                group = group & ids if has else group - ids
                factor *= weight if has else 1.0
            groups.append((-factor, group))
        chosen = []
        for _, group in sorted(groups, key=lambda pair: pair[0]):
            chosen += group.to_array()[: count - len(chosen)].tolist()
            if len(chosen) == count:
                break
        return chosen


@dataclass
class Facet:
    value: object
    ids: BitMap


# ---------------------------------------------------------------------------------------------
# Reading


def matching(index: SearchIndex, query, using: str = "default") -> Found | None:
    """The rows of `index` that `query` (a `SearchQuery`) matches, or None when the postings
    cannot answer it exactly now (not built, out of date, a query they cannot evaluate)."""
    read = _read(index, [query], using)
    if read is None:
        return None
    (ids,), top, built = read
    try:
        facets = _facets(index, built, using)
    except Stale:
        return None
    return Found(ids=ids, facets=facets, top=top)


def each_matching(index: SearchIndex, queries, using: str = "default") -> list[BitMap] | None:
    """The rows each of `queries` matches (two statements for all of them), or None as for
    `matching`."""
    read = _read(index, queries, using)
    return None if read is None else read[0]


def _read(index: SearchIndex, queries, using: str):
    """([the rows of each query], the rows holding one of their words with the top weight,
    the build read) or None."""
    texts, built = _normalised(index, queries, using)
    trees = [parse(text) for text in texts] if built else [None]
    if any(tree is None for tree in trees):
        return None
    terms = set().union(*map(_terms, trees))
    try:
        sets, top = _read_terms(index, terms, built, using)
    except Stale:
        return None
    return [_evaluate(tree, sets) for tree in trees], BitMap.union(BitMap(), *top), built


def _normalised(index: SearchIndex, queries, using: str) -> tuple[list[str], int]:
    """(each tsquery's text as PostgreSQL normalises it, the build in use or 0): one
    statement."""
    sql_query = Query(index.model_queryset().model)
    compiler = sql_query.get_compiler(using=using)
    columns, params = [], []
    for query in queries:
        sql, query_params = compiler.compile(query.resolve_expression(sql_query))
        columns.append(f"({sql})::text")
        params += query_params
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)}, (SELECT built FROM portal_postingsstate "
            "WHERE index = %s AND built = generation)",
            [*params, index.name],
        )
        *texts, built = cursor.fetchone()
    return texts, built or 0


def _read_terms(index: SearchIndex, terms: set, built: int, using: str):
    """({("word"|"prefix", lexeme): its rows}, [the rows holding each word with the top
    weight]). A prefix is read by range from the terms' index (bytewise order: the column's
    collation is "C")."""
    words = sorted(lexeme for kind, lexeme in terms if kind == "word")
    prefixes = sorted(lexeme for kind, lexeme in terms if kind == "prefix")
    keys = [kind + lexeme for kind in (WORD, TOP_WORD) for lexeme in words]
    ranges = " ".join("OR p.term LIKE %s" for _ in prefixes)
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT s.built, p.term, p.ids FROM portal_postingsstate s LEFT JOIN "
            f"portal_searchpostings p ON p.index = s.index AND (p.term = ANY(%s) {ranges}) "
            "WHERE s.index = %s AND s.built = s.generation",
            [keys, *(_like_prefix(WORD + lexeme) for lexeme in prefixes), index.name],
        )
        rows = cursor.fetchall()
    if not rows or rows[0][0] != built:
        raise Stale
    found = {term: BitMap.deserialize(bytes(ids)) for _, term, ids in rows if term}
    sets = {("word", lexeme): found.get(WORD + lexeme, BitMap()) for lexeme in words}
    for lexeme in prefixes:
        held = [ids for term, ids in found.items() if term.startswith(WORD + lexeme)]
        sets[("prefix", lexeme)] = BitMap.union(BitMap(), *held)
    return sets, [ids for term, ids in found.items() if term.startswith(TOP_WORD)]


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class _FacetCache(threading.local):
    """Per process and thread: the facet sets of the build last read, per index."""

    def __init__(self):
        self.held: dict[tuple[str, str], tuple[int, dict]] = {}


_facet_cache = _FacetCache()


def _facets(index: SearchIndex, built: int, using: str) -> dict:
    held = _facet_cache.held.get((using, index.name))
    if held is not None and held[0] == built:
        return held[1]
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT s.built, p.term, p.ids FROM portal_postingsstate s LEFT JOIN "
            "portal_searchpostings p ON p.index = s.index AND p.term LIKE 'f:%%' "
            "WHERE s.index = %s AND s.built = s.generation",
            [index.name],
        )
        rows = cursor.fetchall()
    if not rows or rows[0][0] != built:
        raise Stale
    facets: dict[str, dict[str, Facet]] = defaultdict(dict)
    for _, term, ids in filter(lambda row: row[1], rows):
        key, kind, value = term[len(FACET) :].split(":", 2)
        typed = int(value) if kind == "i" else value
        facets[key][value] = Facet(typed, BitMap.deserialize(bytes(ids)))
    _facet_cache.held[(using, index.name)] = (built, dict(facets))
    return dict(facets)


class _AnyOf(Func):
    """`column = ANY(array)`: one parameter however many values, unlike `__in`."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


def only(queryset, ids: list[int]):
    """The rows of `queryset` whose ids are in `ids` (found in the postings): read by primary
    key, with no text condition left for the planner to answer through the GIN index again.
    The ids go as one array literal: as a list field's value, each of 10,000 ids was prepared
    in Python one by one (40 ms)."""
    literal = "{" + ",".join(map(str, ids)) + "}"
    return queryset.filter(_AnyOf(F("pk"), RawSQL("%s::bigint[]", (literal,))))


# ---------------------------------------------------------------------------------------------
# Queries

_TOKEN = re.compile(r"\s*(?:'((?:[^']|'')*)'(:[*A-D]+)?|(<(?:-|\d+)>)|([&|!()]))")


def parse(text: str):
    """The tree of a normalised tsquery — ("or"|"and", [children]), ("word", lexeme) or
    ("prefix", lexeme) for `'lexeme':*` — or None when it holds anything but lexemes,
    prefixes, &, | and brackets (or nothing at all)."""
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None:
            return None
        lexeme, suffix, phrase, operator = match.groups()
        if suffix not in (None, ":*") or phrase or operator == "!":
            return None
        if lexeme is not None:
            kind = "prefix" if suffix else "word"
            tokens.append((kind, lexeme.replace("''", "'")))
        else:
            tokens.append(operator)
        position = match.end()
    if not tokens:
        return None
    tree, rest = _either(tokens)
    return tree if not rest else None


# Binding from loosest to tightest: OR, then AND, then a word or a bracket.
_OPERATORS = (("|", "or"), ("&", "and"))


def _either(tokens, level: int = 0):
    """(the tree of the longest run of `tokens` joined by the operator of `level` or tighter,
    the tokens after it); None for a malformed run."""
    if level == len(_OPERATORS):
        return _single(tokens)
    symbol, name = _OPERATORS[level]
    tree, rest = _either(tokens, level + 1)
    children = [tree]
    while tree is not None and rest and rest[0] == symbol:
        tree, rest = _either(rest[1:], level + 1)
        children.append(tree)
    if any(child is None for child in children):
        return None, rest
    return (children[0] if len(children) == 1 else (name, children)), rest


def _single(tokens):
    if not tokens:
        return None, tokens
    if tokens[0] == "(":
        tree, rest = _either(tokens[1:])
        if tree is None or not rest or rest[0] != ")":
            return None, rest
        return tree, rest[1:]
    if isinstance(tokens[0], tuple):
        return tokens[0], tokens[1:]
    return None, tokens


def _terms(tree) -> set[tuple[str, str]]:
    if tree[0] in ("word", "prefix"):
        return {tree}
    return set().union(*(_terms(child) for child in tree[1]))


def _evaluate(tree, sets: dict[tuple, BitMap]) -> BitMap:
    if tree[0] in ("word", "prefix"):
        return sets[tree]
    children = [_evaluate(child, sets) for child in tree[1]]
    if tree[0] == "or":
        return BitMap.union(*children)
    # Smallest first: each intersection is then no larger than the rarest word.
    children.sort(key=len)
    return BitMap.intersection(*children) if len(children) > 1 else children[0]


# ---------------------------------------------------------------------------------------------
# Building


def build(index: SearchIndex, using: str = "default") -> int:
    """Read the index's rows and replace its postings; the number of terms written. Safe to
    run twice or side by side: each writes a complete set of one snapshot, under a lock, and
    records that snapshot's generation (an older one is then out of date, never wrong)."""
    outermost = not connections[using].in_atomic_block
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        if outermost:
            # The rows and the generation from one snapshot.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT generation FROM portal_postingsstate WHERE index = %s", [index.name])
        row = cursor.fetchone()
        if row is None:
            return 0
        generation = row[0]
        try:
            terms = {**_word_sets(index, using), **_facet_sets(index, using)}
        except OverflowError:
            logger.warning("Search postings of %s not built: an id passes 2³².", index.name)
            return 0
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM portal_postingsstate WHERE index = %s FOR UPDATE", [index.name]
        )
        cursor.execute("DELETE FROM portal_searchpostings WHERE index = %s", [index.name])
        _write(cursor, index.name, terms)
        cursor.execute(
            "UPDATE portal_postingsstate SET built = %s, built_at = %s WHERE index = %s",
            [generation, timezone.now(), index.name],
        )
    _facet_cache.held.pop((using, index.name), None)
    return len(terms)


_registered: dict[str, SearchIndex] = {}


def register(index: SearchIndex) -> None:
    """Keep `index`'s postings built (`build_stale`; `tasks.queue_postings` after a change)."""
    _registered[index.name] = index


def build_stale(name: str | None = None) -> dict[str, int]:
    """Build the registered indexes' postings (or the one `name`d) that are out of date:
    {name: terms written}. An index already up to date is left alone, so a queued build that
    finds the work done by an earlier one costs one small query."""
    indexes = [_registered[name]] if name in _registered else []
    if name is None:
        indexes = list(_registered.values())
    return {index.name: build(index) for index in indexes if not is_fresh(index)}


def build_all() -> dict[str, int]:
    """Build every registered index's postings, fresh or not."""
    return {name: build(index) for name, index in _registered.items()}


def is_fresh(index: SearchIndex, using: str = "default") -> bool:
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM portal_postingsstate WHERE index = %s AND built = generation",
            [index.name],
        )
        return cursor.fetchone() is not None


def _word_sets(index: SearchIndex, using: str) -> dict[str, array]:
    lexemes = Func(
        F(index.vector_field), function="tsvector_to_array", output_field=ArrayField(TextField())
    )
    rows = (
        index.model_queryset()
        .using(using)
        .order_by("pk")
        .annotate(_lexemes=lexemes)
        .values_list("pk", "_lexemes")
    )
    top = Func(
        Func(F(index.vector_field), Value("{a}"), function="ts_filter"),
        function="tsvector_to_array",
        output_field=ArrayField(TextField()),
    )
    rows = rows.annotate(_top=top).values_list("pk", "_lexemes", "_top")
    sets: dict[str, array] = defaultdict(lambda: array("I"))
    for pk, words, top_words in rows.iterator(chunk_size=FETCH_ROWS):
        for word in words or ():
            sets[WORD + word].append(pk)
        for word in top_words or ():
            sets[TOP_WORD + word].append(pk)
    return sets


def _facet_sets(index: SearchIndex, using: str) -> dict[str, array]:
    sets: dict[str, array] = defaultdict(lambda: array("I"))
    for key, path in index.facets.items():
        rows = index.model_queryset().using(using).order_by().values_list("pk", path)
        for pk, value in rows.iterator(chunk_size=FETCH_ROWS):
            if value is not None:
                kind = "i" if isinstance(value, int) else "s"
                sets[f"{FACET}{key}:{kind}:{value}"].append(pk)
    return sets


def _write(cursor, name: str, terms: dict[str, array]) -> None:
    with cursor.cursor.copy("COPY portal_searchpostings (index, term, ids) FROM STDIN") as copy:
        for term, ids in terms.items():
            bitmap = BitMap(ids)
            bitmap.run_optimize()
            copy.write_row((name, term, bitmap.serialize()))
