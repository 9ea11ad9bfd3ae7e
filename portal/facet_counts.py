"""Facet counts of a filtered list in one statement: one grouped query per facet, sent as a
UNION ALL.

A faceted list counts each facet's values under every *other* chosen filter: choosing one
region must not hide how many practices the other regions have. Each facet therefore comes with
its own rows (the list's filters without the facet's own) and the expression the rows are
grouped by; `count_facets()` groups each and sends them together, so the counts of a page cost
one round trip however many facets, values or rows there are. The list's FilterSet decides
which rows belong to a facet; this module only counts.
"""

from dataclasses import dataclass

from django.db.models import CharField, Count, Lookup, Value
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Cast, Collate
from django.db.models.query import QuerySet


class AnyOf(Lookup):
    """`column = ANY(array)`: rows among ids read earlier (the matches of a text), as one
    parameter that PostgreSQL hashes, whatever the number of ids; usable as a filter
    (`queryset.filter(AnyOf(F("pk"), ids))`)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, self.rhs)


@dataclass(frozen=True)
class Facet:
    """`rows` grouped by `key`: how many `counted` values (distinct ones with `distinct`) each
    key has. A multi-valued facet (a many-to-many relation) groups the rows of its through table;
    a yes/no facet filters its rows and groups them by a constant."""

    name: str
    rows: QuerySet
    key: str | BaseExpression
    counted: str = "pk"
    distinct: bool = False


def _grouped(facet: Facet):
    # Keys of every facet share one column of the union: all of them as text, compared
    # bytewise («C»), which groups and sorts several times faster than a language collation.
    key = Collate(Cast(facet.key, CharField()), "C")
    return (
        facet.rows.order_by()
        .annotate(facet_name=Value(facet.name, output_field=CharField()), facet_key=key)
        .values("facet_name", "facet_key")
        .annotate(facet_total=Count(facet.counted, distinct=facet.distinct))
        .values_list("facet_name", "facet_key", "facet_total")
    )


def count_facets(facets: list[Facet]) -> dict[str, dict[str, int]]:
    """{facet name: {key as text: count}}; keys without rows are absent. One query."""
    counts: dict[str, dict[str, int]] = {facet.name: {} for facet in facets}
    if not facets:
        return counts
    first, *rest = [_grouped(facet) for facet in facets]
    statement = first.union(*rest, all=True) if rest else first
    for name, key, total in statement:
        if key is not None:
            counts[name][key] = total
    return counts
