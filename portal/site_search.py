"""The site-wide search (`/search/`): every service's provider, tabs with counts, citation
jumps, typo corrections and suggestions under the header box. See docs/search.md.

A first-time query must stay cheap: each provider ranks at most `COUNT_CAP` + 1 matches and
counts them in one statement (`ranked_page`, «более 1000» above the cap), then reads the shown
rows with their snippets; no facets. Each answer
is cached for `SEARCH_CACHE_SECONDS`, shared by every visitor, so providers return public
items only and are called without the user.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from portal.caching import digest
from portal.models import SearchLog
from portal.registry import (
    LowerBound,
    SearchProvider,
    SearchResults,
    ordered,
    search_providers,
)
from portal.search import (
    build_search_query,
    cache_seconds,
    groups_needed,
    headline,
    normalize_query,
    part_filter,
    part_query,
    plan_words,
    postings,
    rank,
    text_filter,
)
from portal.search.facets import read_bounded

ALL = "all"
ALL_SHOWN = 3
PER_PAGE = 10
MAX_PAGE = 50
COUNT_CAP = 1000
SUGGEST_MIN_LENGTH = 3
SUGGEST_PER_PROVIDER = 3
SNIPPET_WORDS = 30
MAX_PREFIX_WORDS = 6
WORD_RE = re.compile(r"[^\W_]+")


# --- helpers for the providers ------------------------------------------------------------


def ranked_page(queryset, score, offset: int, limit: int) -> tuple[list, int]:
    """The primary keys of the page `offset`/`limit` of `queryset` ranked by `score`, and the
    bounded total: one statement that reads at most `COUNT_CAP` + 1 matching rows once, in the
    order the index yields them, and ranks only those (as `portal.search.facets` does for the
    search pages, with a lower cap: a site-wide query shows three results per service)."""
    candidates = queryset.annotate(_site_score=score).values("pk", "_site_score").order_by()
    sql, params = candidates[: COUNT_CAP + 1].query.sql_with_params()
    counted, pks = read_bounded(
        queryset.db,
        f"WITH candidates AS MATERIALIZED ({sql}) SELECT (SELECT COUNT(*) FROM candidates), "
        "(SELECT json_agg(page.pk ORDER BY page._site_score DESC, page.pk) FROM (SELECT * "
        "FROM candidates ORDER BY _site_score DESC, pk LIMIT %s OFFSET %s) AS page)",
        [*params, limit, offset],
    )
    total = LowerBound(COUNT_CAP) if counted > COUNT_CAP else counted
    return pks or [], total


def ranked_rows(matched, score, offset: int, limit: int, snippet, fields) -> tuple[list, int]:
    """The page of `matched` ranked by `score` as `values()` dicts of `fields` with the
    `_headline` that `snippet` builds, in rank order, and the bounded total (see `ranked_page`).
    Headlines are built for the shown rows only: they are the costly part."""
    pks, total = ranked_page(matched, score, offset, limit)
    if not pks:
        return [], total
    rows = matched.model._default_manager.filter(pk__in=pks).annotate(_headline=snippet)
    return in_order(rows.values(*fields, "_headline"), pks), total


def ranked_matches(
    index, queryset, text, offset, limit, *, snippet, fields, partial=False, weigh=None, context=""
):
    """The page of the rows of `queryset` matching `text` (as typed; nothing for a text with no
    word) as `ranked_rows` gives it, with snippets of `snippet` (a field or an expression), and
    the bounded total. `queryset` None means every row of `index`: then an index with search
    postings answers every-word matches from them, with the exact total.

    Every word of `text` (or a synonym wording) must match; with `partial`, part of its
    meaningful words (`portal.search.part_filter`): question words and filler carry nothing,
    rows with more of the words come first. `weigh(plan)` gives the words the caller's weights
    and related words (the legal base knows how rare each word is); `context` is the ORM path
    of a row whose vector counts for each row (a unit's article).
    """
    text = normalize_query(text)
    query = build_search_query(text)
    if query is None:
        return [], 0
    searched = queryset if queryset is not None else index.model_queryset()
    if not partial:
        snippet = headline(snippet, query)
        found = postings.matching(index, query) if queryset is None and index.postings else None
        if found is not None:
            return _posted_rows(index, query, found, offset, limit, snippet, fields)
        matched = text_filter(index, searched, text)
        return ranked_rows(matched, F("relevance"), offset, limit, snippet=snippet, fields=fields)
    plan = plan_words(text)
    if weigh is not None and plan.groups:
        plan = weigh(plan)
    query = part_query(plan)
    if query is None or not _divisible(plan):
        return [], 0
    rows, total = [], 0
    for needed in groups_needed(plan):
        matched = part_filter(index, searched, plan, context, needed)
        rows, total = ranked_rows(
            matched, F("relevance"), offset, limit, snippet=headline(snippet, query), fields=fields
        )
        if total:
            break
    return rows, total


def _posted_rows(index, query, found, offset, limit, snippet, fields) -> tuple[list, int]:
    """`ranked_rows` of the matches the index's postings found, ranked among at most
    `COUNT_CAP` + 1 of them (as `ranked_page`), those likeliest to rank first
    (`postings.Found.candidates`); the total exact."""
    chosen = found.candidates(found.ids, COUNT_CAP + 1)
    candidates = postings.only(index.model_queryset(), chosen)
    matched = candidates.alias(relevance=rank(index.vector_field, query))
    rows, _ = ranked_rows(matched, F("relevance"), offset, limit, snippet=snippet, fields=fields)
    return rows, len(found.ids)


def _divisible(plan) -> bool:
    """Part of the query can find what all of it did not: two groups or more, or a word
    with related words."""
    return len(plan.groups) > 1 or any(group.related for group in plan.groups)


def prefix_matches(queryset, text: str, *order):
    """Rows of `queryset` holding every word typed so far as a prefix, best rank first and
    then by `order` (the suggestions under the search box); none when nothing was typed."""
    prefix = prefix_query(text)
    if prefix is None:
        return queryset.none()
    return (
        queryset.filter(search_vector=prefix)
        .annotate(_rank=rank("search_vector", prefix))
        .order_by("-_rank", *order)
    )


def in_order(rows, pks) -> list:
    """`rows` (model instances or `values()` dicts with "pk") in the order of `pks`."""
    by_pk = {row["pk"] if isinstance(row, dict) else row.pk: row for row in rows}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def prefix_query(text: str, config: str = "russian") -> SearchQuery | None:
    """Every word of `text` as a prefix («благоустр» finds «благоустройство»), for suggestions
    while the user is still typing; None when `text` has no word."""
    words = WORD_RE.findall(text)[:MAX_PREFIX_WORDS]
    if not words:
        return None
    # Only letters and digits reach the raw query, each quoted: nothing the user typed is
    # read as a tsquery operator.
    raw = " & ".join(f"'{word.lower()}':*" for word in words)
    return SearchQuery(raw, search_type="raw", config=config)


def _stems(query: str) -> list[str]:
    words = [word.lower().replace("ё", "е") for word in WORD_RE.findall(query)]
    return [word[: max(4, len(word) - 2)] for word in words if len(word) >= 3]


def mark_words(text: str, query: str, words: int = SNIPPET_WORDS):
    """`text` cut to `words` words, escaped, with the words sharing a stem with the query in
    <mark>: a snippet for rows that have no stored search vector to cut a headline from."""
    stems = _stems(query)
    parts = re.split(r"([^\W_]+)", Truncator(text or "").words(words))
    marked = []
    for position, part in enumerate(parts):
        folded = part.lower().replace("ё", "е")
        if position % 2 and stems and any(folded.startswith(stem) for stem in stems):
            marked.append(f"<mark>{escape(part)}</mark>")
        else:
            marked.append(escape(part))
    # Every part is escaped above; only the <mark> tags are ours.
    return mark_safe("".join(marked))


# --- running the providers ----------------------------------------------------------------


@dataclass
class Group:
    """One provider's answer to one query: a tab, and a section of the «Все» tab."""

    provider: SearchProvider
    items: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""
    # The items hold part of the query's words («найдено по части слов»).
    partial: bool = False

    @property
    def key(self):
        return self.provider.key

    @property
    def has_more(self):
        return self.total > len(self.items)


def providers() -> list[SearchProvider]:
    return ordered(search_providers)


def _cached(key, compute):
    seconds = cache_seconds()
    if not seconds:
        return compute()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def _results(provider, query, limit, offset, partial) -> SearchResults:
    if partial:
        if provider.search_part is None:
            return SearchResults([], 0)
        found = provider.search_part(query, limit, offset)
    else:
        found = provider.search(query, None, limit, offset)
    if isinstance(found, tuple):
        found = SearchResults(*found)
    return found


def run(provider: SearchProvider, query: str, limit: int, offset: int = 0, partial=False) -> Group:
    """One provider's answer: every word of `query`, or with `partial` part of them."""
    key = f"site-search:{provider.key}:{digest(query, limit, offset, partial)}"
    found = _cached(key, lambda: _results(provider, query, limit, offset, partial))
    more_url = provider.more_url(query) if provider.more_url else ""
    return Group(provider, list(found.items), found.total, more_url, partial)


def total_of(groups) -> int:
    total = sum(group.total for group in groups)
    capped = any(getattr(group.total, "is_lower_bound", False) for group in groups)
    return LowerBound(total) if capped else total


def find_jump(query: str):
    """The first provider's citation jump for `query` («ст. 14 131-ФЗ»), or None."""
    for provider in providers():
        if provider.jump is not None:
            key = f"site-search:jump:{provider.key}:{digest(query)}"
            jump = _cached(key, lambda p=provider: p.jump(query) or False)
            if jump:
                return jump
    return None


def corrected(query: str) -> str:
    """`query` with its typos corrected by the first provider that knows the words; ""."""
    for provider in providers():
        if provider.correct is not None:
            key = f"site-search:correct:{provider.key}:{digest(query)}"
            text = _cached(key, lambda p=provider: p.correct(query) or "")
            if text and text != query:
                return text
    return ""


def suggestions(query: str) -> list[dict]:
    """Titles for the header box: a few per provider, each one cheap query, cached."""
    if len(query) < SUGGEST_MIN_LENGTH:
        return []
    found = []
    for provider in providers():
        if provider.suggest is None:
            continue
        key = f"site-search:suggest:{provider.key}:{digest(query)}"
        items = _cached(key, lambda p=provider: list(p.suggest(query, SUGGEST_PER_PROVIDER)))
        found += [
            {"title": item.title, "url": item.url, "kind": item.kind, "section": provider.key}
            for item in items
        ]
    return found


def log(query: str, result_count: int, user) -> None:
    """One record per site-wide query in the portal's search log."""
    SearchLog.record(query, SearchLog.Source.SEARCH, int(result_count), user, service="portal")
