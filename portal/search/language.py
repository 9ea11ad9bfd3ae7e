"""Russian words for search and the legal bot: meaning-carrying words, lemmas, word forms and
words of similar meaning.

- `significant_words(text)` — the words of a query or question that carry meaning: question
  words and filler («как», «можно ли», «за сколько», «кто», «какой») are dropped, numbers and
  codes («131-фз», «33а-1187/2025») kept.
- `lemma(word)`, `word_forms(word)` — pymorphy3 with its OpenCorpora dictionaries: «неустойки» →
  «неустойка» and all its case forms, where the Snowball stemmer of PostgreSQL gives up.
- `derived_words(word)` — the verbs and action nouns of the same meaning: «рассмотрение» →
  «рассмотреть», «рассматривать»; «утвердить» → «утверждение», «утверждать»; «ответить» →
  «ответ», «отвечать»; «регистрация» → «регистрировать».
- `similar_words(word)` — nearest neighbours in the navec news vectors shipped inside the
  `natasha` wheel (250K words, 300 dimensions, product-quantized, ~26 MB): nothing is downloaded
  at run time. The vectors are loaded lazily once per process (`word_vectors.WordVectors`):
  the code numbers stay in the file and are scored in their compressed form, so a process
  keeps ~8 MB rather than navec's own ~100 MB or 300 MB of plain float vectors.
- `word_vectors(words)`, `encode_vector(vector)`, `vector_similarity(vector, encoded)` — the
  vectors themselves, and a text's mean vector stored in their compressed form (100 bytes) and
  compared with a query's (the legal bot's closeness in meaning).

Every answer is cached (`lru_cache`): the same words come back on every page of a search.
"""

import re
import threading
from functools import lru_cache

from portal.search.normalize import fold_yo

# Words, numbers and codes: «33а-1187/2025», «131-фз», «14.1», «ru12345» stay one token.
TOKEN_RE = re.compile(r"\w+(?:[-./]\w+)*")
CYRILLIC_WORD_RE = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
# An abbreviation with a case ending written on («к ПОСу», «в ТОСе», «ГОСТом»): the acts and
# the synonym table spell it bare.
INFLECTED_ABBREVIATION = re.compile(r"([А-ЯЁ]{2,})(?:а|у|ом|е|ы|ов|ам|ами|ах|ой|ей|ю|я)")
# Parts of speech that never carry the meaning of a legal question: prepositions,
# conjunctions, particles, interjections, pronouns and predicatives («можно», «нужно», «надо»).
FILLER_PARTS_OF_SPEECH = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"})
# Predicatives that are the law's own terms: «вправе» grants a discretion («определение
# компетенции по формуле «вправе»»), where «можно» only asks.
LEGAL_PREDICATIVES = frozenset({"вправе"})
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
    if word in LEGAL_PREDICATIVES:
        return False
    parsed = _parse(word)
    return parsed.tag.POS in FILLER_PARTS_OF_SPEECH or _fold(parsed.normal_form) in FILLER_LEMMAS


def _bare(token: str) -> str:
    inflected = INFLECTED_ABBREVIATION.fullmatch(token)
    return inflected.group(1) if inflected else token


@lru_cache(maxsize=10_000)
def _significant(text: str) -> tuple[str, ...]:
    words = [_fold(_bare(token)) for token in TOKEN_RE.findall(text)]
    return tuple(word for word in words if not _is_filler(word))


def significant_words(text: str) -> list[str]:
    """The lower-cased, ё-folded words of `text` that carry meaning, in their order.

    «За сколько дней нужно публиковать проект устава?» → ["дней", "публиковать", "проект",
    "устава"]; numbers and codes are kept whole («33а-1187/2025»), abbreviations lose the case
    ending written on them («ПОСу» → «пос»).
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


# Word formation of verbs and action nouns, for `derived_words`: (noun suffix, verb suffix), the
# consonant alternations of a stem in the noun and the other aspect («утвердить» →
# «утверждение», «утверждать»; «ответить» → «отвечать»; «предложить» → «предлагать»).
ACTION_SUFFIXES = (
    ("ирование", "ировать"), ("ация", "ировать"), ("ование", "овать"), ("ание", "ать"),
    ("яние", "ять"), ("ение", "ить"), ("ение", "еть"), ("ение", "ять"), ("ение", "ать"),
    ("ение", "ти"), ("тие", "ть"),
)  # fmt: skip
ALTERNATIONS = (("д", "жд"), ("т", "щ"), ("т", "ч"), ("ст", "щ"), ("з", "ж"), ("с", "ш"),
                ("г", "ж"), ("к", "ч"), ("в", "вл"), ("б", "бл"), ("п", "пл"), ("м", "мл"),
                ("ф", "фл"))  # fmt: skip
PERFECTIVE_ENDINGS = ("ить", "еть")
IMPERFECTIVE_ENDINGS = ("ать", "ять", "ивать", "ывать")
REFLEXIVE = ("ся", "сь")
VERB_PARTS_OF_SPEECH = frozenset({"VERB", "INFN"})


def _last_vowel_swapped(stem: str, old: str, new: str) -> str:
    position = stem.rfind(old)
    return stem if position < 0 else stem[:position] + new + stem[position + 1 :]


def _stem_variants(stem: str, vowel: tuple[str, str] | None = None, back=True) -> set[str]:
    """The stem with its final consonant alternated (and, with `back`, un-alternated:
    «утвержд» → «утверд»), and with its last vowel swapped («рассмотр» → «рассматр») when
    `vowel` is given."""
    variants = {stem}
    for plain, alternated in ALTERNATIONS:
        if stem.endswith(plain):
            variants.add(stem[: -len(plain)] + alternated)
        if back and stem.endswith(alternated):
            variants.add(stem[: -len(alternated)] + plain)
    if vowel:
        variants |= {_last_vowel_swapped(variant, *vowel) for variant in variants}
    return variants


def _known(word: str, part_of_speech: str) -> bool:
    """Does the dictionary know `word` as a lemma of this part of speech?"""
    return any(
        part_of_speech == parsed.tag.POS and parsed.normal_form == word and parsed.is_known
        for parsed in _morph().parse(word)
    )


def _known_verbs(cores, reflexive: str) -> set[str]:
    """The candidate infinitives (without «-ся») the dictionary knows, with `reflexive`."""
    return {core + reflexive for core in cores if _known(core + reflexive, "INFN")}


def _verbs_of_noun(noun: str) -> set[str]:
    cores = {noun + "ить", noun + "ать"}  # «ответ» → «ответить», «запрет» → «запретить»
    for noun_suffix, verb_suffix in ACTION_SUFFIXES:
        if noun.endswith(noun_suffix):
            stem = noun[: -len(noun_suffix)]
            cores |= {variant + verb_suffix for variant in _stem_variants(stem)}
    return _known_verbs(cores, "") | _known_verbs(cores, "ся")


def _nouns_of_verb(core: str) -> set[str]:
    candidates = set()
    for noun_suffix, verb_suffix in ACTION_SUFFIXES:
        if core.endswith(verb_suffix):
            stem = core[: -len(verb_suffix)]
            candidates |= {variant + noun_suffix for variant in _stem_variants(stem, back=False)}
    return {noun for noun in candidates if _known(noun, "NOUN")}


def _other_aspect(core: str, reflexive: str) -> set[str]:
    """«рассмотреть» → «рассматривать», «решить» → «решать», «отвечать» → «ответить»."""
    cores = set()
    for ending in PERFECTIVE_ENDINGS:
        if core.endswith(ending):
            stem = core[: -len(ending)]
            cores |= {v + e for v in _stem_variants(stem, ("о", "а")) for e in IMPERFECTIVE_ENDINGS}
    for ending in IMPERFECTIVE_ENDINGS:
        if core.endswith(ending):
            stem = core[: -len(ending)]
            cores |= {v + e for v in _stem_variants(stem, ("а", "о")) for e in PERFECTIVE_ENDINGS}
    return _known_verbs(cores - {core}, reflexive)


def _split_reflexive(verb: str) -> tuple[str, str]:
    return (verb[:-2], verb[-2:]) if verb.endswith(REFLEXIVE) else (verb, "")


@lru_cache(maxsize=10_000)
def _derived(word: str) -> frozenset[str]:
    word = _fold(word)
    if not CYRILLIC_WORD_RE.fullmatch(word):
        return frozenset()
    parsed = _parse(word)
    own = _fold(parsed.normal_form)
    if not parsed.is_known:
        return frozenset()
    if parsed.tag.POS in VERB_PARTS_OF_SPEECH:
        core, reflexive = _split_reflexive(own)
        verbs = {own} | _other_aspect(core, reflexive)
        nouns = {noun for verb in verbs for noun in _nouns_of_verb(_split_reflexive(verb)[0])}
    elif parsed.tag.POS == "NOUN":
        verbs = _verbs_of_noun(own)
        for verb in set(verbs):
            verbs |= _other_aspect(*_split_reflexive(verb))
        nouns = set()
    else:
        return frozenset()
    return frozenset((verbs | nouns) - {own})


def in_dictionary(word: str) -> bool:
    """`word` is a Russian word the dictionary knows (in any of its forms): not a typo, even
    where the legal base never uses it («часто» is not a mistyped «части»)."""
    word = _fold(word)
    return bool(CYRILLIC_WORD_RE.fullmatch(word)) and _parse(word).is_known


def is_verb(word: str) -> bool:
    """Is `word` a verb form (personal or infinitive; not a participle or a gerund)?"""
    word = _fold(word)
    return bool(CYRILLIC_WORD_RE.fullmatch(word)) and _parse(word).tag.POS in VERB_PARTS_OF_SPEECH


def derived_words(word: str) -> set[str]:
    """Lemmas of the verbs and action nouns that name the same action as `word`: the noun of a
    verb and its other aspect («утвердить» → «утверждение», «утверждать»), the verbs of an
    action noun («рассмотрение» → «рассмотреть», «рассматривать»; «ответ» → «ответить»,
    «отвечать»). Built by the regular suffixes of Russian word formation and kept only when the
    dictionary knows the word as a verb or a noun. Empty for other words."""
    return set(_derived(word))


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


def word_vectors(words) -> dict:
    """Each word the navec vectors know (as given: lower-case, ё folded) → its vector
    (300 float32); one read of the file for all of them."""
    return _loaded_vectors().vectors_of(words)


def encode_vector(vector) -> bytes:
    """A vector in the navec vectors' compressed form (100 bytes): `vector_similarity` reads
    it back. For a text's meaning stored next to the text."""
    return _loaded_vectors().encode(vector)


def vector_similarity(vector, encoded):
    """Cosine similarity of `vector` with each encoded vector (numpy array, 0.0 for a
    missing one)."""
    return _loaded_vectors().encoded_similarity(vector, encoded)
