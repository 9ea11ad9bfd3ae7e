"""The navec vectors read in place (`portal.search.word_vectors`): the same vectors and
neighbours as navec's own loader, in a fraction of its memory."""

import tracemalloc

import numpy
import pytest
from navec import Navec

from portal.search.word_vectors import WordVectors, navec_path


@pytest.fixture(scope="module")
def vectors():
    return WordVectors(navec_path())


@pytest.fixture(scope="module")
def navec():
    return Navec.load(navec_path())


def test_every_word_has_its_navec_row_and_vector(vectors, navec):
    words = navec.vocab.words
    assert len(vectors.vocabulary) == len(words)
    for row in [*range(0, len(words), 499), len(words) - 1]:
        assert vectors.vocabulary.word(row) == words[row]
        assert vectors.row(words[row]) == row
        assert numpy.array_equal(vectors.vector(words[row]), navec[words[row]])
    assert vectors.row("несуществующееслово") is None
    assert vectors.vector("несуществующееслово") is None


def test_candidates_and_neighbours_are_read_from_the_file(vectors, navec):
    among = ["пени", "штраф", "совет", "безвозмездно", "дорога", "неустойки"]
    rows = sorted(navec.vocab.word_ids[word] for word in among)
    found_rows, indexes, _norms = vectors.candidates(rows)
    assert numpy.array_equal(indexes, navec.pq.indexes[rows])
    nearest = vectors.similar("неустойка", 3, (found_rows, indexes, _norms))
    assert [word for word, _ in nearest] == ["неустойки", "пени", "штраф"]
    assert nearest[1][1] == pytest.approx(navec.sim("неустойка", "пени"), abs=1e-5)


def test_the_vectors_take_a_tenth_of_what_navec_loads():
    # navec.Navec.load keeps ~100 MB: the code numbers, a centroid-product table and the
    # vocabulary as Python strings. Here the code numbers stay in the file.
    tracemalloc.start()
    try:
        loaded = WordVectors(navec_path())
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded.row("бюджет") is not None
    assert held < 12 * 1024 * 1024
