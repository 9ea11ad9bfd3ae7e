"""The legal search page's logic: filters from the query string, boosts, facets with labels."""

from dataclasses import dataclass, field

from legal_vector.models import (
    DocumentKind,
    DocumentLevel,
    DocumentStatus,
    SearchLog,
    StructuralUnit,
    Topic,
)
from legal_vector.search.indexes import UNIT_INDEX
from portal.municipalities.models import Region
from portal.search import SORT_DATE, SORT_RELEVANCE, Boost, SearchRequest, search

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


def labelled_facets(facets) -> list[dict]:
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
                "selected": v.selected,
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


def search_legal_base(query, params, user, per_page=PER_PAGE, log=True) -> LegalSearchPage:
    """Run the search page's request; page 1 of every query goes to the query log."""
    page = read_page(params)
    sort = SORT_DATE if params.get("sort") == SORT_DATE else SORT_RELEVANCE
    request = SearchRequest(
        text=query,
        filters=read_filters(params),
        sort=sort,
        page=page,
        per_page=per_page,
        boosts=boosts_for(user),
    )
    result = search(UNIT_INDEX, request)
    units = units_in_order(result.pks)
    highlights = {hit.pk: hit.highlight for hit in result.hits}
    for unit in units:
        unit.highlight = highlights.get(unit.pk, "")
    if log and page == 1:
        SearchLog.record(request.text, SearchLog.Source.SEARCH, result.total, user)
    return LegalSearchPage(request.text, result, units, labelled_facets(result.facets), page)
