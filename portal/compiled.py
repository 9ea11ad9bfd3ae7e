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
another SQL text for every length of the list. With `texts=N` the query also takes N texts (a
search's wordings for a snippet), given to `build` as placeholders after the value.
"""

from collections.abc import Callable, Sequence
from functools import cached_property

from django.db import connections
from django.db.models import Field, Lookup

# An id no row has: marks the parameters the caller's value replaces.
PLACEHOLDER = -7_654_321


def _text_placeholder(number: int) -> str:
    """A text no caller passes: marks the parameters the caller's `number`th text replaces."""
    return f"\x1ecompiled-text-{number}\x1e"


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
    def __init__(self, build: Callable, fields: Sequence[str], *, many: bool = False,
                 texts: int = 0):  # fmt: skip
        self.build = build
        self.fields = tuple(fields)
        self.placeholder = [PLACEHOLDER] if many else PLACEHOLDER
        self.texts = tuple(_text_placeholder(number) for number in range(texts))

    @cached_property
    def compiled(self) -> tuple[str, str, tuple, dict[int, int]]:
        """(database, SQL, parameters, {parameter position: 0 for the value, n for text n})."""
        queryset = self.build(self.placeholder, *self.texts).values_list(*self.fields)
        sql, params = queryset.query.sql_with_params()
        marks = [self.placeholder, *self.texts]
        slots = {
            index: marks.index(param)
            for index, param in enumerate(params)
            if isinstance(param, list | int | str) and param in marks
        }
        if not set(slots.values()) >= set(range(len(marks))):
            raise ValueError("the queryset does not use every placeholder value")
        return queryset.db, sql, tuple(params), slots

    def __call__(self, value, *texts) -> list[dict]:
        if len(texts) != len(self.texts):
            raise TypeError(f"{len(self.texts)} texts expected, {len(texts)} given")
        database, sql, params, slots = self.compiled
        given = [list(value) if isinstance(self.placeholder, list) else value, *texts]
        params = list(params)
        for slot, mark in slots.items():
            params[slot] = given[mark]
        with connections[database].cursor() as cursor:
            cursor.execute(sql, params)
            return [dict(zip(self.fields, row, strict=True)) for row in cursor.fetchall()]
