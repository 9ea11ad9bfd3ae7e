"""Every app's Elasticsearch document: its mapping, the Russian analysers and the synonym rules
built from the editable table. No server: the index bodies are what elasticsearch-dsl sends."""

import pytest

from academy.documents import CourseDocument
from dialog.documents import ProblemDocument
from legal_vector.documents import UnitDocument
from navigator.documents import MeasureDocument
from portal.models import SearchSynonym
from portal.search.es_analysis import push_synonyms, synonym_rules, synonyms_set_name
from portal.search.es_indexing import rebuildable
from practices.documents import PracticeDocument


@pytest.fixture
def no_synonyms(db):
    """Without the synonyms the migrations seed."""
    SearchSynonym.objects.all().delete()


DOCUMENTS = [UnitDocument, MeasureDocument, PracticeDocument, CourseDocument, ProblemDocument]

ANALYSIS = {
    "analyzer": {
        "portal_russian": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["yo_folding"],
            "filter": ["lowercase", "russian_stop", "russian_stemmer"],
        },
        "portal_russian_search": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["yo_folding"],
            "filter": ["lowercase", "portal_synonyms", "russian_stop", "russian_stemmer"],
        },
    },
    "filter": {
        "russian_stop": {"type": "stop", "stopwords": "_russian_"},
        "russian_stemmer": {"type": "stemmer", "language": "russian"},
        "portal_synonyms": {
            "type": "synonym_graph",
            "synonyms_set": "municipalitety-synonyms",
            "updateable": True,
            "lenient": True,
        },
    },
    "char_filter": {"yo_folding": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]}},
}
RUSSIAN_TEXT = {
    "type": "text",
    "analyzer": "portal_russian",
    "search_analyzer": "portal_russian_search",
    "fields": {"raw": {"type": "keyword", "ignore_above": 256}},
}
# The searched texts and the exact-valued facets of each document.
EXPECTED_FIELDS = {
    UnitDocument: (
        {"heading", "title", "text"},
        {"stable_key": "keyword", "kind": "keyword", "level": "keyword", "topic": "keyword",
         "status": "keyword", "region": "integer", "year": "integer", "document_id": "integer",
         "date": "date"},
    ),
    MeasureDocument: (
        {"title", "summary", "conditions", "description", "organiser", "spheres"},
        {"kind": "keyword", "level": "keyword", "closes_on": "date", "date": "date"},
    ),
    PracticeDocument: (
        {"title", "key_result", "story", "results", "municipality", "spheres"},
        {"started_year": "integer", "date": "date"},
    ),
    CourseDocument: (
        {"title", "summary"},
        {"level": "keyword", "format": "keyword", "audience": "keyword", "hours": "integer",
         "date": "date"},
    ),
    ProblemDocument: (
        {"title", "description", "details", "direction_name", "municipality"},
        {"direction": "keyword", "region": "keyword", "kind": "keyword", "status": "keyword",
         "level": "keyword", "date": "date"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.__name__)
def test_each_document_indexes_russian_texts_and_searches_them_with_synonyms(document):
    body = document._index.to_dict()
    assert body["settings"]["analysis"] == ANALYSIS
    assert body["settings"]["number_of_shards"] == 1
    properties = body["mappings"]["properties"]
    texts, exact = EXPECTED_FIELDS[document]
    assert {name for name, field in properties.items() if field["type"] == "text"} == texts
    for name in texts:
        assert properties[name] == RUSSIAN_TEXT, name
    assert {name: field["type"] for name, field in properties.items() if name not in texts} == (
        exact
    )


def test_every_document_is_registered_under_its_own_alias():
    aliases = {entry.document: alias for alias, entry in rebuildable().items()}
    assert set(aliases) == set(DOCUMENTS)
    assert sorted(aliases.values()) == [
        "municipalitety-academy-courses",
        "municipalitety-dialog-problems",
        "municipalitety-legal-units",
        "municipalitety-navigator-measures",
        "municipalitety-practices",
    ]


def test_synonym_rules_pair_each_term_with_each_expansion_both_ways(no_synonyms):
    SearchSynonym.objects.create(term="Дума", expansions="совет депутатов\nПредставительный орган")
    SearchSynonym.objects.create(term="НКО", expansions="некоммерческая организация")
    SearchSynonym.objects.create(term="старый", expansions="ветхий", is_active=False)

    assert [rule["synonyms"] for rule in synonym_rules()] == [
        "дума, совет депутатов",
        "дума, представительный орган",
        "нко, некоммерческая организация",
    ]


def test_synonym_rules_fold_yo_and_never_carry_rule_syntax(no_synonyms):
    SearchSynonym.objects.create(
        term="ЖКХ, => #", expansions="жилищно-коммунальное хозяйство\nёлки, палки\n=>\nжкх"
    )
    assert [rule["synonyms"] for rule in synonym_rules()] == [
        "жкх, жилищно-коммунальное хозяйство",
        "жкх, елки палки",
    ]


def test_pushing_synonyms_replaces_the_set_with_the_table(no_synonyms, fake_es):
    SearchSynonym.objects.create(term="ОМСУ", expansions="органы местного самоуправления")

    assert push_synonyms(fake_es.client) == 1

    method, path, body = fake_es.requests[-1]
    assert (method, path) == ("PUT", f"/_synonyms/{synonyms_set_name()}")
    assert body == {
        "synonyms_set": [{"id": "r1", "synonyms": "омсу, органы местного самоуправления"}]
    }
