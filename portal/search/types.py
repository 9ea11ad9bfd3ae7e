"""What a search asks for and what it returns, whatever the backend."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"


@dataclass(frozen=True)
class Boost:
    """Multiply the score of hits whose `field` equals `value` by `factor`.

    `field` is a facet key of the index (its ORM path in PostgreSQL, its name in Elasticsearch)
    or, failing that, an ORM path / document field used as is.
    """

    field: str
    value: object
    factor: float


@dataclass
class SearchRequest:
    text: str
    filters: dict[str, list] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = 20
    boosts: list[Boost] = field(default_factory=list)


@dataclass
class Hit:
    pk: int
    score: float = 0.0
    highlight: SafeString | str = ""


@dataclass
class FacetValue:
    value: object
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # True when nothing matched exactly and the hits come from the typo-tolerant fallback.
    fuzzy: bool = False
    # True when more rows matched than the backend counted: `total` is then «more than».
    total_is_lower_bound: bool = False

    @property
    def pks(self) -> list[int]:
        return [hit.pk for hit in self.hits]


@dataclass(frozen=True)
class SearchIndex:
    """What an app indexes, declared once and read by both backends.

    - `name`: logical index name; Elasticsearch prefixes it (see `elastic.index_name`).
    - `model_queryset`: a callable returning the base QuerySet of searchable rows (PostgreSQL).
    - `vector_field`: the stored `SearchVectorField` with a GIN index on that QuerySet's model.
    - `headline_field`: the text shown as a snippet (`ts_headline` / ES highlight).
    - `trigram_field`: a short text field (title) with a trigram index, for typo fallback.
    - `date_field`: what «sort by date» orders by (newest first).
    - `facets`: facet key → ORM path; the ES document stores the same key as a keyword field.
    - `text_fields`: ES fields for `multi_match`, with their boosts (`"heading^3"`).
    - `document`: the elasticsearch-dsl `Document` class of the app's `documents.py`.
    - `id_vectors`: optionally, a callable returning a QuerySet of a narrow table that holds
      only the ids (`id_field`) and a copy of the vector (`vector_field`): `matching_ids()`
      reads it instead of the wide rows, when a text matches a large share of them.
    - `postings`: the index has search postings (`portal.search.postings`); its app's migration
      adds the state row and the triggers that keep them honest.
    """

    name: str
    model_queryset: object
    vector_field: str = "search_vector"
    headline_field: str = "text"
    trigram_field: str = ""
    date_field: str = ""
    facets: dict[str, str] = field(default_factory=dict)
    # Facets whose path crosses a many-to-many relation: filtered through a subquery so a row
    # with two chosen values is not returned twice.
    multi_valued: tuple[str, ...] = ()
    text_fields: tuple[str, ...] = ()
    document: object = None
    id_vectors: object = None
    id_field: str = "pk"
    # Keep the rows of each word and facet value as compressed sets (`postings`): a search of
    # common words then reads no GIN bitmap, and its facets are counted exactly.
    postings: bool = False
