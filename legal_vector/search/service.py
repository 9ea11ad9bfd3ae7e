"""The legal search page in one straight path: parse → retrieve → rank → facets → render.

- parse (`parsing.parse`): the query string as a `LegalQuery`, its word plan included;
- retrieve and rank (`retrieval.retrieve`): every word, else the ranked partial match, else
  the typo-corrected query or similar titles;
- facets (`facets.labelled_facets`): counted values with their display names;
- render: the page's units in ranked order with their snippets, as a `LegalSearchPage`.

The page is cached once, whole (`SEARCH_CACHE_SECONDS`), under `LegalQuery.cache_key()`:
a repeated query reads neither the units nor the documents again.
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from legal_vector.models import StructuralUnit
from legal_vector.models.search_log import SERVICE
from legal_vector.search.facets import labelled_facets
from legal_vector.search.parsing import (  # noqa: F401 — the page's helpers, used by callers
    MAX_PAGE,
    PER_PAGE,
    LegalQuery,
    boosts_for,
    parse,
    read_filters,
    read_page,
    widened,
)
from legal_vector.search.retrieval import retrieve
from portal.models import SearchLog
from portal.search import cache_seconds


@dataclass
class LegalSearchPage:
    query: str
    result: object
    units: list
    facets: list = field(default_factory=list)
    page: int = 1
    # Documents whose requisites match the query (page 1 only), listed above the units.
    documents: list = field(default_factory=list)
    # True when `documents` only have titles similar to a query that matched nothing.
    similar_titles: bool = False
    # The query with its typos corrected, when the typed one found nothing and this did.
    corrected_query: str = ""
    # What the typed query itself found (units and documents): the query log's count.
    typed_count: int = 0
    # True when the units come from the partial match («найдено по части слов»);
    # `full_total` units had every word of the query.
    partial: bool = False
    full_total: int = 0
    # The meaningful words of the query, as the partial match weighed them.
    words: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.result.total and not self.documents

    @property
    def has_next(self):
        return self.page * PER_PAGE < self.result.total and self.page < MAX_PAGE

    @property
    def pages(self):
        return min((self.result.total + PER_PAGE - 1) // PER_PAGE, MAX_PAGE)


def units_in_order(pks) -> list:
    units = StructuralUnit.objects.filter(pk__in=pks).select_related("document", "document__region")
    by_pk = {unit.pk: unit for unit in units}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _render(query: LegalQuery) -> LegalSearchPage:
    found = retrieve(query)
    units = units_in_order(found.result.pks)
    highlights = {hit.pk: hit.highlight for hit in found.result.hits}
    for unit in units:
        unit.highlight = highlights.get(unit.pk, "")
    return LegalSearchPage(
        query=query.text,
        result=found.result,
        units=units,
        facets=labelled_facets(found.result.facets, query.chosen),
        page=query.page,
        documents=found.documents,
        similar_titles=found.similar_titles,
        corrected_query=found.corrected_query,
        typed_count=found.typed_count,
        partial=found.partial,
        full_total=found.full_total,
        words=query.plan.words,
    )


def search_legal_base(query, params, user, per_page=PER_PAGE, log=True) -> LegalSearchPage:
    """The search page for `query` and the query string `params`; page 1 of every query goes
    to the query log with what the typed query itself found (a corrected query's results do
    not count, a partial match's do)."""
    parsed = parse(query, params, user, per_page)
    seconds = cache_seconds()
    if seconds:
        page = cache.get_or_set(parsed.cache_key(), lambda: _render(parsed), seconds)
    else:
        page = _render(parsed)
    if log and page.page == 1:
        SearchLog.record(
            parsed.text, SearchLog.Source.SEARCH, page.typed_count, user, service=SERVICE
        )
    return page
