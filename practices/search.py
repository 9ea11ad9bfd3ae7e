"""Text search over published practices, shared by the catalogue and the site-wide search."""

from django.db.models import TextField, Value
from django.db.models.functions import Concat

from portal.search import SearchIndex, build_search_query, headlines, normalize_query, text_filter
from practices.documents import PracticeDocument
from practices.models import Practice


def _published():
    return Practice.objects.published().select_related("municipality").prefetch_related("spheres")


# The catalogue and the site-wide search filter by text through `text_filter(PRACTICE_INDEX, …)`:
# PostgreSQL's stored vector, or Elasticsearch when it is configured.
PRACTICE_INDEX = SearchIndex(
    name="practices",
    model_queryset=_published,
    vector_field="search_vector",
    headline_field="problem",
    date_field="first_published_at",
    text_fields=("title^3", "key_result^2", "story", "results", "municipality", "spheres"),
    document=PracticeDocument,
)

# Snippets are cut from the story itself; the contacts never appear in them.
SNIPPET_SOURCE = Concat(
    "problem", Value(" "), "solution", Value(" "), "results", output_field=TextField()
)


def attach_snippets(practices, query):
    """Give each shown practice a `snippet` with the matched words in <mark>: one query."""
    snippets = headlines(Practice.objects.all(), [p.pk for p in practices], SNIPPET_SOURCE, query)
    for practice in practices:
        practice.snippet = snippets.get(practice.pk, "")
    return practices


def search_practices(text, limit):
    """The `limit` most relevant published practices for `text`, and how many matched."""
    query = build_search_query(normalize_query(text))
    if query is None:
        return [], 0
    matched = text_filter(PRACTICE_INDEX, Practice.objects.published(), text)
    page = list(matched.by_relevance().for_lists()[:limit])
    total = len(page) if len(page) < limit else matched.count()
    return attach_snippets(page, query), total
