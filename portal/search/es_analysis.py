"""How Elasticsearch indexes are named and how they read Russian (only with ELASTICSEARCH_URL).

Texts are indexed with `portal_russian`: ё→е folding (a mapping char filter, the same folding
PostgreSQL gets from `normalize_query` and the stored vectors), the standard tokenizer,
lower case, the Russian stop words and the Snowball Russian stemmer. Queries are read with
`portal_russian_search`: the same chain with the shared synonyms of
`portal.models.SearchSynonym` as a `synonym_graph` filter between lower case and the stop words.

The synonyms live in an Elasticsearch synonyms set (`synonyms_set_name()`), not in the index
settings: `push_synonyms()` replaces the set, and Elasticsearch reloads every search analyser
that reads it (`updateable`), so an editor's change applies to all indexes at once without
re-creating them. A rebuild pushes the set first, since an index cannot be created with a
filter that names a missing set. This needs Elasticsearch 8.10 or newer.
"""

import re

from django.conf import settings
from elasticsearch_dsl import Keyword, Text, analyzer, char_filter, token_filter

from portal.search.synonyms import invalidate_synonyms, synonym_table

DEFAULT_PREFIX = "municipalitety"

INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def index_prefix() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", None) or DEFAULT_PREFIX


def index_name(name: str) -> str:
    """The alias for a logical index `name`; the prefix separates sites sharing a cluster.

    Documents are read and written through this alias; the physical index behind it is
    `<alias>-<timestamp>`, swapped by `manage.py search_index --rebuild`.
    """
    return f"{index_prefix()}-{name}"


def synonyms_set_name() -> str:
    return f"{index_prefix()}-synonyms"


# Fixed when the analysers are defined: the set the indexes read is the set pushed.
SYNONYMS_SET = synonyms_set_name()


yo_folding = char_filter("yo_folding", type="mapping", mappings=["ё => е", "Ё => Е"])
russian_stop = token_filter("russian_stop", type="stop", stopwords="_russian_")
russian_stemmer = token_filter("russian_stemmer", type="stemmer", language="russian")
portal_synonyms = token_filter(
    "portal_synonyms",
    type="synonym_graph",
    synonyms_set=SYNONYMS_SET,
    # Search analysers only: the set is reloaded in place when an editor changes it.
    updateable=True,
    # A rule whose words are all stop words analyses to nothing: skip it, keep the rest.
    lenient=True,
)

RUSSIAN = analyzer(
    "portal_russian",
    tokenizer="standard",
    char_filter=[yo_folding],
    filter=["lowercase", russian_stop, russian_stemmer],
)
RUSSIAN_SEARCH = analyzer(
    "portal_russian_search",
    tokenizer="standard",
    char_filter=[yo_folding],
    # Synonyms before the stemmer: a rule is parsed by the filters before it, and the words it
    # adds are stemmed like the indexed text.
    filter=["lowercase", portal_synonyms, russian_stop, russian_stemmer],
)


def russian_text(**kwargs) -> Text:
    """A text field analysed as Russian (synonyms at search time), with an exact `raw`
    sub-field for sorting and aggregating."""
    return Text(
        analyzer=RUSSIAN,
        search_analyzer=RUSSIAN_SEARCH,
        fields={"raw": Keyword(ignore_above=256)},
        **kwargs,
    )


# Solr rule syntax uses `,`, `=>` and `#`; a term is reduced to words, spaces and hyphens so
# an editor's punctuation can never break the whole set (the API refuses a set with a bad rule).
_NOT_WORD = re.compile(r"[^\w\s-]+")


def _rule_words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text).split())


def synonym_rules() -> list[dict]:
    """The synonym table as rules of the synonyms set: «term, expansion», one per pair.

    Each pair is two-way, as `expand_query` reads it (the abbreviation finds the full wording
    and back); two expansions of one term are not made synonyms of each other.
    """
    rules, seen = [], set()
    for term, expansions in synonym_table():
        left = _rule_words(term)
        for expansion in expansions:
            right = _rule_words(expansion)
            if left and right and left != right and (left, right) not in seen:
                seen.add((left, right))
                rules.append({"id": f"r{len(rules) + 1}", "synonyms": f"{left}, {right}"})
    return rules


def push_synonyms(es) -> int:
    """Replace the synonyms set with the current table; Elasticsearch reloads the search
    analysers that read it. Returns the number of rules."""
    # From the database: a request may have cached the table again just before the commit.
    invalidate_synonyms()
    rules = synonym_rules()
    es.synonyms.put_synonym(id=SYNONYMS_SET, synonyms_set=rules)
    return len(rules)
