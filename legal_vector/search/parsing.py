"""Parse: the legal search page's query string as one `LegalQuery` (text, its word plan,
facet filters, sort, page and the user's boosts), the key of the page's one cache."""

from dataclasses import dataclass, field

from legal_vector.models import DocumentKind, DocumentLevel, DocumentStatus, Topic
from portal.caching import digest
from portal.search import (
    SORT_DATE,
    SORT_RELEVANCE,
    Boost,
    PhrasedRequest,
    QueryPlan,
    normalize_query,
    plan_words,
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
# A part or point is read under its article's heading: «срок полномочий старосты» (ч. 3)
# is about the «Староста сельского населенного пункта» of its article.
CONTEXT_VECTOR = "parent__search_vector"


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
class LegalQuery:
    """What the page was asked: `chosen` are the ticked facet values, `filters` the same with
    sub-topics added (what the search filters by)."""

    text: str
    plan: QueryPlan
    chosen: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE
    boosts: list = field(default_factory=list)

    def request(self, **changes) -> PhrasedRequest:
        values = dict(
            text=self.text,
            filters=self.filters,
            sort=self.sort,
            page=self.page,
            per_page=self.per_page,
            boosts=self.boosts,
            plan=self.plan,
            context_vector=CONTEXT_VECTOR,
        )
        return PhrasedRequest(**{**values, **changes})

    def cache_key(self) -> str:
        filters = sorted((key, sorted(map(str, values))) for key, values in self.chosen.items())
        boosts = [(boost.field, str(boost.value), boost.factor) for boost in self.boosts]
        parts = (self.text, filters, self.sort, self.page, self.per_page, boosts)
        return f"legal:search-page:{digest(repr(parts))}"


def parse(query, params, user, per_page=PER_PAGE) -> LegalQuery:
    text = normalize_query(query)
    chosen = read_filters(params)
    return LegalQuery(
        text=text,
        plan=plan_words(text),
        chosen=chosen,
        filters=widened(chosen),
        sort=SORT_DATE if params.get("sort") == SORT_DATE else SORT_RELEVANCE,
        page=read_page(params),
        per_page=per_page,
        boosts=boosts_for(user),
    )
