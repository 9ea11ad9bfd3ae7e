"""A real Elasticsearch client whose requests never leave the test: recorded and answered.

No search server runs in tests. The fake sits under the client, at the transport, so the
library's own code (elasticsearch-dsl documents, `helpers.bulk`, `scan`, index creation, alias
updates) runs as in production and the tests see the requests it would send. It keeps indexes,
aliases and the synonyms set well enough for rebuilds, syncs and the consistency check; a write
to a name that is neither an index nor an alias creates an index of that name, as the real
server does. Set `down = True` to answer every request with a connection error.
"""

import json
from urllib.parse import parse_qs

import pytest
from elastic_transport import ApiResponseMeta, ConnectionError, HttpHeaders, NodeConfig
from elasticsearch import Elasticsearch
from elasticsearch_dsl import connections

NODE = NodeConfig("http", "es.test", 9200)
SHARDS = {"total": 1, "successful": 1, "skipped": 0, "failed": 0}


class FakeElasticsearch:
    def __init__(self):
        self.client = Elasticsearch("http://es.test:9200", max_retries=0)
        self.client.transport.perform_request = self._perform
        self.requests = []  # (method, path, body)
        self.indexes = {}  # physical name → {id: source}
        self.created = {}  # physical name → the body it was created with
        self.aliases = {}  # alias → set of physical names
        self.synonym_sets = {}  # id → rules
        self.hits = []  # [(id, score)]: the answer to every search that is not a scroll
        self.down = False

    def searches(self):
        """The body of every search request sent so far, with the index it went to."""
        return [
            {"index": path.strip("/").split("/")[0], **body}
            for _, path, body in self.requests
            if path.endswith("/_search")
        ]

    def bulk_actions(self):
        """Every bulk action sent so far, as (operation, index, id, source or None)."""
        actions = []
        for _, path, body in self.requests:
            if path == "/_bulk":
                actions += [(op, meta["_index"], meta["_id"], source) for op, meta, source in body]
        return actions

    def documents(self, name):
        """{id: source} of the index `name` or of the one index behind the alias `name`."""
        (physical,) = self._resolve(name)
        return self.indexes[physical]

    def _resolve(self, name):
        return sorted(self.aliases[name]) if name in self.aliases else [name]

    def _perform(self, method, target, *, body=None, **kwargs):
        path, _, query = target.partition("?")
        if path == "/_bulk":
            body = _pairs([json.loads(line) for line in body])
        self.requests.append((method, path, body))
        if self.down:
            raise ConnectionError("Connection refused (fake cluster is down)")
        status, answer = self._answer(method, path, body, parse_qs(query))
        headers = HttpHeaders({"x-elastic-product": "Elasticsearch"})
        return ApiResponseMeta(status, "1.1", headers, 0.0, NODE), answer

    def _answer(self, method, path, body, query):
        parts = path.strip("/").split("/")
        if path == "/_bulk":
            return 200, {"took": 1, "errors": False, "items": [self._apply(*a) for a in body]}
        if path == "/_search/scroll":
            if method == "DELETE":
                return 200, {"succeeded": True, "num_freed": 1}
            empty = {"total": {"value": 0}, "hits": []}
            return 200, {"_scroll_id": "s1", "_shards": SHARDS, "hits": empty}
        if path.endswith("/_search"):
            return 200, self._search(parts[0], "scroll" in query)
        if parts[0] == "_synonyms":
            self.synonym_sets[parts[1]] = body["synonyms_set"]
            return 200, {"result": "updated"}
        if parts[0] == "_aliases":
            return self._update_aliases(body["actions"])
        if parts[0] == "_alias":
            found = {i: {"aliases": {parts[1]: {}}} for i in self.aliases.get(parts[1], ())}
            return (200, found) if found else (404, {"error": "alias missing", "status": 404})
        if len(parts) == 2:  # /<index>/_settings, /<index>/_refresh
            return 200, {"acknowledged": True}
        return self._index_request(method, parts[0], body)

    def _search(self, name, scroll):
        if scroll:  # a scan: every id of the index, in one page
            ids = [i for physical in self._resolve(name) for i in self.indexes.get(physical, {})]
            hits = [{"_id": i, "_score": None} for i in ids]
        else:
            hits = [{"_id": str(pk), "_score": score} for pk, score in self.hits]
        answer = {
            "took": 1,
            "_shards": SHARDS,
            "hits": {"total": {"value": len(hits)}, "hits": hits},
        }
        return {"_scroll_id": "s1", **answer} if scroll else answer

    def _index_request(self, method, name, body):
        exists = name in self.indexes or name in self.aliases
        if method == "HEAD":
            return (200 if exists else 404), None
        if method == "PUT":
            self.indexes[name] = {}
            self.created[name] = body
        elif method == "DELETE":
            if name not in self.indexes:
                return 404, {"error": "no such index", "status": 404}
            self.indexes.pop(name)
            for members in self.aliases.values():
                members.discard(name)
        return 200, {"acknowledged": True}

    def _update_aliases(self, actions):
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.aliases.setdefault(spec["alias"], set()).add(spec["index"])
            elif kind == "remove":
                self.aliases.get(spec["alias"], set()).discard(spec["index"])
            elif kind == "remove_index":
                self.indexes.pop(spec["index"], None)
        return 200, {"acknowledged": True}

    def _apply(self, operation, meta, source):
        (physical,) = self._resolve(meta["_index"])
        documents = self.indexes.setdefault(physical, {})
        key = str(meta["_id"])
        found = key in documents
        if operation == "delete":
            documents.pop(key, None)
            status = 200 if found else 404
        elif operation == "create" and found:
            status = 409
        else:
            documents[key] = source
            status = 200 if found else 201
        return {operation: {"_index": physical, "_id": key, "status": status}}


def _pairs(lines):
    """(operation, metadata, source) from the ndjson lines of a bulk request."""
    actions, lines = [], iter(lines)
    for line in lines:
        ((operation, meta),) = line.items()
        source = None if operation == "delete" else next(lines)
        actions.append((operation, meta, source))
    return actions


@pytest.fixture
def fake_es(settings):
    """Elasticsearch «configured» for the test, answered by a `FakeElasticsearch`.

    The sync task checks once per worker process that an index has its alias; here every
    registered index counts as checked, so a test sees only the writes it caused.
    """
    from portal.search import es_indexing, tasks

    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    fake = FakeElasticsearch()
    connections.add_connection("default", fake.client)
    ensured = set(tasks._ensured)
    tasks._ensured.update(es_indexing.rebuildable())
    yield fake
    tasks._ensured.clear()
    tasks._ensured.update(ensured)
    connections.remove_connection("default")
