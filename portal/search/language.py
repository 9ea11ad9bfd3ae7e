"""Russian words for search and the legal bot: meaning-carrying words, lemmas, word forms and
words of similar meaning.

- `significant_words(text)` — the words of a query or question that carry meaning: question
  words and filler («как», «можно ли», «за сколько», «кто», «какой») are dropped, numbers and
  codes («131-фз», «33а-1187/2025») kept.
- `lemma(word)`, `word_forms(word)` — pymorphy3 with its OpenCorpora dictionaries: «неустойки» →
  «неустойка» and all its case forms, where the Snowball stemmer of PostgreSQL gives up.
- `similar_words(word)` — nearest neighbours in the navec news vectors shipped inside the
  `natasha` wheel (250K words, 300 dimensions, product-quantized, ~26 MB): nothing is downloaded
  at run time. The vectors are loaded lazily once per process and scored in their compressed
  form, so they cost ~50 MB of memory rather than the 300 MB of plain float vectors.

Every answer is cached (`lru_cache`): the same words come back on every page of a search.
"""

import os
import re
import threading
from functools import lru_cache

from portal.search.normalize import fold_yo

# Words, numbers and codes: «33а-1187/2025», «131-фз», «14.1», «ru12345» stay one token.
TOKEN_RE = re.compile(r"\w+(?:[-./]\w+)*")
CYRILLIC_WORD_RE = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
# Parts of speech that never carry the meaning of a legal question: prepositions,
# conjunctions, particles, interjections, pronouns and predicatives («можно», «нужно», «надо»).
FILLER_PARTS_OF_SPEECH = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"})
# Question words and filler that pymorphy tags as something else (their lemmas).
FILLER_LEMMAS = frozenset(
    {
        "как",
        "каков",
        "какой",
        "который",
        "чей",
        "сколько",
        "где",
        "куда",
        "откуда",
        "когда",
        "почему",
        "зачем",
        "мочь",
        "должный",
        "нужный",
        "весь",
        "этот",
        "тот",
        "такой",
        "свой",
        "себя",
        "быть",
        "являться",
        "ли",
        "либо",
        "нибудь",
        "пожалуйста",
        "подсказать",
        "скажите",
        "сказать",
        "вопрос",
    }
)
# Forms kept together: a verb's lexeme also holds its participles, each with a full case
# paradigm (~70 forms for «публиковать»), which only blur a search.
POS_FAMILIES = {
    "ADJS": "ADJF",
    "COMP": "ADJF",
    "INFN": "VERB",
    "GRND": "VERB",
    "PRTS": "PRTF",
}
NAVEC_FILE = "navec_news_v1_1B_250K_300d_100q.tar"


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # deferred: the analyzer costs ~15 MB and 0.2 s, only search needs it

    return pymorphy3.MorphAnalyzer(lang="ru")


def _fold(word: str) -> str:
    return fold_yo(word.lower())


@lru_cache(maxsize=50_000)
def _parse(word: str):
    return _morph().parse(word)[0]


def _is_filler(word: str) -> bool:
    if not CYRILLIC_WORD_RE.fullmatch(word):
        return False  # numbers, codes and Latin words are requisites: always meaningful
    parsed = _parse(word)
    return parsed.tag.POS in FILLER_PARTS_OF_SPEECH or _fold(parsed.normal_form) in FILLER_LEMMAS


@lru_cache(maxsize=10_000)
def _significant(text: str) -> tuple[str, ...]:
    words = [_fold(token) for token in TOKEN_RE.findall(text)]
    return tuple(word for word in words if not _is_filler(word))


def significant_words(text: str) -> list[str]:
    """The lower-cased, ё-folded words of `text` that carry meaning, in their order.

    «За сколько дней нужно публиковать проект устава?» → ["дней", "публиковать", "проект",
    "устава"]; numbers and codes are kept whole («33а-1187/2025»).
    """
    return list(_significant(text or ""))


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form of `word` (lower-cased, ё folded): «неустойки» → «неустойка»."""
    word = _fold(word)
    if not CYRILLIC_WORD_RE.fullmatch(word):
        return word
    return _fold(_parse(word).normal_form)


@lru_cache(maxsize=50_000)
def _forms(word: str) -> frozenset[str]:
    word = _fold(word)
    if not CYRILLIC_WORD_RE.fullmatch(word):
        return frozenset({word})
    parsed = _parse(word)
    if not parsed.is_known:
        return frozenset({word})  # a guessed paradigm invents forms: keep the word alone
    family = _family(parsed.tag.POS)
    forms = (form.word for form in parsed.lexeme if _family(form.tag.POS) == family)
    return frozenset({word, *map(_fold, forms)})


def _family(part_of_speech) -> str:
    return POS_FAMILIES.get(part_of_speech, part_of_speech or "")


def word_forms(word: str) -> set[str]:
    """The forms of the word's lexeme of its own part of speech, `word` included:
    «неустойки» → {«неустойка», «неустойку», «неустоек», …}; a verb keeps its personal forms,
    infinitive and gerunds, not its participles. An unknown word is its only form."""
    return set(_forms(word))


class _Vectors:
    """navec vectors scored without decompressing them.

    A product-quantized vector is 100 one-byte indexes into 100 tables of 256 three-dimensional
    codes. The dot product with a query is the sum, over the 100 sub-spaces, of a 256-entry table
    computed once per query: 100 gathers instead of a 250K × 300 float matrix.
    """

    def __init__(self, navec):
        import numpy  # deferred with the vectors themselves

        self.np = numpy
        self.navec = navec
        self.words = navec.vocab.words
        self.ids = navec.vocab.word_ids
        self.codes = navec.pq.codes.astype(numpy.float32)  # (100, 256, 3)
        self.indexes = navec.pq.indexes  # (250K, 100) one-byte code numbers
        squared = (self.codes**2).sum(axis=2)
        norms = numpy.zeros(len(self.indexes), dtype=numpy.float32)
        for part in range(self.indexes.shape[1]):
            norms += squared[part][self.indexes[:, part]]
        self.norms = numpy.sqrt(norms) + 1e-9
        self._everything = None

    def everything(self):
        """All Cyrillic words of three letters or more, for a search over the whole vocabulary
        (prepared on first use: a second, and a column-ordered copy of the indexes)."""
        if self._everything is None:
            np = self.np
            eligible = np.fromiter(
                (len(w) > 2 and CYRILLIC_WORD_RE.fullmatch(w) is not None for w in self.words),
                dtype=bool,
                count=len(self.words),
            )
            rows = np.flatnonzero(eligible)
            self._everything = (rows, np.asfortranarray(self.indexes[rows]), self.norms[rows])
        return self._everything

    def vector(self, word):
        word_id = self.ids.get(word)
        return None if word_id is None else self.navec[word]

    def subset(self, among: tuple[str, ...] | None):
        """(row ids, their indexes in column order, their norms) of the candidate words."""
        if among is None:
            return self.everything()
        np = self.np
        rows = np.array(sorted({self.ids[w] for w in among if w in self.ids}), dtype=np.int64)
        return rows, np.asfortranarray(self.indexes[rows]), self.norms[rows]

    def similar(self, word: str, limit: int, candidates):
        np = self.np
        query = self.vector(word)
        rows, indexes, norms = candidates
        if query is None or not len(indexes):
            return []
        parts = indexes.shape[1]
        table = np.einsum("jkd,jd->jk", self.codes, query.reshape(parts, -1))
        scores = np.zeros(len(indexes), dtype=np.float32)
        for part in range(parts):
            scores += table[part][indexes[:, part]]
        scores /= norms * float(np.linalg.norm(query) + 1e-9)
        scores[rows == self.ids[word]] = -1.0
        count = min(limit, len(scores))
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best])]
        return [(self.words[rows[j]], float(scores[j])) for j in best if scores[j] > 0]


_vectors_lock = threading.Lock()
_vectors: list = []


def warm_up() -> None:
    """Load the dictionaries and the vectors now (in the app server's master process, so its
    workers share them and no first search waits a second or two)."""
    _morph()
    lemma("проверка")
    _loaded_vectors()


def navec_path() -> str:
    import natasha  # the wheel that carries the vectors file; imported only to find it

    return os.path.join(os.path.dirname(natasha.__file__), "data", "emb", NAVEC_FILE)


def _loaded_vectors() -> _Vectors:
    """The vectors, loaded once per process (about a second) on first use."""
    if not _vectors:
        with _vectors_lock:
            if not _vectors:
                from navec import Navec  # deferred with the vectors themselves

                _vectors.append(_Vectors(Navec.load(navec_path())))
    return _vectors[0]


@lru_cache(maxsize=4)
def _candidates(among: tuple[str, ...] | None):
    return _loaded_vectors().subset(among)


@lru_cache(maxsize=4_096)
def _similar(word: str, limit: int, among: tuple[str, ...] | None):
    return tuple(_loaded_vectors().similar(word, limit, _candidates(among)))


def similar_words(
    word: str, limit: int = 5, among: tuple[str, ...] | None = None
) -> list[tuple[str, float]]:
    """The `limit` words nearest in meaning to `word` with their cosine similarity, best first;
    [] for a word the vectors do not know.

    Over the whole vocabulary (Cyrillic words, ~150 ms the first time) or only `among` (a
    tuple of candidate words, e.g. the words of the legal base: a few ms). Neighbours are
    often forms of the same word («думы», «думу»): compare lemmas to skip them.
    """
    word = _fold(word)
    if not word or limit <= 0:
        return []
    return list(_similar(word, limit, tuple(among) if among is not None else None))


def word_similarity(first: str, second: str) -> float:
    """Cosine similarity of two words' vectors; 0.0 when either is unknown."""
    vectors = _loaded_vectors()
    a, b = vectors.vector(_fold(first)), vectors.vector(_fold(second))
    if a is None or b is None:
        return 0.0
    np = vectors.np
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
