"""The navec news vectors of the `natasha` wheel, read in place and scored without decompressing.

The archive (`navec_news_v1_1B_250K_300d_100q.tar`, navec protocol 1) holds three members:
`meta.json`, `vocab.bin` (gzip: a uint32 count, uint32 word counts, the words joined by "\\n")
and `pq.bin`, stored uncompressed: a uint32 header (vectors, dimensions, parts, centroids),
one-byte code numbers (vectors × parts) and float32 codes (parts × centroids × 3).

`navec.Navec.load` would cost ~100 MB of every app server worker: the code numbers read into
the heap (24 MB), a centroid-product table search never uses (26 MB) and the vocabulary as
250K Python strings in a list and a dict (40 MB). Here the code numbers are mapped from the
file (`numpy.memmap`): the pages belong to the page cache, are shared by every process and are
resident in a process only where it reads them. The vocabulary is one UTF-8 blob with offsets
and a sorted table of its words' hashes (~9 MB).
"""

import gzip
import importlib.util
import json
import os
import tarfile

import numpy

NAVEC_FILE = "navec_news_v1_1B_250K_300d_100q.tar"
PROTOCOL = 1
HEADER = numpy.dtype("<u4")
# Code numbers are read 4,096 rows (400 KB) at a time: a few dozen reads for the candidates.
BLOCK_ROWS = 4096


def navec_path() -> str:
    """The vectors file inside the `natasha` wheel, found without importing natasha."""
    package = importlib.util.find_spec("natasha")
    return os.path.join(package.submodule_search_locations[0], "data", "emb", NAVEC_FILE)


class Vocabulary:
    """Words of the vectors by row id, and row ids by word: a blob, offsets and hashes.

    Python's `hash` of a word's bytes is stable within a process and in the workers forked
    from it, which is all the table needs; the word itself is compared on a hash match.
    """

    def __init__(self, raw: bytes):
        size = int(numpy.frombuffer(raw, HEADER, 1)[0])
        self.blob = raw[HEADER.itemsize * (1 + size) :]
        words = self.blob.split(b"\n")  # transient: 250K bytes objects, freed on return
        lengths = numpy.fromiter(map(len, words), dtype=numpy.int32, count=len(words))
        hashes = numpy.fromiter(map(hash, words), dtype=numpy.int64, count=len(words))
        # Word `row` is blob[starts[row] : starts[row + 1] - 1], before its "\n".
        self.starts = numpy.zeros(len(words) + 1, dtype=numpy.int32)
        numpy.cumsum(lengths + 1, out=self.starts[1:])
        self.order = numpy.argsort(hashes, kind="stable").astype(numpy.int32)
        self.hashes = hashes[self.order]

    def __len__(self):
        return len(self.order)

    def _bytes(self, row: int) -> bytes:
        return self.blob[int(self.starts[row]) : int(self.starts[row + 1]) - 1]

    def word(self, row: int) -> str:
        return self._bytes(row).decode()

    def row(self, word: str) -> int | None:
        """The row id of `word`, None when the vectors do not know it."""
        key = word.encode()
        wanted = hash(key)
        position = int(numpy.searchsorted(self.hashes, wanted))
        while position < len(self.hashes) and self.hashes[position] == wanted:
            row = int(self.order[position])
            if self._bytes(row) == key:
                return row
            position += 1
        return None


class WordVectors:
    """Product-quantized vectors: a vector is `parts` one-byte indexes into `parts` tables of
    `centroids` three-dimensional codes. The dot product with a query is the sum, over the
    parts, of a table computed once per query: `parts` gathers instead of a float matrix."""

    def __init__(self, path: str):
        with tarfile.open(path) as archive:
            meta = json.load(archive.extractfile("meta.json"))
            if meta.get("protocol") != PROTOCOL:
                raise ValueError(f"navec protocol {meta.get('protocol')}, expected {PROTOCOL}")
            self.vocabulary = Vocabulary(gzip.decompress(archive.extractfile("vocab.bin").read()))
            start = archive.getmember("pq.bin").offset_data
        header = numpy.fromfile(path, HEADER, 4, offset=start)
        vectors, dimensions, parts, centroids = map(int, header)
        self.path, self.vectors, self.parts = path, vectors, parts
        self.indexes_at = start + header.nbytes
        codes_at = self.indexes_at + vectors * parts
        codes = numpy.fromfile(path, numpy.float32, centroids * dimensions, offset=codes_at)
        self.codes = codes.reshape(parts, centroids, -1)
        self.squared = (self.codes**2).sum(axis=2)

    def _indexes(self, rows):
        """The code numbers of `rows` (sorted row ids), read from the file a block at a time."""
        found = numpy.empty((len(rows), self.parts), dtype=numpy.uint8)
        blocks = rows // BLOCK_ROWS
        with open(self.path, "rb") as file:
            for block in numpy.unique(blocks):
                first = int(block) * BLOCK_ROWS
                offset = self.indexes_at + first * self.parts
                count = min(BLOCK_ROWS, self.vectors - first)
                data = os.pread(file.fileno(), count * self.parts, offset)
                chunk = numpy.frombuffer(data, numpy.uint8).reshape(-1, self.parts)
                inside = blocks == block
                found[inside] = chunk[rows[inside] - first]
        return found

    def row(self, word: str) -> int | None:
        return self.vocabulary.row(word)

    def vector(self, word: str):
        """The decompressed vector of `word` (float32), None for an unknown word."""
        return self.vectors_of([word]).get(word)

    def vectors_of(self, words) -> dict:
        """Each known word of `words` → its decompressed vector, reading the code numbers of
        all of them in one pass over the file (a text's words, not one read per word)."""
        found = {word: self.row(word) for word in set(words)}
        found = {word: row for word, row in found.items() if row is not None}
        if not found:
            return {}
        rows = numpy.array(sorted(set(found.values())))
        indexes = self._indexes(rows)
        decoded = self.codes[numpy.arange(self.parts), indexes].reshape(len(rows), -1)
        at = {int(row): position for position, row in enumerate(rows)}
        return {word: decoded[at[row]] for word, row in found.items()}

    def similarity(self, first: str, second: str) -> float:
        """Cosine similarity of two words' vectors; 0.0 when either is unknown."""
        a, b = self.vector(first), self.vector(second)
        if a is None or b is None:
            return 0.0
        return float(numpy.dot(a, b) / (numpy.linalg.norm(a) * numpy.linalg.norm(b) + 1e-9))

    def candidates(self, rows):
        """(row ids, their indexes in column order, their norms) of candidate words."""
        rows = numpy.asarray(rows, dtype=numpy.int64)
        indexes = numpy.asfortranarray(self._indexes(rows))
        norms = numpy.zeros(len(rows), dtype=numpy.float32)
        for part in range(indexes.shape[1]):
            norms += self.squared[part][indexes[:, part]]
        return rows, indexes, numpy.sqrt(norms) + 1e-9

    def similar(self, word: str, limit: int, candidates) -> list[tuple[str, float]]:
        """The `limit` candidates nearest to `word` by cosine, best first, `word` excluded."""
        row = self.row(word)
        rows, indexes, norms = candidates
        if row is None or not len(indexes):
            return []
        query = self.vector(word)
        parts = indexes.shape[1]
        table = numpy.einsum("jkd,jd->jk", self.codes, query.reshape(parts, -1))
        scores = numpy.zeros(len(indexes), dtype=numpy.float32)
        for part in range(parts):
            scores += table[part][indexes[:, part]]
        scores /= norms * float(numpy.linalg.norm(query) + 1e-9)
        scores[rows == row] = -1.0
        count = min(limit, len(scores))
        best = numpy.argpartition(-scores, count - 1)[:count]
        best = best[numpy.argsort(-scores[best])]
        words = self.vocabulary.word
        return [(words(int(rows[j])), float(scores[j])) for j in best if scores[j] > 0]

    def encode(self, vector) -> bytes:
        """A vector (e.g. a text's mean of word vectors) as `parts` code numbers, one byte
        each: the nearest code of every part, as the words' own vectors are stored. Only the
        direction is kept: the vector is scaled to a word vector's length first, where the codes
        lie densest (a mean of unit-length vectors would fall between them)."""
        vector = numpy.asarray(vector, dtype=numpy.float32)
        typical = numpy.sqrt(self.squared.mean(axis=1).sum())
        vector = vector * (typical / (numpy.linalg.norm(vector) + 1e-9))
        pieces = vector.reshape(self.parts, 1, -1)
        distances = ((self.codes - pieces) ** 2).sum(axis=2)
        return distances.argmin(axis=1).astype(numpy.uint8).tobytes()

    def encoded_similarity(self, vector, encoded):
        """Cosine similarity of `vector` with each of `encoded` (byte strings from `encode`),
        scored in the compressed form like `similar`; 0.0 for an empty or foreign one."""
        known = numpy.array([len(row or b"") == self.parts for row in encoded], dtype=bool)
        if not len(known):
            return numpy.zeros(0, dtype=numpy.float32)
        blank = bytes(self.parts)
        rows = b"".join(bytes(row) if ok else blank for row, ok in zip(encoded, known, strict=True))
        indexes = numpy.frombuffer(rows, numpy.uint8).reshape(-1, self.parts)
        query = numpy.asarray(vector, dtype=numpy.float32)
        table = numpy.einsum("jkd,jd->jk", self.codes, query.reshape(self.parts, -1))
        parts = numpy.arange(self.parts)
        scores = table[parts, indexes].sum(axis=1)
        norms = numpy.sqrt(self.squared[parts, indexes].sum(axis=1)) + 1e-9
        scores /= norms * float(numpy.linalg.norm(query) + 1e-9)
        return numpy.where(known, scores, 0.0).astype(numpy.float32)
