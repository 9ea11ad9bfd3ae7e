"""The shape of one demo practice: a plain record the seed turns into a Practice."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPractice:
    slug: str
    title: str
    oktmo: str  # the municipality, from the reference data shipped by migration
    spheres: tuple[str, ...]
    year: int
    budget: int | None
    funding: str
    key_result: str
    problem: str
    solution: str
    results: str
    contact: tuple[str, str]  # name, position
    # Navigator demo measures by template key: federal ones by key, regional ones («r-…»)
    # only when the navigator demo has that measure in the practice's own region.
    measures: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # titles of legal_vector demo acts
