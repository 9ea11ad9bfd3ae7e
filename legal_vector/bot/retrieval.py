"""Finding candidate answers: units ranked by the weighted share of the question's concepts
they hold, and Q&A items whose question matches the user's both ways."""

import re
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import chain, combinations, islice
from math import comb
from operator import or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, IntegerField, Q, TextField, Value
from django.db.models.functions import Length
from pyroaring import BitMap

from legal_vector.bot.meaning import question_vector
from legal_vector.bot.question import same_kind
from legal_vector.models import Document, QAItem, StructuralUnit
from legal_vector.search.indexes import UNIT_INDEX
from portal.search import postings
from portal.search.language import lemma, significant_words, vector_similarity, word_similarity
from portal.search.postgres import RANK_NORMALIZATION, RANK_WEIGHTS
from portal.search.vectors import folded

CANDIDATES = 30
# Units read back to rank them, and the AND-groups a tier of `at_least` may have.
MAX_UNIT_CANDIDATES = 500
MAX_COMBINATIONS = 64
# A question word that is also in the act's title («комиссии по обследованию жилых помещений
# инвалидов») says which act, not which point: every point of the act, and most of all the
# enacting «Создать комиссию …», repeats it. When ordering units it counts this much for every
# unit of that act, so the act the question names wins over others that only mention the
# word, while inside the act a point holding the word gets only the rest of its weight.
TITLE_WORD_CREDIT = 0.75
# A synonym or a neighbour in meaning counts less than the word itself; so does a word found
# only in the unit's lead-in or article heading («Муниципальному служащему запрещено:»).
NEAR_WORD_WEIGHT = 0.6
PARENT_WORD_WEIGHT = 0.7
RANK_SHARE = 0.1
# Closeness in meaning (cosine of the question's and the unit's word vectors, `meaning.py`)
# joins the share of concepts: a rule worded with none of the question's words still rises.
# Weighed on the development set with and without the synonym table's everyday wordings
# (0.25 … 1.5): more lets a vaguely related rule outrank the one holding the question's
# words, or a short rule outrank the one in the asked form («чтобы …» for «для чего …»).
MEANING_SHARE = 0.3
# A template's fill-in gaps («[наименование органа]», «[дата]») hold no rule: a unit with
# several gaps, or whose one gap is a third of it («Круг заявителей: [физические лица …]»), is a
# form to fill in. A rule with one short gap («… устанавливаются решением [наименование
# представительного органа] с учетом нормативов …») is still a rule.
PLACEHOLDER = r"\[[а-яё][^]]*\]"
PLACEHOLDERS = rf"{PLACEHOLDER}.*{PLACEHOLDER}"
QA_CANDIDATES = 5
QA_WORD_SIMILARITY = 0.5
QA_VECTOR_FROM = 0.5
STEM_START = 3
# «Что такое жалоба?» asks for a definition: «жалоба - просьба гражданина …».
DEFINITION_QUESTION = re.compile(
    r"^\s*(?:что\s+(?:такое|означает|называется|понимается\s+под)|каково\s+определение)\s",
    re.IGNORECASE,
)
DEFINITION_WORDS = re.compile(r"^\s*что\s+(?:такое|означает|называется|понимается\s+под)\s", re.I)
DEFINITION = r"^[^.;:]{1,150}\s[-—–]\s"
DEFINITION_BONUS = 0.3
# The definition of the very term asked about («жалоба - …», not «обращение - … или жалоба»):
# every word of the question is in the defined term; more when the term is exactly them.
DEFINED_TERM = re.compile(r"^\s*(?:\d+[.)]\s*)?(?P<term>[^.;:]{1,150}?)\s[-—–]\s")
DEFINED_TERM_BONUS = 0.5
EXACT_TERM_BONUS = 0.2
# How a rule says what a kind of question asks (`question.question_kind`): «для чего …» is
# answered by «чтобы …», «в целях …»; «сколько дней …», «когда …» by «в течение 30 дней»,
# «не более пяти рабочих дней»; «как часто …» by «не реже одного раза в три месяца»,
# «ежегодно»; «сколько …», «какая доля …» by «не менее половины», «30 процентов» or a sum in
# roubles. A unit in that form is preferred a little.
_NUMBER = (
    r"(?:\d+|\m(?:одн|дв|тр|четыр|пят|шест|сем|восем|девят|дес|двадцат|тридцат|сорок|"
    r"шестьдесят|шестидесят|девяност)\w*)"
)
ANSWER_FORMS = {
    "purpose": r"\m(?:чтобы|в целях|с целью|для того)\M",
    "frequency": r"\m(?:не\s+реже|раз\s+в|ежегодн|ежекварталь|ежемесячн|еженедельн|ежедневн|"
    r"периодичн)",
    "amount": r"\m(?:половин|трет|четверт|процент|не\s+менее|не\s+более|большинств|рубл)",
    "time": _NUMBER + r"\s+(?:(?:рабоч|календарн)\w*\s+)?(?:дн|день|лет|год|месяц|недел|час)",
}
ANSWER_FORM_BONUS = 0.1
# What a time question calls the term a rule states in days or years.
TERM_LEMMAS = frozenset({"срок"})
# A court decision retells the rules it applies, a preamble names the acts an act rests on
# (or, in a retelling, what the text is): the rule itself is the better quote.
RETOLD_KINDS = ("court_decision",)
RETOLD_UNIT_KINDS = ("preamble",)
RETOLD_SHARE = 0.85


def raw_query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config="simple")


def any_concept(concepts) -> SearchQuery | None:
    if not concepts:
        return None
    return raw_query(" | ".join(f"({concept.query})" for concept in concepts))


def at_least(concepts, count, vector="search_vector") -> Q:
    """Rows whose `vector` holds at least `count` of the concepts.

    An OR of one condition per group of concepts, not one query with OR-ed groups: each group
    then gets its own index scan, which skips quickly through its rarest word.
    """
    groups = (
        " & ".join(f"({concept.query})" for concept in group)
        for group in combinations(concepts, count)
    )
    return reduce(or_, (Q(**{vector: raw_query(group)}) for group in groups))


def rules():
    """Units that may be quoted as a rule: in force, current, not repealed, with text, not
    an approval or signature block, not a template's fill-in line."""
    without_gaps = Func(
        F("text"), Value(PLACEHOLDER), Value(""), Value("g"), function="regexp_replace"
    )
    mostly_gap = Q(text__regex=PLACEHOLDER) & Q(rule_length__lt=Length("text") * 2 / 3)
    return (
        StructuralUnit.objects.in_force()
        .exclude(text="")
        .exclude(kind__in=["approved", "closing"])
        .alias(rule_length=Length(without_gaps, output_field=IntegerField()))
        .exclude(Q(text__regex=PLACEHOLDERS) | mostly_gap)
        .filter(is_repealed=False)
    )


def _candidates(concepts, query) -> dict:
    """The units worth ranking, at most `MAX_UNIT_CANDIDATES`: primary key → stored meaning.

    Units with more of the question's concepts rank higher, so the tiers «all», «all but
    one», … down to «any» are read in turn and reading stops after `MAX_UNIT_CANDIDATES` rows
    (a unit counted in each tier it is in). From the search postings when they are fresh
    (`_posted_candidates`), else from the GIN index, one statement for all the tiers.
    """
    size = len(concepts)
    counts = [k for k in range(size, 1, -1) if comb(size, k) <= MAX_COMBINATIONS]
    held = postings.each_matching(UNIT_INDEX, [raw_query(c.query) for c in concepts])
    if held is not None:
        return _posted_candidates(held, counts)
    units = rules().order_by()
    tiers = [*(at_least(concepts, k) for k in counts), Q(search_vector=query)]
    first, *rest = [units.filter(tier).values_list("pk", "meaning") for tier in tiers]
    return dict(first.union(*rest, all=True)[:MAX_UNIT_CANDIDATES])


def _posted_candidates(held: list, counts: list[int]) -> dict:
    """`_candidates` from the rows holding each concept: the tiers are counted in sets, and
    only the rows about to be taken are read, to keep those `rules()` allows (with their
    meanings). Same rows as the GIN path, each tier in id order (the GIN path's table order)."""
    # The rows holding at least k of the concepts read so far, for each k: a row holding the
    # next concept moves up one.
    at_least_count = {k: BitMap() for k in range(1, len(held) + 1)}
    for ids in held:
        for k in range(len(held), 1, -1):
            at_least_count[k] |= at_least_count[k - 1] & ids
        at_least_count[1] |= ids
    tiers = [at_least_count[k] for k in counts] + [at_least_count[1]]
    taken, allowed = [], {}
    # A little more than is taken: `rules()` turns few units away, and a further block is
    # read when it turns away more.
    for block in _blocks(tiers, MAX_UNIT_CANDIDATES + MAX_UNIT_CANDIDATES // 5):
        unread = list({pk for pk in block if pk not in allowed})
        read = dict(postings.only(rules().order_by(), unread).values_list("pk", "meaning"))
        allowed.update({pk: read.get(pk, _NOT_A_RULE) for pk in unread})
        taken += [pk for pk in block if allowed[pk] is not _NOT_A_RULE]
        if len(taken) >= MAX_UNIT_CANDIDATES:
            break
    return {pk: allowed[pk] for pk in taken[:MAX_UNIT_CANDIDATES]}


_NOT_A_RULE = object()


def _blocks(tiers, size: int):
    """The tiers' rows one after another, `size` at a time (read lazily: the «any» tier may
    hold most of the base, and the first block is usually enough)."""
    rows = chain.from_iterable(tiers)
    while block := list(islice(rows, size)):
        yield block


# The ranking statement's names for the unit, its lead-in and its act (`Vectors`).
UNIT_TABLE = StructuralUnit._meta.db_table
DOCUMENT_TABLE = Document._meta.db_table


@dataclass(frozen=True)
class Vectors:
    """Where a scoring expression reads the search vectors of the unit, of its lead-in and of
    its act (the title's words)."""

    unit: str = "unit.search_vector"
    lead_in: str = "lead_in.search_vector"
    act: str = "act.search_vector"


class Tests:
    """How a scoring expression tests a vector against a query: written where it is used."""

    def __init__(self, vectors: Vectors = Vectors()):
        self.vectors = vectors

    def holding(self, place: str, query: str) -> tuple[str, list]:
        return self.test(
            f"{getattr(self.vectors, place)} @@ to_tsquery('simple'::regconfig, %s)", [query]
        )

    def test(self, sql: str, params: list) -> tuple[str, list]:
        return sql, params


class NamedTests(Tests):
    """Each distinct test computed once per row, in a subquery, and read by name: a concept's
    tests were repeated by its score, its ordering score and `concepts_found` (up to ten
    matches of a vector against a query per concept and row, now four)."""

    def __init__(self, vectors: Vectors = Vectors()):
        super().__init__(vectors)
        self.named = {}

    def test(self, sql: str, params: list) -> tuple[str, list]:
        key = (sql, tuple(params))
        if key not in self.named:
            self.named[key] = f"held{len(self.named)}"
        return self.named[key], []

    def columns(self) -> tuple[str, list]:
        sql = ", ".join(f"{test} AS {name}" for (test, _), name in self.named.items())
        return sql, [param for _, params in self.named for param in params]


# A unit of a Django queryset: its lead-in's vector read by a subquery (the lists `operative`
# scores are short).
QUERYSET_TESTS = Tests(
    Vectors(
        unit=f'"{UNIT_TABLE}"."search_vector"',
        lead_in=f'(SELECT lead_in.search_vector FROM "{UNIT_TABLE}" lead_in '
        f'WHERE lead_in.id = "{UNIT_TABLE}"."parent_id")',
        act="",
    )
)


def _case(whens, default: str = "0.0") -> tuple[str, list]:
    """CASE over (condition SQL, its params, value) triples, the first that holds wins."""
    sql = " ".join(f"WHEN {condition} THEN %s" for condition, _, _ in whens)
    params = [param for _, condition_params, value in whens for param in (*condition_params, value)]
    return f"CASE {sql} ELSE {default} END", params


def _summed(parts) -> tuple[str, list]:
    parts = list(parts)
    return " + ".join(sql for sql, _ in parts), [param for _, params in parts for param in params]


def _concept_score(concept, tests: Tests, ordering: bool) -> tuple[str, list]:
    """The concept's weight if the unit holds the word itself, less for a synonym or a
    neighbour or a word of the unit's lead-in; else 0. For `ordering`, a word of the act's
    title counts for every unit of the act, a little less than a unit's own word (it tells
    the act, not the point)."""
    weight = concept.weight
    whens = [(*tests.holding("unit", concept.own_query), weight)]
    if ordering:
        whens.append((*tests.holding("act", concept.own_query), weight * TITLE_WORD_CREDIT))
    if concept.near_query:
        whens.append((*tests.holding("unit", concept.near_query), weight * NEAR_WORD_WEIGHT))
    whens.append((*tests.holding("lead_in", concept.query), weight * PARENT_WORD_WEIGHT))
    return _case(whens)


def total_weight(concepts) -> float:
    return sum(concept.weight for concept in concepts) or 1.0


def matched_weight(concepts, tests: Tests, ordering=False) -> tuple[str, list]:
    """The summed weight of the concepts a unit holds, as SQL and its parameters."""
    return _summed(_concept_score(concept, tests, ordering) for concept in concepts)


def is_definition_question(question: str) -> bool:
    return bool(DEFINITION_QUESTION.match(question))


def defined_subject(question: str) -> str:
    """What a definition question asks about: «Что понимается под городским округом?» →
    «городским округом?» (the asking words name nothing a unit holds)."""
    return DEFINITION_WORDS.sub("", question, count=1)


def _bonus(definition: bool, kind: str = "") -> tuple[str, list]:
    """Score added by the unit's form: a definition for «что такое …», a purpose for «для
    чего …», a term in days or years for «сколько дней …», less for a retelling."""
    retold = (
        "unit.document_kind = ANY(%s) OR unit.kind = ANY(%s)",
        [list(RETOLD_KINDS), list(RETOLD_UNIT_KINDS)],
    )
    whens = [(*retold, RETOLD_SHARE - 1.0)]
    if definition:
        whens.insert(0, ("unit.text ~ %s", [DEFINITION], DEFINITION_BONUS))
    bonus = [_case(whens)]
    if kind in ANSWER_FORMS:
        bonus.append(_case([("unit.text ~* %s", [ANSWER_FORMS[kind]], ANSWER_FORM_BONUS)]))
    return _summed(bonus)


def _holds(concept, kind, tests: Tests) -> tuple[str, list]:
    """The unit or its lead-in holds the concept in any wording, or its act's title names it;
    a time question's «срок» is held by a term («в течение 30 дней»)."""
    held = [tests.holding("unit", concept.own_query)]
    if concept.near_query:
        held.append(tests.holding("unit", concept.near_query))
    held += [tests.holding("lead_in", concept.query), tests.holding("act", concept.own_query)]
    if kind == "time" and lemma(concept.word) in TERM_LEMMAS:
        held.append(tests.test("unit.text ~* %s", [ANSWER_FORMS["time"]]))
    return "(" + " OR ".join(sql for sql, _ in held) + ")", [
        p for _, params in held for p in params
    ]


def concepts_found(concepts, kind: str, tests: Tests) -> tuple[str, list]:
    """How many of the concepts the base knows the unit holds (`_holds`; SQL, 0 when the
    base knows none): «Какой дефицит бюджета городского округа Энск?» lacks nothing in
    «дефицит … составит» of the budget of Энск."""
    concepts = [c for c in concepts if c.must_hold]
    if not concepts:
        return "0", []
    return _summed(_case([(*_holds(c, kind, tests), 1)], default="0") for c in concepts)


def _closeness(concepts, candidates) -> tuple[str, list]:
    """Each candidate's closeness in meaning to the question (a lookup in two arrays: the
    scores are computed here, from the stored meanings); 0 without any."""
    direction = question_vector(concepts) if any(candidates.values()) else None
    if direction is None:
        return "0.0", []
    pks = list(candidates)
    scores = vector_similarity(direction, [candidates[pk] for pk in pks])
    # Both arrays go as one literal each: as list values, each of 500 numbers was adapted in
    # Python one by one, a few milliseconds of every question.
    return (
        "coalesce((%s::float8[])[array_position(%s::bigint[], unit.id)], 0)",
        [_array(max(0.0, float(score)) for score in scores), _array(pks)],
    )


def _array(numbers) -> str:
    return "{" + ",".join(map(str, numbers)) + "}"


def _ranking(concepts, candidates, limit, definition, kind) -> tuple[str, list]:
    """The statement that scores the candidates and returns the best `limit`: written as
    SQL, as the ORM spent more time building the expression (~9 ms) than PostgreSQL spent
    running it. The inner query computes each test once per row (`NamedTests`; OFFSET 0
    keeps PostgreSQL from folding it into the outer one, which would repeat them)."""
    tests = NamedTests()
    scores = {
        "matched": matched_weight(concepts, tests),
        "found": concepts_found(concepts, kind, tests),
    }
    ordering, ordering_params = matched_weight(concepts, tests, ordering=True)
    held, held_params = tests.columns()
    rank = "ts_rank(%s::float4[], unit.search_vector, to_tsquery('simple'::regconfig, %s), %s)"
    rank_params = [
        _array(RANK_WEIGHTS),
        " | ".join(f"({c.query})" for c in concepts),
        RANK_NORMALIZATION,
    ]
    bonus, bonus_params = _bonus(definition, kind)
    closeness, closeness_params = _closeness(concepts, candidates)
    columns = ", ".join(f"{sql} AS {name}" for name, (sql, _) in scores.items())
    sql = (
        f"SELECT id, {columns}, rank, bonus, closeness, "
        f"({ordering}) / %s + rank * %s + bonus + closeness * %s AS score "
        f"FROM (SELECT unit.id, {held}, {rank} AS rank, {bonus} AS bonus, "
        f"{closeness} AS closeness FROM {UNIT_TABLE} unit "
        f"JOIN {DOCUMENT_TABLE} act ON act.id = unit.document_id "
        f"LEFT JOIN {UNIT_TABLE} lead_in ON lead_in.id = unit.parent_id "
        "WHERE unit.id = ANY(%s::bigint[]) OFFSET 0) tested "
        "ORDER BY score DESC, id LIMIT %s"
    )
    params = [
        *(param for _, part_params in scores.values() for param in part_params),
        *ordering_params,
        total_weight(concepts),
        RANK_SHARE,
        MEANING_SHARE,
        *held_params,
        *rank_params,
        *bonus_params,
        *closeness_params,
        _array(candidates),
        limit,
    ]
    return sql, params


def ranked_units(concepts, limit=CANDIDATES, definition=False, kind=""):
    """Units of current editions of documents in force, best first, each with `coverage`:
    the weighted share of the question's concepts it holds (0..1). A `definition` question
    prefers units that define a term, a question of another `kind` units in its form."""
    query = any_concept(concepts)
    if query is None:
        return []
    total = total_weight(concepts)
    candidates = _candidates(concepts, query)
    if not candidates:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*_ranking(concepts, candidates, limit, definition, kind))
        rows = cursor.fetchall()
    units = postings.only(
        # In the ranking's order, not the model's (which joins the editions to sort).
        StructuralUnit.objects.select_related("document", "parent").order_by(),
        [row[0] for row in rows],
    )
    by_pk = {unit.pk: unit for unit in units}
    result = []
    for pk, matched, found, rank, bonus, closeness, score in rows:
        unit = by_pk.get(pk)
        if unit is None:  # deleted since it was scored
            continue
        unit.rank, unit.score = rank, score
        unit.bonus, unit.closeness = float(bonus), float(closeness)
        share = score - rank * RANK_SHARE - unit.bonus - unit.closeness * MEANING_SHARE
        unit.coverage = round(min(1.0, max(0.0, share)), 6)
        unit.own_coverage = round(min(1.0, float(matched) / total), 6)
        unit.missing = sum(1 for c in concepts if c.must_hold) - found
        result.append(unit)
    if definition:
        for unit in result:
            unit.score += defined_term_bonus(unit.text, concepts)
        result.sort(key=lambda unit: (-unit.score, unit.pk))
    return result


def defined_term_bonus(text: str, concepts) -> float:
    """How much a unit defining the question's own term is preferred to other definitions
    and to units that only use the term: «жалоба - просьба …» for «Что такое жалоба?»."""
    match = DEFINED_TERM.match(text or "")
    if not match:
        return 0.0
    term = [lemma(word) for word in significant_words(match.group("term"))]
    asked = {lemma(word) for concept in concepts for word in concept.word.split()}
    # The term's head word is the thing defined: «обращение гражданина - … жалоба» is not
    # the definition of «жалоба».
    if not term or term[0] not in asked:
        return 0.0
    share = len(asked & set(term)) / len(asked)
    return DEFINED_TERM_BONUS * share + (EXACT_TERM_BONUS if set(term) == asked else 0.0)


def _lemmas(text: str) -> set[str]:
    return {lemma(word) for word in significant_words(text)}


def qa_match(question: str, concepts, item) -> float:
    """How well a stored question matches the user's, both ways: the smaller of the share of
    the user's words in it and the share of its words in the user's. A word matches the same
    lemma or stem, or a close word («отвечать» — «ответить»), not a looser neighbour:
    «публичные слушания» covers half of «нужно ли публиковать результаты публичных
    слушаний» and is not that question. Word vectors are compared only for an item that
    already shares half of its words, so a question costs a few comparisons, not thousands.
    A stored question asking for another kind of answer («как …» for «для чего …») is no
    match."""
    theirs = _lemmas(item.question)
    if not theirs or not concepts or not same_kind(question, item.question):
        return 0.0
    stems_in_theirs = set(item.question_lexemes)
    our_stems = {stem for concept in concepts for stem in concept.own}
    our_lemmas = {lemma(word) for concept in concepts for word in concept.word.split()}

    def holds(concept, close):
        # Every word of a several-word concept: «органы местного самоуправления» is not
        # «местное самоуправление».
        return all(
            any(stem in stems_in_theirs and _stem_of(stem, word, concept) for stem in concept.own)
            or close(lemma(word), theirs)
            for word in concept.word.split()
        )

    def shares(close):
        ours = sum(c.weight for c in concepts if holds(c, close))
        found = sum(1 for word in theirs if _stem_hit(word, our_stems) or close(word, our_lemmas))
        return min(ours / total_weight(concepts), found / len(theirs))

    exact = shares(_same)
    if exact < QA_VECTOR_FROM:
        return exact
    return shares(_close)


def _stem_of(stem: str, word: str, concept) -> bool:
    """Is `stem` (of the concept's forms) a stem of this typed word? A one-word concept's
    stems all are; in a wording of several, a stem is its word's if they start alike (forms
    of a word keep its beginning: «подарок», «подарк»)."""
    return " " not in concept.word or stem[:STEM_START] == word[:STEM_START]


def _same(word, others) -> bool:
    return word in others


def _close(word, others) -> bool:
    return word in others or any(_similarity(word, other) >= QA_WORD_SIMILARITY for other in others)


@lru_cache(maxsize=20_000)
def _similarity(first: str, second: str) -> float:
    return word_similarity(first, second)


def _stem_hit(word: str, stems: set[str]) -> bool:
    return any(word.startswith(stem) for stem in stems if len(stem) >= 4)


def ranked_qa(question: str, concepts, limit=QA_CANDIDATES):
    """Published Q&A items sharing words with the question, each with `coverage` from
    `qa_match`, best first (one query; the citations of the one item answered with are read
    then, by `units_for_qa`)."""
    query = any_concept(concepts)
    if query is None:
        return []
    items = list(
        QAItem.objects.published()
        .filter(search_vector=query)
        .annotate(
            question_lexemes=Func(
                SearchVector(folded("question"), config="russian"),
                function="tsvector_to_array",
                output_field=ArrayField(TextField()),
            ),
            rank=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS),
        )
        .order_by("-rank", "pk")[: limit * 4]
    )
    for item in items:
        item.coverage = qa_match(question, concepts, item)
    items.sort(key=lambda item: (-item.coverage, -item.rank, item.pk))
    return items[:limit]
