"""Russian words for search and the legal bot: meaning-carrying words, lemmas, word forms and
words of similar meaning.

- `significant_words(text)` — the words of a query or question that carry meaning: question
  words and filler («как», «можно ли», «за сколько», «кто», «какой») are dropped, numbers and
  codes («131-фз», «33а-1187/2025») kept.
- `lemma(word)`, `word_forms(word)` — pymorphy3 with its OpenCorpora dictionaries: «неустойки» →
  «неустойка» and all its case forms, where the Snowball stemmer of PostgreSQL gives up.
- `similar_words(word)` — nearest neighbours in the navec news vectors shipped inside the
  `natasha` wheel (250K words, 300 dimensions, product-quantized, ~26 MB): nothing is downloaded
  at run time. The vectors are loaded lazily once per process (`word_vectors.WordVectors`):
  the code numbers stay in the file and are scored in their compressed form, so a process
  keeps ~8 MB rather than navec's own ~100 MB or 300 MB of plain float vectors.

Every answer is cached (`lru_cache`): the same words come back on every page of a search.
"""

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


_vectors_lock = threading.Lock()
_vectors: list = []


def warm_up() -> None:
    """Load the dictionaries and the vectors now (in the app server's master process, so its
    workers share them and no first search waits a second or two)."""
    _morph()
    lemma("проверка")
    _loaded_vectors()


def _loaded_vectors():
    """The vectors, loaded once per process (about half a second) on first use."""
    if not _vectors:
        with _vectors_lock:
            if not _vectors:
                from portal.search.word_vectors import WordVectors, navec_path  # with numpy

                _vectors.append(WordVectors(navec_path()))
    return _vectors[0]


@lru_cache(maxsize=4)
def _candidates(among: tuple[str, ...] | None):
    """The candidate words' rows: `among`, or every Cyrillic word of three letters or more."""
    vectors = _loaded_vectors()
    if among is None:
        words = map(vectors.vocabulary.word, range(len(vectors.vocabulary)))
        rows = [row for row, w in enumerate(words) if len(w) > 2 and CYRILLIC_WORD_RE.fullmatch(w)]
    else:
        rows = sorted({row for row in map(vectors.row, among) if row is not None})
    return vectors.candidates(rows)


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
    return _loaded_vectors().similarity(_fold(first), _fold(second))
