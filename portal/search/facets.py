"""Counting and ranking for the PostgreSQL backend: one bounded statement per set of rows.

Finding the rows that match is cheap (a GIN index); reading them back from the table to count,
group and rank them is what costs, and a broad query («бюджет») matches a large share of the
base. So each statement reads at most `MAX_COUNTED` + 1 matching rows, in the order the index
scan yields them, materialises them once and computes everything from that one pass: the
total, the facet counts and the ranked page (`evaluate`). Up to `MAX_COUNTED` matches the
answer is exact; beyond it the total is a lower bound (`Evaluation.capped`), the facet counts
are those of the rows read, and the page is ranked among them.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models import F, ForeignKey

from portal.search.types import FacetValue, SearchIndex

MAX_COUNTED = 10_000
MAX_FACET_VALUES = 30
# Enough for an exact bitmap of every unit of the legal base at scale 1 (see `read_bounded`).
BOUNDED_WORK_MEM = "32MB"


def _owner(model, path: str) -> tuple[str, object, str]:
    """Split a many-valued `path` after its leading foreign keys: (prefix, model there, rest).

    «document__topics__slug» → ("document", Document, "topics__slug"): filtering and counting
    then go through the small documents table instead of every row of `model`.
    """
    prefix, rest = [], path.split("__")
    while len(rest) > 1:
        field_ = model._meta.get_field(rest[0])
        if not isinstance(field_, ForeignKey):
            break
        prefix.append(rest.pop(0))
        model = field_.related_model
    return "__".join(prefix), model, "__".join(rest)


def apply_filters(queryset, index: SearchIndex, filters: dict, skip: str = ""):
    for key, values in filters.items():
        if key == skip or key not in index.facets or not values:
            continue
        path = index.facets[key]
        if key in index.multi_valued:
            # A subquery, not a join: a row with two chosen values must not come back twice.
            prefix, owner, rest = _owner(queryset.model, path)
            matching = owner._base_manager.filter(**{f"{rest}__in": values}).values("pk")
            queryset = queryset.filter(**{f"{prefix or 'pk'}__in": matching})
        else:
            queryset = queryset.filter(**{f"{path}__in": values})
    return queryset


def read_bounded(database: str, sql: str, params) -> tuple:
    """The one row of a statement over the first N matching rows (`LIMIT` without `ORDER BY`),
    read through the text index, never by scanning the table.

    With a limit, PostgreSQL may scan the table in the hope of meeting N rows early. It
    misjudges how many rows a query of several word forms matches (each form is counted apart,
    even when they share a stem), and a search whose words are in three units of a million then
    reads the million: a second instead of a millisecond. So `enable_seqscan` is off for this
    statement alone.

    `work_mem` is raised for it too (`BOUNDED_WORK_MEM`): the bitmap of two common words holds
    a sixth of a million units, and in the default 4 MB it turns lossy, so every row of half
    its pages is read and tested again (a 110 ms statement took 70 ms with the bitmap exact).

    Both are sent in one query string with it (one round trip; PostgreSQL runs such a string
    as one transaction, so `SET LOCAL` holds for it), and reset after it in case a transaction
    is open. A table without an index to use is still scanned. The statement needs Django's
    default client-side parameter binding (several statements in one string)."""
    with connections[database].cursor() as cursor:
        cursor.execute(
            f"SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '{BOUNDED_WORK_MEM}'; {sql}; "
            "RESET enable_seqscan; RESET work_mem",
            params,
        )
        cursor.nextset()
        cursor.nextset()
        return cursor.fetchone()


@dataclass
class Evaluation:
    total: int = 0
    capped: bool = False
    facets: dict[str, list[tuple]] = field(default_factory=dict)
    page: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class _Statement:
    """The parts of one statement: the candidates' columns and the expressions over them."""

    columns: dict = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)


def _count_facets(statement, queryset, index, keys):
    single = [key for key in keys if key not in index.multi_valued]
    for i, key in enumerate(single):
        statement.columns[f"_f{i}"] = F(index.facets[key])
    if single:
        aliases = [f"_f{i}" for i in range(len(single))]
        flags = ", ".join(f"GROUPING({alias}) AS _g{i}" for i, alias in enumerate(aliases))
        sets = ", ".join(f"({alias})" for alias in aliases)
        row = ", ".join([*aliases, *(f"_g{i}" for i in range(len(aliases))), "n"])
        statement.parts.append(
            f"(SELECT json_agg(json_build_array({row})) FROM (SELECT {', '.join(aliases)}, "
            f"{flags}, COUNT(*) AS n FROM counted GROUP BY GROUPING SETS ({sets})) AS grouped)"
        )
    multi = [key for key in keys if key in index.multi_valued]
    for i, key in enumerate(multi):
        prefix, owner, rest = _owner(queryset.model, index.facets[key])
        statement.columns[f"_m{i}"] = F(prefix or "pk")
        sql, params = _values_of(owner, rest).query.sql_with_params()
        statement.parts.append(
            "(SELECT json_agg(json_build_array(value, n)) FROM (SELECT owned._value AS value, "
            f"SUM(per_owner.n) AS n FROM (SELECT _m{i} AS key, COUNT(*) AS n FROM counted "
            f"GROUP BY _m{i}) AS per_owner JOIN ({sql}) AS owned ON owned._key = per_owner.key "
            "WHERE owned._value IS NOT NULL GROUP BY owned._value) AS totals)"
        )
        statement.params += params
    return single, multi


def _values_of(owner, path: str):
    """(_key, _value) rows: each row of `owner` with the values at `path`.

    A path through a many-to-many relation («topics__slug») is read from its link table
    («document_topics» joined to the topics), not from every row of `owner` joined to it:
    PostgreSQL then joins the counted owners to the links by a hash instead of merging the
    whole owner table with them."""
    relation, _, rest = path.partition("__")
    field_ = owner._meta.get_field(relation)
    if not field_.many_to_many or not rest or field_.auto_created:
        values = owner._base_manager.annotate(_key=F("pk"), _value=F(path))
    else:
        links = field_.remote_field.through._base_manager
        values = links.annotate(
            _key=F(field_.m2m_field_name()), _value=F(f"{field_.m2m_reverse_field_name()}__{rest}")
        )
    return values.values("_key", "_value").order_by()


def _rank_page(statement, score, date_field, window):
    statement.columns["_score"] = score
    order = "_score DESC, _pk"
    if date_field:
        statement.columns["_date"] = F(date_field)
        order = f"_date DESC NULLS LAST, {order}"
    statement.parts.append(
        f"(SELECT json_agg(json_build_array(_pk, _score) ORDER BY {order}) FROM "
        f"(SELECT * FROM counted ORDER BY {order} LIMIT %s OFFSET %s) AS page)"
    )
    statement.params += [window[1], window[0]]


def evaluate(queryset, index: SearchIndex, keys, score=None, date_field="", window=None):
    """Total, counts of the facets `keys` and, with a `score`, the page `window` = (offset,
    size) of `queryset` ordered by score (or by `date_field`, newest first): one statement."""
    statement = _Statement(columns={"_pk": F("pk")})
    single, multi = _count_facets(statement, queryset, index, keys)
    if score is not None:
        _rank_page(statement, score, date_field, window)
    candidates = queryset.annotate(**statement.columns).values(*statement.columns)
    # No ORDER BY: the limit then stops the scan after MAX_COUNTED + 1 rows.
    sql, params = candidates.order_by()[: MAX_COUNTED + 1].query.sql_with_params()
    parts = ", ".join(["(SELECT COUNT(*) FROM candidates)", *statement.parts])
    row = read_bounded(
        queryset.db,
        f"WITH candidates AS MATERIALIZED ({sql}), "
        f"counted AS NOT MATERIALIZED (SELECT * FROM candidates LIMIT {MAX_COUNTED:d}) "
        f"SELECT {parts}",
        [*params, *statement.params],
    )
    return _read(row, single, multi, score is not None)


def _loaded(value):
    # psycopg decodes json itself; json_agg over no rows is NULL.
    return value or []


def _read(row, single, multi, ranked) -> Evaluation:
    total, rest = row[0], list(row[1:])
    result = Evaluation(total=min(total, MAX_COUNTED), capped=total > MAX_COUNTED)
    if single:
        result.facets.update({key: [] for key in single})
        width = len(single)
        for item in _loaded(rest.pop(0)):
            values, flags, count = item[:width], item[width : 2 * width], item[-1]
            position = flags.index(0)
            if values[position] is not None:
                result.facets[single[position]].append((values[position], count))
    for key in multi:
        result.facets[key] = [(value, int(n)) for value, n in _loaded(rest.pop(0))]
    if ranked:
        result.page = [(pk, float(score or 0)) for pk, score in _loaded(rest.pop(0))]
    return result


def top_values(pairs, selected) -> list:
    """The most frequent `MAX_FACET_VALUES` (value, count) pairs, marked when selected."""
    chosen = {str(value) for value in selected}
    ordered = sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))[:MAX_FACET_VALUES]
    return [FacetValue(value, n, str(value) in chosen) for value, n in ordered]
