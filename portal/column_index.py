"""A column snapshot of a long list: facet counts, pages and figures without scanning a table.

A faceted list over hundreds of thousands of rows cannot afford a grouped count per facet on
every request (the dialog field counted seven facets over 200,000 problems: 0.3 s of SQL a
request, seconds under load). A `Snapshot` holds the list's rows column by column in NumPy
arrays, in the list's default order: each filter is a boolean mask, each facet count one
`bincount` over the rows the *other* filters leave, a page a slice of the masked positions. A
whole page of facets costs about a millisecond, however broad the filter; only the text of a
search still goes to the database (as a set of ids, once).

Each process keeps the snapshot of a list (`current()`) and builds it again when it is older than
`max_age` seconds, or when the list's cache version (`portal.caching.version`) has changed and
the snapshot is at least `settings.COLUMN_INDEX_MIN_AGE` seconds old. So counts lag behind the
rows by at most `max_age`, and a burst of saves costs at most one rebuild per process per
`COLUMN_INDEX_MIN_AGE`. See docs/column-index.md.
"""

import ctypes
import ctypes.util
import os
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import FloatField, Func

from portal import caching, search

NO_CODE = -1
# Rows read from the database at a time while building.
FETCH_ROWS = 5_000
# The longest a build may take before another process starts one of its own.
BUILD_SECONDS = 30
# What a snapshot keeps of the rows of search words (`Snapshot.matching`), least recently
# used first out: about 160 words of a list of 200,000 rows. Kept small: every process of the
# site holds them, for every list (a worker must stay under 300 MB).
WORDS_BYTES = 4 * 2**20
# How long the shared cache keeps a word's rows for other processes with the same rows.
WORDS_SECONDS = 600
# How many times its freshness the shared cache keeps a snapshot (see `current`).
STORED_AGES = 10


@dataclass
class Snapshot:
    """The rows of a list in its default order: ids, coded keys, numbers and other orders."""

    pks: np.ndarray
    codes: dict[str, np.ndarray]
    values: dict[str, list]
    numbers: dict[str, np.ndarray]
    # Keys a row may have several of (a practice's spheres): (row positions, codes) pairs.
    sets: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    orders: dict[str, np.ndarray] = field(default_factory=dict)
    # (value, label) pairs of keys, in the order a page lists them: read with the rows, so a
    # page of counts needs no query for its labels either.
    choices: dict[str, list[tuple]] = field(default_factory=dict)
    built_at: float = field(default_factory=time.time)
    version: str = ""
    # The rows of each search word asked so far (`matching`): {(index, word, scored): Word}.
    words: dict = field(default_factory=dict, repr=False)
    rows_key: str = ""
    sorter: np.ndarray | None = field(default=None, repr=False)
    # Each key's count over every row (`counts` of a mask covering most rows subtracts).
    totals: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, pks: Sequence[int], keys: dict[str, Sequence], numbers: dict[str, Sequence],
              sets: dict[str, Sequence[tuple]] | None = None):  # fmt: skip
        """A snapshot of rows given column by column, in the list's default order: `keys` are
        counted and filtered by value, `numbers` hold figures (None becomes NaN), `sets` are
        keys with several values per row, given as distinct (row id, value) pairs."""
        codes, values = {}, {}
        for name, column in keys.items():
            codes[name], values[name] = _coded(column)
        pks = np.array(pks, dtype=np.int64)
        pairs = {}
        for name, given in (sets or {}).items():
            ids = np.array([pk for pk, _ in given], dtype=np.int64)
            found, rows = positions_in(pks, ids)
            set_codes, values[name] = _coded(np.array([value for _, value in given])[found])
            pairs[name] = (rows.astype(np.int32), set_codes)
        return cls(
            pks=pks,
            codes=codes,
            values=values,
            sets=pairs,
            # Figures are counts, days and months: single precision keeps them exact enough
            # and halves the copy every process holds.
            numbers={name: np.array(column, dtype=np.float32) for name, column in numbers.items()},
        )

    def __len__(self):
        return len(self.pks)

    # --- masks -------------------------------------------------------------------------------

    def everything(self) -> np.ndarray:
        return np.ones(len(self.pks), dtype=bool)

    def among(self, name: str, chosen: Iterable) -> np.ndarray | None:
        """Rows whose `name` is one of `chosen`; None when nothing is chosen (no filter)."""
        chosen = set(chosen)
        if not chosen:
            return None
        # A lookup table indexed by code: one gather over the rows (NO_CODE reads the extra
        # last slot, which stays False).
        table = np.zeros(len(self.values[name]) + 1, dtype=bool)
        table[[code for code, value in enumerate(self.values[name]) if value in chosen]] = True
        if name in self.sets:
            rows, codes = self.sets[name]
            mask = np.zeros(len(self.pks), dtype=bool)
            mask[rows[table[codes]]] = True
            return mask
        return table[self.codes[name]]

    def of_ids(self, ids: Iterable[int]) -> np.ndarray:
        """Rows with these ids (ids not in the snapshot are left out)."""
        wanted = np.fromiter(ids, dtype=np.int64)
        return np.isin(self.pks, wanted)

    def positions_of(self, ids: Iterable[int]) -> np.ndarray:
        """Positions of the rows with these ids, in the order of `ids` (a ranking read from a
        search); ids not in the snapshot are left out."""
        _, rows = self.positions_in(np.fromiter(ids, dtype=np.int64))
        return rows

    @staticmethod
    def combined(masks: Iterable[np.ndarray | None], size: int) -> np.ndarray:
        """The AND of `masks`, skipping None (no filter)."""
        result = np.ones(size, dtype=bool)
        for mask in masks:
            if mask is not None:
                result &= mask
        return result

    # --- text --------------------------------------------------------------------------------

    def matching(self, index, text: str) -> np.ndarray:
        """Rows matching `text` on the search `index` (every word, or a synonym wording)."""
        found = self.scored_matching(index, text, scored=False)
        if found is None:  # web search syntax: the backend answers for the whole text
            return self.of_ids(search.matching_ids(index, text))
        return found[0]

    def scored_matching(self, index, text: str, scored: bool = True, texts=None):
        """(rows matching `text`, their relevance: the sum of their words' ranks) or None when
        the text must go to the backend whole (`portal.search.wordings`, given the `texts` of
        `portal.search.query_texts` when the caller has them).

        Each word's rows are asked of the backend once and kept with the snapshot (as bits,
        up to WORDS_BYTES), so a new combination of words already asked costs no query. Search
        words follow Zipf's law: the frequent ones, whose rows are many and slow to read, are
        the ones asked again and again; rare words read few rows when they are asked."""
        variants = search.wordings(text, texts)
        if variants is None:
            return None
        asked = self._words(index, [word for words in variants for word in words], scored)
        found = np.zeros(len(self.pks), dtype=bool)
        relevance = np.zeros(len(self.pks), dtype=np.float32) if scored else None
        for words in variants:
            rows = [asked[word] for word in words]
            rows = [word for word in rows if word is not None]  # stop words narrow nothing
            if not rows:
                continue  # a wording of stop words only matches nothing, as in websearch
            masks = [word.mask() for word in rows]
            mask = Snapshot.combined(masks, len(self.pks))
            found |= mask
            if scored:
                total = sum(word.dense_scores(own) for word, own in zip(rows, masks, strict=True))
                # Whole-array operations: boolean indexing of scattered rows is several times
                # slower (ranks are never negative, so rows outside the mask keep theirs).
                np.maximum(relevance, np.where(mask, total, 0), out=relevance)
        return found, relevance

    def _words(self, index, words: list[str], scored: bool) -> dict:
        """{word: its `Word`, None for a stop word}: kept ones, then those other processes
        with the same rows have shared, then the rest asked of the backend in one pass."""
        found, missing = {}, []
        for word in dict.fromkeys(words):
            key = (index.name, word, scored)
            if key in self.words:
                found[word] = self.words[key] = self.words.pop(key)  # most recently used last
            else:
                missing.append(word)
        if missing:
            shared_key = f"column-words:{self._rows_key()}:{index.name}:{int(scored)}:".__add__
            shared = cache.get_many([shared_key(word) for word in missing])
            asked = [word for word in missing if shared_key(word) not in shared]
            matches = search.word_matches(index, asked, scored) if asked else {}
            new = {
                word: None if rows is None else Word.of(self, *rows)
                for word, rows in matches.items()
            }
            cache.set_many({shared_key(word): kept for word, kept in new.items()}, WORDS_SECONDS)
            for word in missing:
                found[word] = self.words[(index.name, word, scored)] = new.get(
                    word, shared.get(shared_key(word))
                )
            self._forget_words_beyond_budget()
            if asked:
                _give_back_free_memory()  # a common word's read: ~150,000 ids and ranks
        return found

    def _forget_words_beyond_budget(self):
        while sum(kept.nbytes for kept in self.words.values() if kept) > WORDS_BYTES:
            self.words.pop(next(iter(self.words)))

    def positions_in(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`positions_in(self.pks, ids)`, with the ids sorted once per snapshot: every search
        word asked maps its rows."""
        return positions_in(self.pks, ids, self._sorter())

    def _sorter(self) -> np.ndarray:
        if self.sorter is None:
            self.sorter = np.argsort(self.pks, kind="stable").astype(np.int32)
        return self.sorter

    def by_relevance(self, mask: np.ndarray, relevance: np.ndarray) -> "Ranked":
        """The rows under `mask`, most relevant first and the newest id first among equals."""
        newest_ids = self._sorter()[::-1]
        return Ranked(np.compress(mask[newest_ids], newest_ids), relevance)

    def _rows_key(self) -> str:
        """The same rows in the same order, seen by any process: the list's version and a
        checksum of the ids (computed once per snapshot)."""
        if not self.rows_key:
            self.rows_key = f"{self.version}:{len(self.pks)}:{zlib.crc32(self.pks.tobytes())}"
        return self.rows_key

    # --- answers -----------------------------------------------------------------------------

    @staticmethod
    def sparse_side(mask: np.ndarray) -> tuple[np.ndarray, bool]:
        """(positions, complement) of `mask` for `counts`: the rows under it, or those outside
        it (`complement`) when it covers most rows, so that facets counted under one mask share
        the smaller set. A search for a common word matches three rows in four."""
        if np.count_nonzero(mask) * 2 > len(mask):
            return np.flatnonzero(~mask), True
        return np.flatnonzero(mask), False

    def counts(self, name: str, mask: np.ndarray, positions: np.ndarray | None = None,
               complement: bool = False) -> dict:  # fmt: skip
        """{value: rows under `mask`} for the values of `name` that have rows. `positions`,
        `complement`: `sparse_side(mask)`, when facets counted under one mask share it; taking
        their codes is 1.5–10× cheaper than compressing every row (the sparser, the more), and
        the rows outside a broad mask are subtracted from the key's totals."""
        if name in self.sets:
            rows, codes = self.sets[name]
            totals = self._bincount(name, np.compress(mask[rows], codes))
        elif positions is None:
            # compress, not codes[mask]: a boolean index over scattered rows is ~6× slower.
            totals = self._bincount(name, np.compress(mask, self.codes[name]))
        elif complement:
            totals = self._totals(name) - self._bincount(name, self.codes[name].take(positions))
        else:
            totals = self._bincount(name, self.codes[name].take(positions))
        return {
            value: int(total)
            for value, total in zip(self.values[name], totals, strict=False)
            if total
        }

    def _bincount(self, name: str, codes: np.ndarray) -> np.ndarray:
        known = codes[codes != NO_CODE].astype(np.intp)
        return np.bincount(known, minlength=len(self.values[name]))

    def _totals(self, name: str) -> np.ndarray:
        if name not in self.totals:
            self.totals[name] = self._bincount(name, self.codes[name])
        return self.totals[name]

    def positions(self, mask: np.ndarray, order: str = "") -> np.ndarray:
        """Positions of the rows under `mask`, in the default order or in `orders[order]`."""
        if not order:
            return np.flatnonzero(mask)
        ranked = self.orders[order]
        return np.compress(mask[ranked], ranked)

    @staticmethod
    def fetch(queryset, columns: Sequence[str], coded: Iterable[str] = ()) -> dict:
        """{column: array} of `queryset.values_list(*columns)`, read with a plain cursor (a
        snapshot reads every row, and Django's per-row converters would double the time) and
        FETCH_ROWS at a time: rows as Python tuples cost ~1 kB each, and a worker that held
        200,000 of them at once would keep that memory from the system for good.

        A column with None is read as numbers (None becomes NaN); give a missing key a
        placeholder in the query («», 0). The `coded` columns (text keys) come as `Coded`,
        numbered chunk by chunk: as fixed-width text arrays they would take 40–80 bytes a row
        and double again when reordered."""
        sql, params = queryset.values_list(*columns).query.sql_with_params()
        chunks: dict[str, list[np.ndarray]] = {name: [] for name in columns}
        numbering = {name: {} for name in coded}
        # A server-side cursor: the rows stay in PostgreSQL until fetched.
        with connections[queryset.db].chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(FETCH_ROWS):
                for name, values in zip(columns, zip(*rows, strict=True), strict=True):
                    chunks[name].append(_chunk(values, numbering.get(name)))
        fetched = {}
        for name in columns:  # each column's chunks are let go as soon as they are joined
            parts = chunks.pop(name)
            fetched[name] = np.concatenate(parts) if parts else np.array([])
        for name, index in numbering.items():
            fetched[name] = Coded(fetched[name].astype(np.int32), list(index))
        return fetched

    def ids(self, positions: np.ndarray) -> list[int]:
        return self.pks[positions].tolist()

    def median(self, name: str, mask: np.ndarray) -> float | None:
        chosen = np.compress(mask, self.numbers[name])
        chosen = chosen[~np.isnan(chosen)]
        return float(np.median(chosen)) if chosen.size else None

    def order_by(self, name: str, keys: list[np.ndarray]) -> None:
        """Add the order `name`: positions sorted by `keys`, the first key most significant
        (each ascending; negate a number for descending)."""
        self.orders[name] = np.lexsort(list(reversed(keys))).astype(np.int32)


@dataclass(frozen=True)
class Word:
    """The rows of a snapshot containing one search word: packed bits, and their ranks in
    row order when scored."""

    bits: np.ndarray
    size: int
    scores: np.ndarray | None

    @classmethod
    def of(cls, snapshot: Snapshot, ids, scores):
        found, rows = snapshot.positions_in(np.asarray(ids, dtype=np.int64))
        mask = np.zeros(len(snapshot.pks), dtype=bool)
        mask[rows] = True
        kept = None
        if scores is not None:
            dense = np.zeros(len(snapshot.pks), dtype=np.float32)
            dense[rows] = np.asarray(scores, dtype=np.float32)[found]
            # Half precision: a rank orders, it is not shown.
            kept = dense[mask].astype(np.float16)
        return cls(np.packbits(mask), len(snapshot.pks), kept)

    @property
    def nbytes(self) -> int:
        return self.bits.nbytes + (self.scores.nbytes if self.scores is not None else 0)

    def mask(self) -> np.ndarray:
        return np.unpackbits(self.bits, count=self.size).view(bool)

    def dense_scores(self, mask: np.ndarray) -> np.ndarray:
        """Each row's rank (0 where the word is not); `mask` is `self.mask()`, already at hand."""
        dense = np.zeros(self.size, dtype=np.float32)
        dense[mask] = self.scores
        return dense


def chosen(cleaned_data: dict, name: str):
    """The values chosen in the multiple-choice field `name` of a list's filter, () for none.
    An empty choice comes from the form as `queryset.none()`, which compiles its SQL each time
    it is iterated (0.1 ms) only to find that there is nothing to read."""
    value = cleaned_data.get(name)
    empty = value is None or (hasattr(value, "query") and value.query.is_empty())
    return () if empty else value


def positions_in(pks: np.ndarray, ids: np.ndarray, sorter: np.ndarray | None = None):
    """(which of `ids` are among `pks`, their positions in `pks`), in the order of `ids`;
    `sorter` is `pks`'s argsort when the caller keeps it."""
    if not len(ids):
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
    if sorter is None:
        sorter = np.argsort(pks, kind="stable")
    ordered = pks[sorter]
    at = np.clip(np.searchsorted(ordered, ids), 0, max(len(ordered) - 1, 0))
    found = ordered[at] == ids if len(ordered) else np.zeros(len(ids), dtype=bool)
    return found, sorter[at[found]]


@dataclass(frozen=True)
class Coded:
    """A key column read as codes: `values[codes[row]]` is the row's value."""

    codes: np.ndarray
    values: list

    def __len__(self):
        return len(self.codes)

    def take(self, order: np.ndarray) -> "Coded":
        return Coded(self.codes[order], self.values)

    def among(self, wanted: Iterable) -> np.ndarray:
        """Rows whose value is one of `wanted`."""
        wanted = set(wanted)
        table = np.array([value in wanted for value in self.values] + [False], dtype=bool)
        return table[self.codes]


def reordered(fetched: dict, order: np.ndarray) -> dict:
    """Every fetched column in `order` (positions), coded ones included."""
    return {
        name: column.take(order) if isinstance(column, Coded) else np.asarray(column)[order]
        for name, column in fetched.items()
    }


def _chunk(values: tuple, numbering: dict | None) -> np.ndarray:
    if numbering is not None:
        return np.fromiter(
            (numbering.setdefault(value, len(numbering)) for value in values),
            dtype=np.int32,
            count=len(values),
        )
    chunk = np.asarray(values)
    return chunk.astype(np.float64) if chunk.dtype == object else chunk


def _coded(column) -> tuple[np.ndarray, list]:
    """Each value as the index of its value in the sorted distinct values; None as NO_CODE.

    A column without None (strings or integers) is coded by NumPy in one sort; give a missing
    value a placeholder in the query («», 0) to stay on that path. A `Coded` column keeps its
    numbering."""
    if isinstance(column, Coded):
        return column.codes.astype(_code_type(len(column.values))), column.values
    array = np.asarray(column)
    if array.dtype != object:
        values, codes = np.unique(array, return_inverse=True)
        return codes.astype(_code_type(len(values))), values.tolist()
    index: dict = {}
    codes = [NO_CODE if value is None else index.setdefault(value, len(index)) for value in column]
    return np.array(codes, dtype=_code_type(len(index))), list(index)


def _code_type(distinct: int):
    """The smallest signed integer type for codes of `distinct` values (and NO_CODE)."""
    return np.int8 if distinct < 2**7 else np.int16 if distinct < 2**15 else np.int32


class Ranked:
    """Positions in order of relevance, highest first, ties in the order given, sorted only as
    far as a page asks: a broad search matches thousands of rows and its first page needs 20
    (a partition of the scores is linear, sorting them all is not)."""

    def __init__(self, rows: np.ndarray, relevance: np.ndarray):
        self.rows, self.relevance = rows, relevance

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, window: slice) -> np.ndarray:
        return self.best(window.stop if window.stop is not None else len(self.rows))[window]

    def __array__(self, dtype=None, copy=None):
        return self.best(len(self.rows))

    def best(self, count: int) -> np.ndarray:
        """The `count` most relevant rows, in order."""
        keys = -self.relevance[self.rows]
        rows = self.rows
        if 0 < count < len(rows):
            # Every row scoring at least the count-th best; ties at that score stay in order.
            threshold = np.partition(keys, count - 1)[count - 1]
            kept = keys <= threshold
            rows, keys = rows[kept], keys[kept]
        return rows[np.argsort(keys, kind="stable")][: max(count, 0)]


class IdPage:
    """A sequence of positions for `Paginator`: its length without loading rows, and a slice
    loaded as model instances by id, in the snapshot's order."""

    ordered = True  # Paginator's check: the positions come in the list's order

    def __init__(self, snapshot: Snapshot, positions: np.ndarray, load: Callable):
        self.snapshot, self.positions, self.load = snapshot, positions, load

    def __len__(self):
        return len(self.positions)

    def __getitem__(self, window):
        ids = self.snapshot.ids(self.positions[window])
        found = {obj.pk: obj for obj in self.load(ids)}
        # A row deleted since the snapshot was built is simply not on the page.
        return [found[pk] for pk in ids if pk in found]


class Epoch(Func):
    """A moment as seconds since 1970 (a float): read many times faster than datetimes."""

    template = "EXTRACT(EPOCH FROM %(expressions)s)::float8"
    output_field = FloatField()


def _load_libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_libc = _load_libc()  # None where the C library is not glibc: nothing to hand back there
_held: dict[str, Snapshot] = {}
_building = threading.Lock()


def current(name: str, build: Callable[[], Snapshot], max_age: float = 60) -> Snapshot:
    """The snapshot of the list `name`: this process's copy while it is fresh, else the copy
    another process stored in the shared cache, else a new one (stored there for the others).

    A copy is fresh for `max_age` seconds, and after `portal.caching.bump(name)` until it is
    COLUMN_INDEX_MIN_AGE seconds old."""
    version = caching.version(name)
    held = _held.get(name)
    if held is None and settings.COLUMN_INDEX_BUILD_IN_BACKGROUND:
        # A process without a copy (just started) takes the last one stored, whatever its age,
        # rather than keep its first requests waiting seconds for a build of its own: if it is
        # stale, it serves while one is built, as an old copy of its own would.
        stored = cache.get(_shared_key(name))
        if stored is not None:
            held = _held[name] = stored
    if held is not None and _fresh(held, version, max_age):
        return held
    if held is not None and settings.COLUMN_INDEX_BUILD_IN_BACKGROUND:
        # Requests keep the old copy for the second or two a build of a big list takes.
        return _refresh_in_background(name, build, version, max_age, held)
    with _building:
        held = _held.get(name)
        if held is None or not _fresh(held, version, max_age):
            new = _shared(name, version, max_age) or _built(name, build, version, max_age, held)
            held = _held[name] = _successor(new, held)
    return held


def _successor(new: Snapshot, old: Snapshot | None) -> Snapshot:
    """`new`, keeping the search words `old` has asked when nothing has changed in between
    (a rebuild for age alone): the same rows, and no save since (the same version)."""
    unchanged = old is not None and new.version == old.version and np.array_equal(new.pks, old.pks)
    if unchanged and new is not old:
        new.words = old.words
    return new


_refreshing: dict[str, threading.Thread] = {}


def _refresh_in_background(name, build, version, max_age, held: Snapshot) -> Snapshot:
    """The shared copy if another process has stored a fresh one; else `held`, while a thread
    of this process builds a new one (one at a time per list)."""
    shared = _shared(name, version, max_age)
    if shared is not None:
        _held[name] = _successor(shared, held)
        return _held[name]
    running = _refreshing.get(name)
    if running is not None and running.is_alive():
        return held

    def refresh():
        try:
            old = _held[name]
            _held[name] = _successor(_built(name, build, version, max_age, old), old)
        finally:
            # This thread's database connection, not the request's.
            connections.close_all()

    _refreshing[name] = threading.Thread(target=refresh, name=f"refresh {name}", daemon=True)
    _refreshing[name].start()
    return held


def _fresh(snapshot, version: str, max_age: float) -> bool:
    """Whether `snapshot` (or its stamp: anything with `version` and `built_at`) may serve."""
    age = time.time() - snapshot.built_at
    if age > max_age:
        return False
    return snapshot.version == version or age < settings.COLUMN_INDEX_MIN_AGE


_SHAPE = zlib.crc32(",".join(sorted(Snapshot.__dataclass_fields__)).encode())


@dataclass(frozen=True)
class Stamp:
    """What a stored snapshot is, kept beside it: read on every stale request, so that the
    snapshot itself (megabytes) is fetched only when it is the one wanted."""

    version: str
    built_at: float


def _shared_key(name: str) -> str:
    # The snapshot's fields are in the key: a copy pickled by code with other fields (stored
    # before a deploy) is never read back as this code's snapshot.
    return f"column-index:{name}:{_SHAPE}"


def _shared(name: str, version: str, max_age: float) -> Snapshot | None:
    stamp = cache.get(f"{_shared_key(name)}:stamp")
    if stamp is None or not _fresh(stamp, version, max_age):
        return None
    stored = cache.get(_shared_key(name))
    return stored if stored is not None and _fresh(stored, version, max_age) else None


def _built(name, build, version, max_age, held: Snapshot | None) -> Snapshot:
    """A new snapshot; but while another process builds one, the old copy a little longer."""
    lock = f"{_shared_key(name)}:building"
    claimed = cache.add(lock, os.getpid(), BUILD_SECONDS)
    if claimed is False and held is not None:
        return held  # its copy reaches the shared cache within BUILD_SECONDS
    # Claimed, or the shared cache is down (None): then every process builds its own.
    snapshot = build()
    snapshot.version = version
    # Kept beyond its freshness for processes that start without a copy (`current`).
    cache.set(_shared_key(name), snapshot, max_age * STORED_AGES)
    cache.set(f"{_shared_key(name)}:stamp", Stamp(version, snapshot.built_at), max_age)
    cache.delete(lock)
    # After storing: pickling the copy for the shared cache takes memory of its own.
    _give_back_free_memory()
    return snapshot


def _give_back_free_memory():
    """Hand the memory a build freed back to the system. glibc keeps freed heap memory for
    reuse, and the hundreds of thousands of short-lived row objects of a build (measured on the
    dialog's 200,000 problems) would otherwise stay in the worker: about 170 MB."""
    if _libc is not None:
        _libc.malloc_trim(0)


def forget(name: str) -> None:
    """Drop every copy of the snapshot of `name`; the next read builds it again."""
    _held.pop(name, None)
    cache.delete_many([_shared_key(name), f"{_shared_key(name)}:stamp"])
