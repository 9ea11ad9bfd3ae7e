"""Weighted search vectors kept by PostgreSQL itself, as generated columns."""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower, Replace

from portal.search.postgres import CONFIG


def folded(field_name):
    """Lower case with ё folded to е: queries are folded the same way (normalize_query)."""
    return Replace(Lower(field_name), Value("ё"), Value("е"), output_field=models.TextField())


def weighted_search_vector(parts, fold_yo=False):
    """A stored tsvector column over `parts`, `[((field, …), weight), …]` heaviest first.

    `fold_yo` lower-cases the text and folds ё before the `russian` dictionary reads it. The
    dictionary's stemmer folds ё in the words it stems as well, so both kinds of column match
    a query written with «е»; practices were built with the fold, measures without.
    """
    expression = None
    for fields, weight in parts:
        sources = map(folded, fields) if fold_yo else fields
        vector = SearchVector(*sources, config=CONFIG, weight=weight)
        expression = vector if expression is None else expression + vector
    return models.GeneratedField(
        expression=expression, output_field=SearchVectorField(), db_persist=True, editable=False
    )
