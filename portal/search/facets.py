"""Facet counts for the PostgreSQL backend, in as few scans of the matched rows as possible."""

from django.db import connections
from django.db.models import Count, F

from portal.search.types import FacetValue, SearchIndex, SearchRequest

MAX_FACET_VALUES = 30


def apply_filters(queryset, index: SearchIndex, filters: dict, skip: str = ""):
    for key, values in filters.items():
        if key == skip or key not in index.facets or not values:
            continue
        condition = {f"{index.facets[key]}__in": values}
        if key in index.multi_valued:
            matching = queryset.model._base_manager.filter(**condition).values("pk")
            queryset = queryset.filter(pk__in=matching)
        else:
            queryset = queryset.filter(**condition)
    return queryset


def _grouped(queryset, index: SearchIndex, keys: list[str]) -> tuple[dict, int]:
    """Counts of several facets and the total in one scan, with GROUPING SETS."""
    if not keys:
        return {}, queryset.count()
    aliases = {f"facet_{i}": index.facets[key] for i, key in enumerate(keys)}
    inner = queryset.annotate(**{alias: F(path) for alias, path in aliases.items()})
    sql, params = inner.values(*aliases).order_by().query.sql_with_params()
    columns = list(aliases)
    grouping = ", ".join(f"GROUPING({column})" for column in columns)
    sets = ", ".join(f"({column})" for column in columns)
    statement = (
        f"SELECT {', '.join(columns)}, {grouping}, COUNT(*) FROM ({sql}) AS matched "
        f"GROUP BY GROUPING SETS ({sets}, ())"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    counts, total = {key: [] for key in keys}, 0
    width = len(columns)
    for row in rows:
        values, flags, count = row[:width], row[width : 2 * width], row[-1]
        if all(flags):
            total = count
            continue
        position = flags.index(0)
        if values[position] is not None:
            counts[keys[position]].append((values[position], count))
    return counts, total


def _single(queryset, index: SearchIndex, request: SearchRequest, key: str) -> list:
    """One facet counted under the other facets' filters (a chosen or many-valued facet)."""
    path = index.facets[key]
    rows = (
        apply_filters(queryset, index, request.filters, skip=key)
        .exclude(**{f"{path}__isnull": True})
        .values(path)
        # No DISTINCT: a row joins each value of a many-to-many path once, and each value
        # is its own group, so plain counts are exact and spare a sort.
        .annotate(n=Count("pk"))
        .order_by("-n", path)[:MAX_FACET_VALUES]
    )
    return [(row[path], row["n"]) for row in rows]


def facet_counts(queryset, index: SearchIndex, request: SearchRequest) -> tuple[dict, int]:
    """Facet counts and the total of `queryset` filtered by `request.filters`.

    Each facet is counted under the other facets' filters only, so the user can widen a choice
    they made. Facets nobody filtered by share one GROUPING SETS scan, which also yields the
    total; a chosen or many-to-many facet costs one query of its own.
    """
    shared = [k for k in index.facets if k not in request.filters and k not in index.multi_valued]
    filtered = apply_filters(queryset, index, request.filters)
    counts, total = _grouped(filtered, index, shared)
    facets = {}
    for key in index.facets:
        pairs = counts[key] if key in shared else _single(queryset, index, request, key)
        pairs = sorted(pairs, key=lambda pair: (-pair[1], str(pair[0])))[:MAX_FACET_VALUES]
        selected = {str(v) for v in request.filters.get(key, [])}
        facets[key] = [FacetValue(value, n, str(value) in selected) for value, n in pairs]
    return facets, total
