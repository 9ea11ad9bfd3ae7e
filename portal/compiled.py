"""Querysets compiled to SQL once per process, for the hottest reads of one user's rows.

Django builds a queryset's SQL anew on every run: ~0.3 ms a query, plus ~0.2 ms turning the
rows into Python, often more than PostgreSQL takes to answer. A page that reads the same query
for each visitor, only with their id in it, can skip that: `CompiledRows(build, fields)` compiles
`build(PLACEHOLDER).values_list(*fields)` the first time it is asked and then runs that SQL with
the visitor's value in the placeholder's place. Rows come back as dicts keyed by `fields`, with
the values the database driver gives (for the column types used here — numbers, text, dates,
aware datetimes in UTC, UUIDs — the same values Django's own read gives).

Only for querysets without converters of their own (no JSON or custom fields), filtered by the
value with plain lookups (`user_id=value`), so the placeholder appears among the parameters
as it is. With `many=True` the value is a list of ids, bound as one array parameter through the
`any` lookup this module registers (`pk__any=ids` is `pk = ANY(%s)`): `pk__in` would make
another SQL text for every length of the list.
"""

from collections.abc import Callable, Sequence
from functools import cached_property

from django.db import connections
from django.db.models import Field, Lookup

# An id no row has: marks the parameters the caller's value replaces.
PLACEHOLDER = -7_654_321


@Field.register_lookup
class Any(Lookup):
    """`field = ANY(%s)`: one array parameter, whatever the number of values."""

    lookup_name = "any"
    prepare_rhs = False  # a list of values, not one value of the field

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


class CompiledRows:
    def __init__(self, build: Callable, fields: Sequence[str], *, many: bool = False):
        self.build = build
        self.fields = tuple(fields)
        self.placeholder = [PLACEHOLDER] if many else PLACEHOLDER

    @cached_property
    def compiled(self) -> tuple[str, str, tuple, list[int]]:
        queryset = self.build(self.placeholder).values_list(*self.fields)
        sql, params = queryset.query.sql_with_params()
        slots = [index for index, param in enumerate(params) if param == self.placeholder]
        if not slots:
            raise ValueError("the queryset does not filter by the placeholder value")
        return queryset.db, sql, tuple(params), slots

    def __call__(self, value) -> list[dict]:
        database, sql, params, slots = self.compiled
        params = list(params)
        for slot in slots:
            params[slot] = list(value) if isinstance(self.placeholder, list) else value
        with connections[database].cursor() as cursor:
            cursor.execute(sql, params)
            return [dict(zip(self.fields, row, strict=True)) for row in cursor.fetchall()]
