"""PostgreSQL full-text search: the backend used when `ELASTICSEARCH_URL` is not set."""

import re
from functools import reduce
from operator import or_

import numpy as np
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from pyroaring import BitMap

from portal.search import postings
from portal.search.facets import apply_filters, evaluate, top_values
from portal.search.language import word_forms
from portal.search.pg_arrays import numbers_cursor
from portal.search.phrasing import QueryPlan, WordGroup
from portal.search.stems import CONFIG, distinct_forms
from portal.search.synonyms import expand_query
from portal.search.types import SORT_DATE, Hit, SearchIndex, SearchRequest, SearchResult

# Weights for D, C, B, A: number/heading (A) > title and requisites (B) > text (C) > notes (D).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# 1 divides the rank by 1 + log(document length): long units must not win by sheer size.
RANK_NORMALIZATION = 1
MIN_PREFIX_WORD = 7
# What a group matched only in the context row (the article above a part) is worth.
CONTEXT_FACTOR = 0.8
# What each group found adds to a partial match's score, above any sum of weights; a group
# found only through a related word counts a quarter: a guess never outranks a found word.
PER_GROUP = 1000.0
RELATED_PART = PER_GROUP / 4
# Sentinels unlikely in legal texts: the headline is escaped first, then they become <mark>.
_START, _STOP = "\u27e6", "\u27e7"


def _or_none(array, dtype) -> np.ndarray:
    """An aggregate over no rows is NULL: no rows, then."""
    return np.empty(0, dtype=dtype) if array is None else array


def any_words(text: str) -> str:
    """`text` as a websearch query matching any of its words (for questions, not searches)."""
    words = re.findall(r"[\w-]+", text)
    return " or ".join(words)


def build_search_query(
    text: str, config: str = CONFIG, match_all: bool = True
) -> SearchQuery | None:
    """`websearch` query for `text` OR-ed with every synonym expansion; None for empty text.

    `match_all=False` matches any word, for natural-language questions ranked by coverage.
    """
    variants = query_texts(text)
    if not match_all:
        variants = [any_words(v) for v in variants if any_words(v)]
    if not variants:
        return None
    return any_wording(variants, config)


def query_texts(text: str) -> list[str]:
    """The texts a search for `text` matches: itself and each synonym wording; none for «»."""
    return [text, *expand_query(text)] if text else []


def any_wording(texts: list[str], config: str = CONFIG) -> SearchQuery:
    """Rows matching any of `texts`, each in web search syntax."""
    queries = [SearchQuery(text, search_type="websearch", config=config) for text in texts]
    return reduce(or_, queries)


def _quoted(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _any_form(word: str) -> str:
    """`word` or any of its forms: the Snowball stemmer misses «дней»/«день», «людей»/«человек».
    One form per distinct stem (`portal.search.stems`): the forms it folds together once."""
    forms = distinct_forms({word: word_forms(word)})[word]
    return "(" + " | ".join(_quoted(form) for form in forms) + ")"


def _learn_forms(groups, related: bool = False) -> None:
    """The stems of every word of `groups` in one query, so `_any_form` finds them known."""
    words = {word for group in groups for wording in group.alternatives for word in wording}
    if related:
        words |= {word for group in groups for word in group.related}
    distinct_forms({word: word_forms(word) for word in words})


def _related_form(word: str) -> str:
    """A related word as a prefix of its stem: «опубликовать» also finds «опубликованию»,
    the noun the law uses; short words stay whole, a short prefix matches too much."""
    if len(word) >= MIN_PREFIX_WORD:
        return f"{_quoted(word)}:*"
    return _any_form(word)


def _group_text(group: WordGroup, related: bool) -> str:
    wordings = [" & ".join(map(_any_form, wording)) for wording in group.alternatives]
    if related:
        wordings += [_related_form(word) for word in group.related]
    return " | ".join(f"({wording})" for wording in wordings)


def group_query(group: WordGroup, related: bool = False, config: str = CONFIG) -> SearchQuery:
    """Rows with any wording of `group` in any form (and, with `related`, its related words)."""
    _learn_forms([group], related)
    return SearchQuery(_group_text(group, related), search_type="raw", config=config)


def plan_query(plan: QueryPlan, config: str = CONFIG) -> SearchQuery | None:
    """Every group of `plan`; the user's own operators (quotes, minus) run as websearch."""
    if plan.operators or not plan.groups:
        return build_search_query(plan.text, config)
    _learn_forms(plan.groups)
    text = " & ".join(f"({_group_text(group, False)})" for group in plan.groups)
    return SearchQuery(text, search_type="raw", config=config)


def rank(vector_field: str, query: SearchQuery) -> SearchRank:
    return SearchRank(
        F(vector_field), query, weights=RANK_WEIGHTS, normalization=Value(RANK_NORMALIZATION)
    )


def boosted(score, boosts, index: SearchIndex):
    """Multiply `score` by each boost factor whose condition holds."""
    for boost in boosts:
        path = index.facets.get(boost.field, boost.field)
        factor = Case(
            When(**{path: boost.value}, then=Value(boost.factor)),
            default=Value(1.0),
            output_field=FloatField(),
        )
        score = score * factor
    return score


def headline(field: str, query: SearchQuery, config: str = CONFIG) -> SearchHeadline:
    return SearchHeadline(
        field,
        query,
        config=config,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=40,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def safe_headline(raw: str | None):
    """Escape a `ts_headline` result and turn its sentinels into <mark> tags."""
    escaped = escape(raw or "")
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))


def headlines(queryset, pks, field, query) -> dict:
    """Snippets for the shown page only: one query, however many rows matched."""
    if not pks or query is None:
        return {}
    rows = (
        queryset.model._base_manager.filter(pk__in=pks)
        .annotate(_headline=headline(field, query))
        .values_list("pk", "_headline")
    )
    return {pk: safe_headline(raw) for pk, raw in rows}


def _raw(text: str, config: str = CONFIG) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config=config)


def _matchable(plan: QueryPlan) -> list[WordGroup]:
    """The groups of `plan` that have a wording to look for."""
    return [group for group in plan.groups if group.alternatives]


def groups_needed(plan: QueryPlan) -> tuple[int, ...]:
    """How many groups a partial match asks of a row, in the order to try: two of three or
    more (one, when no row has two), one of two."""
    groups = _matchable(plan)
    return (2, 1) if len(groups) >= 3 else (1,)


def part_query(plan: QueryPlan) -> SearchQuery | None:
    """Any group of `plan` (with its related words): what a partial match's snippets mark."""
    groups = _matchable(plan)
    if not groups:
        return None
    _learn_forms(groups, related=True)
    return _raw(" | ".join(f"({_group_text(g, related=True)})" for g in groups))


def _partial_score(model, vector: str, groups, anything: str, context: str) -> RawSQL:
    """The partial match's score of a row as one SQL expression (see `part_filter`).

    Written as SQL rather than ORM expressions: a dozen groups of `CASE … @@ …` cost the ORM
    tens of milliseconds to compile. The context row (`context`, «parent__search_vector»)
    is read once per row by a correlated subquery.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    own = f"{table}.{quote(model._meta.get_field(vector).column)}"
    query = "to_tsquery(%s::regconfig, %s)"
    parts, params = [], []
    for group in groups:
        whens = [f"WHEN {own} @@ {query} THEN %s"]
        params += [CONFIG, _group_text(group, False), PER_GROUP + group.weight]
        if context:
            whens.append(f"WHEN around.vector @@ {query} THEN %s")
            params += [CONFIG, _group_text(group, False), PER_GROUP + group.weight * CONTEXT_FACTOR]
        whens.append(f"WHEN {own} @@ {query} THEN %s")
        params += [CONFIG, _group_text(group, True), RELATED_PART + group.weight / 2]
        parts.append(f"(CASE {' '.join(whens)} ELSE 0 END)")
    parts.append(f"ts_rank(%s::float4[], {own}, {query}, {RANK_NORMALIZATION:d}) * 0.1")
    params += [RANK_WEIGHTS, CONFIG, anything]
    body = " + ".join(parts)
    if context:
        link, field_name = context.split("__", 1)
        foreign_key = model._meta.get_field(link)
        other = foreign_key.related_model._meta
        around = (
            f"SELECT ctx.{quote(other.get_field(field_name).column)} AS vector "
            f"FROM {quote(other.db_table)} AS ctx "
            f"WHERE ctx.{quote(other.pk.column)} = {table}.{quote(foreign_key.column)}"
        )
        # OFFSET 0 keeps the subquery from being inlined into every WHEN: one lookup per row.
        body = f"SELECT {body} FROM (SELECT ({around}) AS vector OFFSET 0) AS around"
    return RawSQL(f"({body})", params, output_field=FloatField())


class PostgresBackend:
    """Exact up to `MAX_COUNTED` matches; above that see `portal.search.facets`."""

    name = "postgres"

    def text_filter(self, index: SearchIndex, queryset, text: str):
        query = build_search_query(text)
        matched = queryset.filter(**{index.vector_field: query})
        return matched.alias(relevance=rank(index.vector_field, query))

    def matching_ids(self, index: SearchIndex, text: str):
        rows, id_field = _matching_rows(index, build_search_query(text))
        return rows.values_list(id_field, flat=True)

    def word_matches(self, index: SearchIndex, words: list[str], scored: bool = False):
        """{word: (ids, scores or None)} of the rows containing each word in any form the
        Snowball stemmer folds together, without synonyms; a stop word, which narrows nothing
        (websearch drops it from a longer text), maps to None.

        One pass for all the words, each row's vector tested against each word: a common word
        matches most rows, so reading the table once, and the ids as arrays rather than rows,
        is what a word costs. The arrays come back as NumPy arrays (`pg_arrays`)."""
        base = index.id_vectors() if index.id_vectors is not None else index.model_queryset()
        id_field = index.id_field if index.id_vectors is not None else "pk"
        sql, params = (
            base.order_by().values_list(id_field, index.vector_field).query.sql_with_params()
        )
        word_query = "websearch_to_tsquery(%s, %s)"
        columns, column_params = [], []
        for word in words:
            columns += [
                f"numnode({word_query}) = 0",
                f"array_agg(t.id) FILTER (WHERE t.v @@ {word_query})",
            ]
            column_params += [CONFIG, word, CONFIG, word]
            if scored:
                columns.append(
                    f"array_agg(ts_rank(%s::float4[], t.v, {word_query}, {RANK_NORMALIZATION:d})) "
                    f"FILTER (WHERE t.v @@ {word_query})"
                )
                column_params += [RANK_WEIGHTS, CONFIG, word, CONFIG, word]
        any_word = " || ".join([word_query] * len(words))
        with numbers_cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(columns)} FROM ({sql}) t(id, v) WHERE t.v @@ ({any_word})",
                [*column_params, *params, *[value for word in words for value in (CONFIG, word)]],
            )
            row = iter(cursor.fetchone())
        found = {}
        for word in words:
            stop_word, ids = next(row), next(row)
            scores = next(row) if scored else None
            if stop_word:
                found[word] = None
            else:
                found[word] = (
                    _or_none(ids, np.int64),
                    _or_none(scores, np.float32) if scored else None,
                )
        return found

    def search(self, index: SearchIndex, request: SearchRequest) -> SearchResult:
        plan = getattr(request, "plan", None)  # a `PhrasedRequest`
        if plan is not None and not getattr(request, "match_all", True):
            return self._partial(index, request, plan)
        base = index.model_queryset()
        query = plan_query(plan) if plan is not None else build_search_query(request.text)
        matched = base.filter(**{index.vector_field: query}) if query is not None else base
        score = rank(index.vector_field, query) if query is not None else Value(0.0)
        result = self._posted(query, score, index, request) if query is not None else None
        if result is None:
            result = self._evaluate(matched, score, index, request)
        if query is not None and index.trigram_field and self._nothing(result, matched, request):
            similar = base.filter(**{f"{index.trigram_field}__trigram_word_similar": request.text})
            score = TrigramWordSimilarity(request.text, index.trigram_field)
            result = self._evaluate(similar, score, index, request)
            result.fuzzy = True
        snippets = headlines(base, result.pks, index.headline_field, query)
        for hit in result.hits:
            hit.highlight = snippets.get(hit.pk, "")
        return result

    def part_filter(
        self, index: SearchIndex, queryset, plan: QueryPlan, context: str = "", needed: int = 1
    ):
        """The rows of `queryset` matching at least `needed` groups of `plan`, with the
        partial match's score as `relevance`: those with more groups first, then the rarer.

        Candidates come from the groups that are not `common` (a GIN scan of rare words reads
        few rows). A group counts when found in the row's own text (its full weight), in the
        row named by `context` (an ORM path to another row's vector: `CONTEXT_FACTOR` of it, a
        part of an article is about the article's heading too) or only through a related word
        (half of it). Each group found adds `PER_GROUP` to the score (`RELATED_PART` through a
        related word), so the number of groups found ranks first, then the weights, then a
        little `ts_rank`. Bounded: the rows scored are those of the non-common groups (each in
        at most a few thousand rows by the caller's weights) or of the rarest group alone.
        """
        groups = _matchable(plan)
        if not groups:
            return queryset.none()
        vector = index.vector_field
        _learn_forms(groups, related=True)
        loose = [_group_text(g, related=True) for g in groups]
        seeds = [text for text, g in zip(loose, groups, strict=True) if not g.common]
        if not seeds:  # every word is common: the rarest picks the candidates
            seeds = [max(zip(loose, groups, strict=True), key=lambda pair: pair[1].weight)[0]]
        anything = " | ".join(f"({text})" for text in loose)
        score = _partial_score(queryset.model, vector, groups, anything, context)
        matched = queryset.filter(**{vector: _raw(" | ".join(f"({t})" for t in seeds))})
        matched = matched.alias(relevance=score)
        return matched.filter(relevance__gte=(needed - 1) * PER_GROUP + RELATED_PART)

    def _partial(self, index: SearchIndex, request: SearchRequest, plan: QueryPlan):
        """The page of the partial match (`part_filter`): with three groups or more a row must
        match two of them, one of them maybe by a related word (one, when no row does).
        `evaluate` stops reading at `MAX_COUNTED` matches."""
        query = part_query(plan)
        result = SearchResult(hits=[], total=0)
        if query is None:
            return result
        base = index.model_queryset()
        context = getattr(request, "context_vector", "")
        for needed in groups_needed(plan):
            matched = self.part_filter(index, base, plan, context, needed)
            result = self._evaluate(matched, F("relevance"), index, request)
            if result.total:
                break
        snippets = headlines(base, result.pks, index.headline_field, query)
        for hit in result.hits:
            hit.highlight = snippets.get(hit.pk, "")
        return result

    @staticmethod
    def _nothing(result, matched, request):
        """No row matched the text itself (typos), not merely none left by the filters."""
        return result.total == 0 and (not request.filters or not matched.exists())

    def _evaluate(self, matched, score, index, request) -> SearchResult:
        """The page, the total and the facets: one statement, plus one per chosen facet."""
        filtered = apply_filters(matched, index, request.filters)
        by_date = index.date_field if request.sort == SORT_DATE else ""
        window = ((request.page - 1) * request.per_page, request.per_page)
        score = boosted(score, request.boosts, index)
        shared = [key for key in index.facets if key not in request.filters]
        counted = evaluate(filtered, index, shared, score, by_date, window)
        facets = dict(counted.facets)
        for key in index.facets:
            if key in request.filters:
                others = apply_filters(matched, index, request.filters, skip=key)
                facets[key] = evaluate(others, index, [key]).facets[key]
        page = counted.page
        if counted.capped and by_date:
            # Newest first must be exact: the date index finds the newest matches directly.
            page = self._newest(filtered, score, by_date, window)
        return SearchResult(
            hits=[Hit(pk, value) for pk, value in page],
            total=counted.total,
            facets={
                key: top_values(facets[key], request.filters.get(key, [])) for key in index.facets
            },
            total_is_lower_bound=counted.capped,
        )

    def _posted(self, query, score, index, request) -> SearchResult | None:
        """`_evaluate` from the index's postings, or None when they cannot answer (see
        `portal.search.postings`): the total and the facets exact whatever the number of
        matches, the page ranked in SQL among every match up to `postings.RANKED` of them,
        above that among the likeliest to rank first (`Found.candidates`)."""
        found = postings.matching(index, query) if index.postings else None
        if found is None:
            return None
        chosen = {
            key: found.among(key, values)
            for key, values in request.filters.items()
            if key in index.facets and values
        }
        rows = BitMap.intersection(found.ids, *chosen.values())
        by_date = index.date_field if request.sort == SORT_DATE else ""
        if by_date and len(rows) > postings.RANKED:
            # Newest first must be exact, and the candidates are chosen for relevance: the
            # GIN path reads every match up to `MAX_COUNTED`, the date index above (`_newest`).
            return None
        facets = {}
        for key in index.facets:
            others = [ids for other, ids in chosen.items() if other != key]
            facets[key] = found.counts(key, BitMap.intersection(found.ids, *others))
        candidates = found.candidates(rows, postings.RANKED, request.boosts)
        listed = postings.only(index.model_queryset(), candidates)
        window = ((request.page - 1) * request.per_page, request.per_page)
        score = boosted(score, request.boosts, index)
        page = evaluate(listed, index, [], score, by_date, window).page
        return SearchResult(
            hits=[Hit(pk, value) for pk, value in page],
            total=len(rows),
            facets={
                key: top_values(facets[key], request.filters.get(key, [])) for key in index.facets
            },
        )

    @staticmethod
    def _newest(queryset, score, date_field, window):
        ordered = queryset.annotate(_score=score).order_by(
            F(date_field).desc(nulls_last=True), F("_score").desc(), "pk"
        )
        start, size = window
        rows = ordered.values_list("pk", "_score")[start : start + size]
        return [(pk, float(value or 0)) for pk, value in rows]


def _matching_rows(index: SearchIndex, query: SearchQuery):
    """(the rows of `index` matching `query`, unordered; the name of their id column)."""
    if index.id_vectors is None:
        return index.model_queryset().filter(**{index.vector_field: query}).order_by(), "pk"
    # The narrow copy: a text matching half the rows reads a few thousand small pages, not
    # every wide row it matches.
    rows = index.id_vectors().filter(**{index.vector_field: query}).order_by()
    return rows, index.id_field
