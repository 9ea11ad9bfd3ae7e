"""The legal search page's logic: filters from the query string, boosts, facets with labels,
documents matched by their requisites, and what to show when the typed query finds nothing."""

import hashlib
from dataclasses import dataclass, field, replace

from django.core.cache import cache

from legal_vector.models import (
    DocumentKind,
    DocumentLevel,
    DocumentStatus,
    SearchLog,
    StructuralUnit,
    Topic,
)
from legal_vector.search import titles, vocabulary
from legal_vector.search.indexes import UNIT_INDEX
from portal.municipalities.models import Region
from portal.search import (
    SORT_DATE,
    SORT_RELEVANCE,
    Boost,
    SearchRequest,
    cache_seconds,
    search,
)

PER_PAGE = 20
MAX_PAGE = 50
IN_FORCE_BOOST = 1.6
OWN_REGION_BOOST = 1.3
FACET_TITLES = {
    "kind": "Вид документа",
    "level": "Уровень",
    "region": "Регион",
    "topic": "Тема",
    "status": "Статус",
    "year": "Год принятия",
}
CHOICES = {
    "kind": dict(DocumentKind.choices),
    "level": dict(DocumentLevel.choices),
    "status": dict(DocumentStatus.choices),
}
INTEGER_FACETS = {"region", "year"}


def read_filters(params) -> dict[str, list]:
    """Facet values from the query string; unknown or malformed values are ignored."""
    filters = {}
    for key in FACET_TITLES:
        values = [v for v in params.getlist(key) if v][:20]
        if key in CHOICES:
            values = [v for v in values if v in CHOICES[key]]
        elif key in INTEGER_FACETS:
            values = [int(v) for v in values if v.isdigit() and len(v) < 10]
        if values:
            filters[key] = values
    return filters


def widened(filters) -> dict[str, list]:
    """`filters` with each chosen topic standing for its sub-topics too."""
    if "topic" not in filters:
        return filters
    return {**filters, "topic": Topic.with_descendants(filters["topic"])}


def read_page(params) -> int:
    page = params.get("page", "1")
    return min(int(page), MAX_PAGE) if page.isdigit() and int(page) > 0 else 1


def boosts_for(user) -> list[Boost]:
    boosts = [Boost("status", DocumentStatus.IN_FORCE, IN_FORCE_BOOST)]
    municipality = getattr(user, "municipality", None) if user.is_authenticated else None
    if municipality is not None:
        boosts.append(Boost("region", municipality.region_id, OWN_REGION_BOOST))
    return boosts


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

    @property
    def is_empty(self):
        return not self.result.total and not self.documents

    @property
    def has_next(self):
        return self.page * PER_PAGE < self.result.total and self.page < MAX_PAGE

    @property
    def pages(self):
        return min((self.result.total + PER_PAGE - 1) // PER_PAGE, MAX_PAGE)


def _facet_labels(facets) -> dict:
    """Display names for facet values: two small queries at most (regions, topics)."""
    regions = [v.value for v in facets.get("region", [])]
    topics = [v.value for v in facets.get("topic", [])]
    labels = {key: dict(choices) for key, choices in CHOICES.items()}
    labels["region"] = dict(Region.objects.filter(pk__in=regions).values_list("pk", "name"))
    labels["topic"] = dict(Topic.objects.filter(slug__in=topics).values_list("slug", "name"))
    return labels


def labelled_facets(facets, chosen) -> list[dict]:
    """Facet groups for the page; `chosen` are the values the user ticked (a ticked topic
    filters by its sub-topics too, but they stay unticked)."""
    labels = _facet_labels(facets)
    groups = []
    for key, title in FACET_TITLES.items():
        values = facets.get(key, [])
        if key == "year":
            values = sorted(values, key=lambda v: -int(v.value))
        options = [
            {
                "value": v.value,
                "count": v.count,
                "selected": str(v.value) in {str(c) for c in chosen.get(key, [])},
                "label": labels.get(key, {}).get(v.value, v.value),
            }
            for v in values
        ]
        if options:
            groups.append({"key": key, "title": title, "options": options})
    return groups


def units_in_order(pks) -> list:
    units = StructuralUnit.objects.filter(pk__in=pks).select_related("document", "document__region")
    by_pk = {unit.pk: unit for unit in units}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def _run(request, chosen) -> LegalSearchPage:
    """The units of `request` and, on page 1, the documents whose requisites match it."""
    result = search(UNIT_INDEX, request)
    units = units_in_order(result.pks)
    highlights = {hit.pk: hit.highlight for hit in result.hits}
    for unit in units:
        unit.highlight = highlights.get(unit.pk, "")
    documents = titles.titled(request.text) if request.page == 1 else []
    facets = labelled_facets(result.facets, chosen)
    return LegalSearchPage(request.text, result, units, facets, request.page, documents)


def _with_corrected_words(found, request, chosen):
    """The results of the query with its typos corrected; None if that finds nothing either."""
    text = vocabulary.corrected(request.text)
    if not text:
        return None
    retry = _run(replace(request, text=text), chosen)
    if retry.is_empty:
        return None
    retry.corrected_query = retry.query
    retry.query = found.query  # the page still answers what was typed
    return retry


def _with_similar_titles(found, request):
    """A mistyped title: documents with similar titles, said to be only similar."""
    if request.filters or request.page > 1:
        return found  # the text matched, the filters left nothing: no title is «similar»
    found.documents = titles.similar_titles(request.text)
    found.similar_titles = bool(found.documents)
    return found


def search_legal_base(query, params, user, per_page=PER_PAGE, log=True) -> LegalSearchPage:
    """Run the search page's request; page 1 of every query goes to the query log with what
    the typed query itself found (a corrected query's results do not count).

    The whole page of results is cached like the units' hits (`SEARCH_CACHE_SECONDS`), so a
    repeated query reads neither the units nor the documents again.
    """
    chosen = read_filters(params)
    request = SearchRequest(
        text=query,
        filters=widened(chosen),
        sort=SORT_DATE if params.get("sort") == SORT_DATE else SORT_RELEVANCE,
        page=read_page(params),
        per_page=per_page,
        boosts=boosts_for(user),
    )
    seconds = cache_seconds()
    if seconds:
        found = cache.get_or_set(_page_key(request), lambda: _page(request, chosen), seconds)
    else:
        found = _page(request, chosen)
    if log and found.page == 1:
        SearchLog.record(request.text, SearchLog.Source.SEARCH, found.typed_count, user)
    return found


def _page(request, chosen) -> LegalSearchPage:
    found = _run(request, chosen)
    typed_count = found.result.total + len(found.documents)
    if found.is_empty:
        found = _with_corrected_words(found, request, chosen) or _with_similar_titles(
            found, request
        )
    found.typed_count = typed_count
    return found


def _page_key(request) -> str:
    filters = sorted((key, sorted(map(str, values))) for key, values in request.filters.items())
    boosts = [(boost.field, str(boost.value), boost.factor) for boost in request.boosts]
    parts = (request.text, filters, request.sort, request.page, request.per_page, boosts)
    return f"legal:search-page:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
