# ruff: noqa: F811 — the redis_server fixture is imported and used as an argument.
"""Column snapshots (`portal.column_index`): masks, counts, orders and pages; and how copies are
shared between processes, kept fresh and rebuilt at most once while Redis is up or down."""

import time

import numpy as np
import pytest
from django.core.cache import cache

from portal import caching, column_index
from portal.column_index import NO_CODE, IdPage, Ranked, Snapshot
from tests.portal.redis_server import redis_server  # noqa: F401

NAME = "tests:column-index"


@pytest.fixture
def snapshot():
    made = Snapshot.build(
        [10, 11, 12, 13, 14],
        keys={"colour": ["red", "blue", "red", "green", "blue"], "size": [1, 2, None, 2, 1]},
        numbers={"days": [1.0, None, 3.0, 5.0, 2.0]},
    )
    made.order_by("days", [np.nan_to_num(made.numbers["days"], nan=np.inf), made.pks])
    return made


def test_masks_counts_and_orders(snapshot):
    red = snapshot.among("colour", ["red"])
    assert snapshot.ids(snapshot.positions(red)) == [10, 12]
    assert snapshot.among("colour", []) is None
    assert not snapshot.among("colour", ["violet"]).any()
    assert snapshot.counts("colour", snapshot.everything()) == {"blue": 2, "green": 1, "red": 2}
    # A missing key is counted nowhere.
    assert snapshot.counts("size", snapshot.everything()) == {1: 2, 2: 2}
    assert snapshot.codes["size"][2] == NO_CODE
    both = Snapshot.combined([red, None, snapshot.among("size", [1])], len(snapshot))
    assert snapshot.ids(snapshot.positions(both)) == [10]
    assert snapshot.ids(snapshot.positions(snapshot.everything(), "days")) == [10, 14, 12, 13, 11]
    assert snapshot.median("days", snapshot.among("colour", ["blue", "green"])) == 3.5
    assert snapshot.median("days", snapshot.among("colour", ["violet"])) is None


def test_an_id_page_loads_one_window_in_order(snapshot):
    loaded = []

    def load(ids):
        loaded.append(ids)
        return [type("Row", (), {"pk": pk})() for pk in reversed(ids) if pk != 13]

    page = IdPage(snapshot, snapshot.positions(snapshot.everything(), "days"), load)
    assert len(page) == 5
    # 13 was deleted after the snapshot was built: it is left out, the order is kept.
    assert [row.pk for row in page[1:4]] == [14, 12]
    assert loaded == [[14, 12, 13]]


def test_counts_under_a_broad_mask_subtract_the_rows_outside_it():
    rng = np.random.default_rng(7)
    colours = rng.choice(["red", "blue", "green"], 500).tolist()
    sizes = [None if size == 0 else int(size) for size in rng.integers(0, 4, 500)]
    made = Snapshot.build(range(1, 501), keys={"colour": colours, "size": sizes}, numbers={})
    for density in (0.0, 0.1, 0.5, 0.9, 1.0):
        mask = rng.random(500) < density
        positions, complement = made.sparse_side(mask)
        assert complement == (mask.sum() * 2 > 500)
        for name in ("colour", "size"):
            expected = {}
            column = colours if name == "colour" else sizes
            for value, chosen in zip(column, mask, strict=True):
                if chosen and value is not None:
                    expected[value] = expected.get(value, 0) + 1
            assert made.counts(name, mask, positions, complement) == expected
            assert made.counts(name, mask) == expected


def test_ranked_rows_are_sorted_only_as_far_as_a_page_asks_and_keep_ties_in_order():
    rng = np.random.default_rng(3)
    for _ in range(300):
        rows = rng.permutation(200)[: rng.integers(0, 60)]
        relevance = rng.integers(0, 4, 200).astype(np.float32)  # many ties
        ranked = Ranked(rows, relevance)
        everything = rows[np.lexsort((np.arange(len(rows)), -relevance[rows]))]
        assert len(ranked) == len(rows)
        for stop in (0, 1, 3, 20, len(rows), len(rows) + 5):
            assert ranked[0:stop].tolist() == everything[:stop].tolist()
        assert ranked[2:5].tolist() == everything[2:5].tolist()
        assert np.asarray(ranked).tolist() == everything.tolist()


def test_by_relevance_puts_the_newest_id_first_among_equals(snapshot):
    relevance = np.array([1.0, 2.0, 1.0, 0.0, 2.0], dtype=np.float32)
    chosen = snapshot.among("colour", ["red", "blue"])
    assert snapshot.ids(snapshot.by_relevance(chosen, relevance)) == [14, 11, 12, 10]


def _counter():
    calls = []

    def build():
        calls.append(1)
        return Snapshot.build([len(calls)], keys={}, numbers={})

    return build, calls


@pytest.fixture
def fresh(settings, db):
    settings.COLUMN_INDEX_MIN_AGE = 0
    column_index.forget(NAME)
    yield
    column_index.forget(NAME)
    column_index._refreshing.pop(NAME, None)


def test_a_copy_is_kept_until_the_list_changes(fresh):
    build, calls = _counter()
    first = column_index.current(NAME, build)
    assert column_index.current(NAME, build) is first and len(calls) == 1
    caching.bump(NAME)
    assert column_index.current(NAME, build) is not first and len(calls) == 2


def test_a_burst_of_changes_rebuilds_at_most_once_per_min_age(fresh, settings):
    settings.COLUMN_INDEX_MIN_AGE = 60
    build, calls = _counter()
    first = column_index.current(NAME, build)
    caching.bump(NAME)
    assert column_index.current(NAME, build) is first and len(calls) == 1
    # A minute later: this process's copy and the shared one are both past the minimum age.
    first.built_at -= 61
    cache.delete(column_index._shared_key(NAME))
    assert column_index.current(NAME, build) is not first and len(calls) == 2


def test_an_old_copy_is_rebuilt_after_max_age(fresh):
    build, calls = _counter()
    first = column_index.current(NAME, build, max_age=60)
    first.built_at = time.time() - 61
    cache.delete(column_index._shared_key(NAME))
    assert column_index.current(NAME, build, max_age=60) is not first and len(calls) == 2


def test_another_process_reads_the_shared_copy_instead_of_building(fresh):
    build, calls = _counter()
    column_index.current(NAME, build)
    column_index._held.pop(NAME)  # a second process: nothing of its own yet
    assert column_index.current(NAME, build).pks.tolist() == [1] and len(calls) == 1


def test_while_another_process_builds_the_old_copy_is_served(fresh):
    build, calls = _counter()
    old = column_index.current(NAME, build)
    caching.bump(NAME)
    cache.delete(column_index._shared_key(NAME))
    cache.add(f"{column_index._shared_key(NAME)}:building", 999, 30)  # another process is building
    assert column_index.current(NAME, build) is old and len(calls) == 1


@pytest.fixture
def redis_cache(redis_server, settings, db):
    settings.CACHES = {"default": {**settings.REDIS_CACHE_BACKEND, "LOCATION": redis_server.url()}}
    return redis_server


def test_with_redis_down_each_process_builds_its_own(fresh, redis_cache):
    build, calls = _counter()
    column_index.current(NAME, build)
    redis_cache.stop()
    column_index._held[NAME].built_at -= 120
    rebuilt = column_index.current(NAME, build)
    assert rebuilt.pks.tolist() == [2] and len(calls) == 2


def test_in_production_a_stale_copy_serves_while_a_thread_builds_the_new_one(fresh, settings):
    settings.COLUMN_INDEX_BUILD_IN_BACKGROUND = True
    build, calls = _counter()
    old = column_index.current(NAME, build)  # nothing held yet: built by the request
    caching.bump(NAME)
    cache.delete(column_index._shared_key(NAME))
    assert column_index.current(NAME, build) is old  # answered at once with the old copy
    column_index._refreshing[NAME].join(timeout=10)
    new = column_index.current(NAME, build)
    assert new is not old and new.pks.tolist() == [2] and len(calls) == 2
    assert column_index._shared(NAME, caching.version(NAME), 60).pks.tolist() == [2]


def test_a_process_without_a_copy_serves_the_stored_one_while_a_thread_builds(fresh, settings):
    settings.COLUMN_INDEX_BUILD_IN_BACKGROUND = True
    build, calls = _counter()
    column_index.current(NAME, build)
    column_index._held.pop(NAME)  # a process just started
    caching.bump(NAME)  # and the stored copy is stale
    stored = column_index.current(NAME, build)
    assert stored.pks.tolist() == [1]  # answered at once, not after a build
    column_index._refreshing[NAME].join(timeout=10)
    assert column_index.current(NAME, build).pks.tolist() == [2] and len(calls) == 2


def test_a_snapshot_is_read_in_chunks_with_missing_numbers_as_nan(db, monkeypatch):
    from django.contrib.auth import get_user_model

    from tests.factories import UserFactory

    monkeypatch.setattr(column_index, "FETCH_ROWS", 2)
    users = [UserFactory() for _ in range(5)]
    fetched = Snapshot.fetch(
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).order_by("pk"),
        ("pk", "email", "last_login"),
    )
    assert fetched["pk"].tolist() == sorted(u.pk for u in users)
    assert fetched["email"].tolist() == [u.email for u in sorted(users, key=lambda u: u.pk)]
    assert np.isnan(fetched["last_login"]).all()


def _trims(monkeypatch, note=lambda: None):
    """The calls of malloc_trim, each with what `note()` says at that moment."""
    trimmed = []
    monkeypatch.setattr(
        column_index, "_libc", type("Libc", (), {"malloc_trim": lambda pad: trimmed.append(note())})
    )
    return trimmed


def test_a_build_hands_freed_memory_back_once_its_copy_is_stored(fresh, monkeypatch):
    # Pickling the copy for the shared cache takes memory too: the trim comes after it.
    trimmed = _trims(monkeypatch, lambda: cache.get(column_index._shared_key(NAME)) is not None)
    build, _ = _counter()
    column_index.current(NAME, build)
    assert trimmed == [True]
    assert column_index._load_libc() is not None  # glibc on this Linux: the call is real


def test_a_word_read_from_the_backend_hands_freed_memory_back(snapshot, asked, monkeypatch):
    trimmed = _trims(monkeypatch, lambda: list(asked))
    snapshot.matching(INDEX, "red")
    snapshot.matching(INDEX, "red")  # kept: nothing read, nothing to hand back
    snapshot.matching(INDEX, "red blue")
    assert trimmed == [["red"], ["red", "blue"]]


def test_text_keys_can_be_read_as_codes_and_keep_their_values(db, monkeypatch):
    from django.contrib.auth import get_user_model

    from tests.factories import UserFactory

    monkeypatch.setattr(column_index, "FETCH_ROWS", 2)  # the numbering spans chunks
    users = [UserFactory(first_name=name) for name in ["Анна", "Иван", "Анна", "Олег", "Иван"]]
    fetched = Snapshot.fetch(
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).order_by("pk"),
        ("pk", "first_name"),
        coded=("first_name",),
    )
    names = fetched["first_name"]
    assert [names.values[code] for code in names.codes] == ["Анна", "Иван", "Анна", "Олег", "Иван"]
    assert names.among(["Иван"]).tolist() == [False, True, False, False, True]
    backwards = column_index.reordered(fetched, np.arange(5)[::-1])
    snapshot = Snapshot.build(backwards["pk"], keys={"name": backwards["first_name"]}, numbers={})
    assert snapshot.counts("name", snapshot.everything()) == {"Анна": 2, "Иван": 2, "Олег": 1}
    assert snapshot.ids(snapshot.positions(snapshot.among("name", ["Олег"]))) == [users[3].pk]


# --- search words ---------------------------------------------------------------------------

ROWS_OF_WORD = {"red": ([10, 12], [0.5, 0.1]), "blue": ([11, 12, 14], [0.2, 0.3, 0.2])}
INDEX = type("Index", (), {"name": "tests"})()


@pytest.fixture
def asked(monkeypatch, db):
    """The words the snapshot asks the search backend for, in order."""
    words = []

    def word_matches(index, asked, scored=False):
        words.extend(asked)
        found = {}
        for word in asked:
            ids, scores = ROWS_OF_WORD.get(word, ([], []))
            found[word] = (ids, scores if scored else None) if word != "и" else None  # stop word
        return found

    monkeypatch.setattr(column_index.search, "word_matches", word_matches)
    cache.clear()
    return words


def test_each_search_word_is_asked_once_per_snapshot(snapshot, asked):
    assert snapshot.ids(snapshot.positions(snapshot.matching(INDEX, "red"))) == [10, 12]
    assert snapshot.ids(snapshot.positions(snapshot.matching(INDEX, "Blue red"))) == [12]
    assert snapshot.ids(snapshot.positions(snapshot.matching(INDEX, "red blue"))) == [12]
    assert asked == ["red", "blue"]


def test_a_stop_word_narrows_nothing_but_alone_matches_nothing(snapshot, asked):
    assert snapshot.ids(snapshot.positions(snapshot.matching(INDEX, "red и"))) == [10, 12]
    assert not snapshot.matching(INDEX, "и").any()
    assert not snapshot.matching(INDEX, "violet").any()


def test_scored_words_rank_by_the_sum_of_their_ranks(snapshot, asked):
    found, relevance = snapshot.scored_matching(INDEX, "red blue")
    assert snapshot.ids(snapshot.positions(found)) == [12]
    assert relevance[found].tolist() == pytest.approx([0.4], rel=1e-3)
    found, relevance = snapshot.scored_matching(INDEX, "blue")
    assert dict(
        zip(snapshot.ids(snapshot.positions(found)), relevance[found].tolist(), strict=True)
    ) == pytest.approx({11: 0.2, 12: 0.3, 14: 0.2}, rel=1e-3)


def test_web_search_syntax_goes_to_the_backend_whole(snapshot, asked, monkeypatch):
    whole = []

    def matching_ids(index, text):
        whole.append(text)
        return [13]

    monkeypatch.setattr(column_index.search, "matching_ids", matching_ids)
    for text in ('"red blue"', "red or blue", "red -blue"):
        assert snapshot.ids(snapshot.positions(snapshot.matching(INDEX, text))) == [13]
        assert snapshot.scored_matching(INDEX, text) is None
    assert asked == []
    assert whole == ['"red blue"', "red or blue", "red -blue"]


def test_the_least_recently_used_words_go_first_beyond_the_budget(snapshot, asked, monkeypatch):
    one_word = column_index.Word.of(snapshot, [10], None).nbytes
    monkeypatch.setattr(column_index, "WORDS_BYTES", 2 * one_word)
    for text in ("red", "blue", "red", "violet"):
        snapshot.matching(INDEX, text)
    # «blue» was the least recently used when «violet» came.
    assert [word for _, word, _ in snapshot.words] == ["red", "violet"]
    cache.clear()
    snapshot.matching(INDEX, "blue")
    assert asked == ["red", "blue", "violet", "blue"]


def test_processes_with_the_same_rows_share_the_words_asked(asked):
    def build(version):
        made = Snapshot.build([10, 11, 12], keys={}, numbers={})
        made.version = version
        return made

    build("1").matching(INDEX, "red и")
    assert build("1").ids(build("1").positions(build("1").matching(INDEX, "red и"))) == [10, 12]
    assert asked == ["red", "и"]
    build("2").matching(INDEX, "red")
    assert asked == ["red", "и", "red"]


def test_a_rebuild_for_age_alone_keeps_the_words_a_change_drops_them(asked):
    def build(pks=(10, 11), version="1"):
        made = Snapshot.build(list(pks), keys={}, numbers={})
        made.version = version
        return made

    first = build()
    first.matching(INDEX, "red")
    assert column_index._successor(build(), first).words == first.words
    assert column_index._successor(build(version="2"), first).words == {}
    assert column_index._successor(build(pks=(10, 12)), first).words == {}
