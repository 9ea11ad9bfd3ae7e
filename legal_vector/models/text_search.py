"""Expressions for the search vectors the database keeps up to date (generated columns)."""

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower, Replace

SEARCH_CONFIG = "russian"


def folded(field_name):
    """Lower-cased text with ё folded to е, so queries match either spelling."""
    return Replace(Lower(field_name), Value("ё"), Value("е"), output_field=models.TextField())


def weighted_vector(*fields, weight):
    return SearchVector(*(folded(name) for name in fields), config=SEARCH_CONFIG, weight=weight)


def generated_search_vector(*weighted_parts):
    """A stored generated tsvector column from `(fields, weight)` pairs."""
    expression = None
    for fields, weight in weighted_parts:
        vector = weighted_vector(*fields, weight=weight)
        expression = vector if expression is None else expression + vector
    return models.GeneratedField(
        expression=expression, output_field=SearchVectorField(), db_persist=True, editable=False
    )
