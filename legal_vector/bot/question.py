"""What a question asks about: its meaning-carrying words as concepts, each with every way the
legal text may say it.

A concept is one word of the question («подарок») with the stems of all its forms («подарок»,
«подарк» — the Snowball stemmer of the search vectors splits them), the wordings of the shared
synonym table («дума» → «представительный орган») and a few navec neighbours among the words of
the base («бесплатно» → «безвозмездно»). Its weight grows with its rarity in the base: a question
is about «подарок» more than about «муниципальный».
"""

import re
from dataclasses import dataclass
from math import log

from django.db import connection

from legal_vector.models import SearchWord, StructuralUnit
from legal_vector.search.weighting import vocabulary
from portal.search.language import derived_words, is_verb, lemma, similar_words, word_forms
from portal.search.phrasing import plan_words
from portal.search.stems import stems

# The concepts bound the SQL: a long question keeps this many, dropping first the words no
# unit holds and nothing else names (`_telling`).
MAX_CONCEPTS = 10
NEIGHBOURS = 2
NEIGHBOUR_MIN_SIMILARITY = 0.55
_LEXEME = re.compile(r"^[\w.-]+$")
VERB_ENDING = re.compile(r"(?:ов|ев)?(?:ать|ять|ить|еть|уть)(?:ся)?$")
MIN_VERB_ROOT = 5
IMPERFECTIVE_SUFFIX = "ыв"
# Pronoun-like adjectives and light verbs of spoken questions («наш», «сами», «каков»,
# «хотят», «делает»), by lemma: they name nothing the law could hold.
CHATTER_LEMMAS = frozenset({
    "наш", "ваш", "мой", "свой", "сам", "самый", "каковой", "всякий", "каждый", "один",
    "любой", "некоторый", "иной", "хотеть", "делать", "сделать", "где-то", "что-то", "как-то",
    "какой-то", "кто-то", "прийти", "идти", "случай", "нужно", "надо", "есть", "поэтому",
    "потому", "вообще", "хватить", "хватать",
    # «как часто …» asks for a frequency (`question_kind`), and the stem of «часто» is that of
    # «часть»: every «части 7 статьи 51» would hold it.
    "часто", "регулярно",
})  # fmt: skip
# Quotes and a leading minus are search operators, not a bot's: «Формулировка «орган вправе» …»
# is a question about those words.
OPERATOR_CHARACTERS = re.compile(r"[\"«»„“”]|(?:^|\s)-(?=\w)")
# Set phrases that only ask: «кто прав?» asks who wins a dispute, and its «прав» is read as a
# form of «право», which half the acts hold.
# «До какого числа» asks for a date: its «числа» is no number the act holds.
ASKING_PHRASES = re.compile(
    r"(?<!\w)(?:кто\s+(?:же\s+|из\s+нас\s+)?правы?|(?:до|с|к)?\s*(?:какого|какому)\s+числ[ау])(?!\w)",
    re.IGNORECASE,
)
# «Сколько дней …», «сколько процентов …»: the counted word is what the question is about, and
# a number of days or years is what the act calls a term («срок … 30 дней»).
COUNTED_WORD = re.compile(r"(?<!\w)сколько\s+(\w+)", re.IGNORECASE)
COUNTED_WEIGHT = 1.5
TIME_LEMMAS = frozenset({"день", "год", "месяц", "неделя", "час", "минута"})
TERM_STEM = "срок"
# What kind of answer a question wants, told by its asking words (which carry no concept): a
# stored answer to «Как назначается староста?» does not answer «Для чего назначается
# староста?». Questions with other asking words («кто», «что», «как», «какие») are «open»:
# stored questions phrase those interchangeably. Checked in this order, at the start.
QUESTION_KINDS = (
    ("purpose", re.compile(r"(?:для\s+чего|зачем|с\s+какой\s+целью)(?!\w)")),
    ("yes_no", re.compile(r"(?:\w+(?:\s+\w+)?\s+ли|правда\s+ли)(?!\w)")),
    ("time", re.compile(r"(?:когда|в\s+какой\s+срок|в\s+течение\s+какого|до\s+какого|с\s+какого|"
                        r"(?:за\s+)?сколько\s+(?:дней|лет|месяцев|недель|часов|рабочих))(?!\w)")),
    ("frequency", re.compile(r"(?:как\s+часто|сколько\s+раз|с\s+какой\s+(?:периодичностью|"
                             r"частотой|регулярностью)|как\s+регулярно)(?!\w)")),
    ("amount", re.compile(r"(?:(?:за\s+)?сколько|как\w+\s+(?:част|дол|процент)\w*)(?!\w)")),
    ("open", re.compile(r"(?:кто|кого|кому|кем|что|чем|чего|как|каким|каков|какой|какая|какое|"
                        r"какие|каких|где|куда|откуда|почему|в\s+как\w+|на\s+как\w+|из\s+как\w+|"
                        r"о\s+как\w+)(?!\w)")),
)  # fmt: skip


# Where a spoken question's asking clause may start: after a dash or a colon setting out the
# topic, or after a sentence telling the story («Подрядчик затянул сроки. Какая неустойка?»).
# Examples start one too: after «например» come the specifics the law names («Какие шаги
# против коррупции нужны организации, например назначить ответственных или принять кодекс
# этики?»), and a long first clause would leave them past the plan's groups.
CLAUSE_START = re.compile(
    r"\s[—–-]+\s+|:\s+|[.!?…]\s+|,\s+(?:например|в\s+частности|скажем|к\s+примеру)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Concept:
    """One thing the question is about, as tsquery alternatives over the units' stems."""

    word: str  # as typed; several words for a synonym-table term («представительный орган»)
    own: tuple[str, ...]  # stems of the typed words' forms
    own_query: str  # every typed word, in any of its forms
    near_query: str  # other wordings of the synonym table and neighbours in meaning
    weight: float
    # Does any unit of the base hold the typed word? A word no act has («конфеты», «музей»)
    # cannot tell a good answer from a bad one; a missing word the base knows can.
    known: bool = True
    # A verb names the action, which spoken questions word freely («ведет» for «осуществляет»,
    # «выкладывать» for «размещать»); the things a question names are what a unit must hold.
    action: bool = False
    # Every wording of the concept, the typed one first (`meaning.question_vector`).
    wordings: tuple[tuple[str, ...], ...] = ()

    @property
    def must_hold(self) -> bool:
        """Does a unit lacking it answer only part of the question (`retrieval.missing`)?"""
        return self.known and not self.action

    @property
    def query(self) -> str:
        return " | ".join(f"({part})" for part in (self.own_query, self.near_query) if part)


def _any(stems) -> str:
    return " | ".join(f"'{stem}'" for stem in sorted(stems))


def _wording_query(wording, stems_of) -> str:
    """All words of a wording, each in any of its forms; "" if a word has no stem."""
    parts = [_any(stems_of(word)) for word in wording]
    if not all(parts):
        return ""
    return " & ".join(f"({part})" for part in parts)


def _stems(phrases) -> dict[str, tuple[str, ...]]:
    """Each phrase → the stems the search vectors hold for it that a raw query may carry."""
    return {
        phrase: tuple(s for s in found if _LEXEME.match(s))
        for phrase, found in stems(phrases).items()
    }


# How many units there are, as PostgreSQL estimates it: the planner's figure once the table is
# analysed, the live rows counted by the statistics before that (-1 and 0 in `pg_class` after
# a first import, which would make every word of a fresh base look as common as the commonest).
UNITS_ESTIMATE = (
    "SELECT '', greatest(c.reltuples, s.n_live_tup, 0)::bigint FROM pg_class AS c"
    " LEFT JOIN pg_stat_user_tables AS s ON s.relid = c.oid WHERE c.relname = %s"
)


def _unit_counts(words) -> tuple[dict[str, int], int]:
    """How many units hold each word, and about how many units there are (one query)."""
    table = SearchWord._meta.db_table
    units = StructuralUnit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word, unit_count FROM {table} WHERE word = ANY(%s)"  # noqa: S608
            f" UNION ALL {UNITS_ESTIMATE}",
            [sorted(words), units],
        )
        rows = cursor.fetchall()
    counts = {word: count for word, count in rows if word}
    total = max([count for word, count in rows if not word] + [*counts.values(), 100])
    return counts, total


def _verb_root(word: str) -> str:
    """«утверждает» → «утвержд»: a question asks with a verb where the act names the action
    («утверждение правил»); the root matches both as a prefix. "" for other words.

    The imperfective «-ыва-» is not part of it: «обосновывать» → «обоснов», which «обоснование»
    and «обосновать» share («подписывать» → «подписание», «согласовывать» → «согласование»)."""
    match = VERB_ENDING.search(lemma(word))
    if not match or match.start() < MIN_VERB_ROOT:
        return ""
    root = lemma(word)[: match.start()]
    shorter = root.removesuffix(IMPERFECTIVE_SUFFIX)
    if shorter != root and len(shorter) >= MIN_VERB_ROOT:
        return shorter
    return root


def _neighbours(word: str) -> list[str]:
    """navec neighbours of the word among the words of the base, not forms of the word."""
    base = lemma(word)
    # Only words of the base can match a unit; search reads the same per-process copy.
    found = similar_words(base, NEIGHBOURS * 3, among=vocabulary())
    near = []
    for candidate, similarity in found:
        if similarity >= NEIGHBOUR_MIN_SIMILARITY and lemma(candidate) != base:
            near.append(candidate)
    return near[:NEIGHBOURS]


def _derived(group) -> set[str]:
    """The verbs and action nouns of a one-word group's word («рассмотреть» ↔ «рассмотрение»)."""
    return derived_words(group.words[0]) if len(group.words) == 1 else set()


def _union(sets) -> set:
    return set().union(*sets)


def _word_groups(question: str) -> list:
    """The question's word groups (`plan_words`), clause by clause: a spoken question tells
    its story first and asks last («Отдел перегружен, поэтому ответили через 52 дня — суд
    примет такое оправдание?»), and one plan holds only the first groups of its text. Chatter
    is dropped, a meaning repeated in another clause counted once."""
    groups, seen = [], set()
    for clause in CLAUSE_START.split(question):
        for group in plan_words(clause).groups:
            key = tuple(lemma(word) for word in group.words)
            if key in seen or (len(key) == 1 and key[0] in CHATTER_LEMMAS):
                continue
            seen.add(key)
            groups.append(group)
    return groups


def _telling(groups, counts, forms, related) -> list:
    """At most `MAX_CONCEPTS` groups, in the question's order. Over that, a word no unit holds
    in any form and that has no other wording or neighbour («стульев») goes first: it can match
    nothing, while the words after it («… — это дробление?») may be the point."""

    def matches_nothing(group):
        alone = len(group.alternatives) == 1 and not related[group]
        unheld = not any(counts.get(form) for word in group.words for form in forms[word])
        return alone and unheld and not (len(group.words) == 1 and _verb_root(group.words[0]))

    excess = len(groups) - MAX_CONCEPTS
    if excess <= 0:
        return groups
    dropped = [group for group in groups if matches_nothing(group)][::-1][:excess]
    return [group for group in groups if group not in dropped][:MAX_CONCEPTS]


def concepts_of(question: str) -> list[Concept]:
    """The question's concepts, rarest words weighing most (two queries).

    Word groups come from `plan_words`: question words dropped, synonym-table terms matched
    by lemma and given all their wordings («думы» → «представительный орган», «совет
    депутатов»).
    """
    question = ASKING_PHRASES.sub(" ", OPERATOR_CHARACTERS.sub(" ", question))
    # «Сколько дадут?» counts nothing: a verb after «сколько» asks about the amount it names.
    counted = {lemma(word) for word in COUNTED_WORD.findall(question) if not is_verb(word)}
    groups = _word_groups(question)
    if not groups:
        return []
    words = {word for group in groups for wording in group.alternatives for word in wording}
    near = {group: _neighbours(group.words[0]) if len(group.words) == 1 else [] for group in groups}
    derived = {group: _derived(group) for group in groups}
    forms = {word: word_forms(word) | {word} for word in words | _union(derived.values())}
    typed = {word for group in groups for word in group.words}
    counts, total = _unit_counts(
        {f for word in typed | _union(derived.values()) for f in forms[word]}
    )
    derived = {
        group: [word for word in found if any(counts.get(form) for form in forms[word])]
        for group, found in derived.items()
    }
    groups = _telling(groups, counts, forms, {g: near[g] or derived[g] for g in groups})
    stems = _stems(
        {f for word in words | _union(derived.values()) for f in forms[word]}
        | {w for n in near.values() for w in n}
    )

    def stems_of(word):
        return {s for form in forms.get(word, {word}) for s in stems.get(form, ())}

    concepts = []
    for group in groups:
        own_query = _wording_query(group.words, stems_of)
        if not own_query:
            continue  # a stop word of the stemmer: nothing in the vectors to match
        own = tuple(sorted({s for word in group.words for s in stems_of(word)}))
        wordings = [_wording_query(w, stems_of) for w in group.alternatives if w != group.words]
        neighbours = [
            _any(stems[w]) for w in near[group] if stems.get(w) and not set(stems[w]) & set(own)
        ]
        neighbours += [_any(stems_of(w)) for w in derived[group] if stems_of(w) - set(own)]
        roots = [_verb_root(group.words[0])] if len(group.words) == 1 else []
        roots = [f"'{root}':*" for root in roots if root and _LEXEME.match(root)]
        known = bool(roots)  # a verb's other forms («рассматривается») may be in the base
        is_counted = len(group.words) == 1 and lemma(group.words[0]) in counted
        if is_counted and lemma(group.words[0]) in TIME_LEMMAS:
            roots.append(f"'{TERM_STEM}'")
        near_query = " | ".join(f"({part})" for part in [*wordings, *neighbours, *roots] if part)
        count = min(sum(counts.get(f, 0) for f in forms[word]) for word in group.words)
        weight = 1.0 + log(1.0 + total / (1.0 + min(total, count)))
        if is_counted:
            weight *= COUNTED_WEIGHT
        concepts.append(
            Concept(
                " ".join(group.words),
                own,
                own_query,
                near_query,
                weight,
                count > 0 or known,
                action=is_verb(group.words[0]) if len(group.words) == 1 else False,
                wordings=group.alternatives,
            )
        )
    return concepts


def question_kind(text: str) -> str:
    """«purpose», «yes_no», «time», «frequency», «amount», «open», or "" for a heading that asks
    nothing («Компенсация расходов старосты»).

    The asking words open the question or, in a spoken one, the clause after its topic:
    «Сельский сход — сколько народу нужно …?», «Приняли решение думы — в течение какого
    времени …?»."""
    text = " ".join((text or "").lower().split())
    for start in (text, *CLAUSE_START.split(text)[1:]):
        for kind, pattern in QUESTION_KINDS:
            if pattern.match(start):
                return kind
    return ""


def same_kind(question: str, other: str) -> bool:
    """Do two questions want the same kind of answer? A heading matches any question."""
    first, second = question_kind(question), question_kind(other)
    return not first or not second or first == second
