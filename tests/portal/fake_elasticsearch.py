"""A real Elasticsearch client whose requests never leave the test: recorded and answered.

No search server runs in tests. The fake sits under the client, at the transport, so the
library's own code (elasticsearch-dsl documents, `helpers.bulk`, index creation) runs as in
production and the tests see the requests it would send.
"""

import json

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import Elasticsearch
from elasticsearch_dsl import connections

NODE = NodeConfig("http", "es.test", 9200)


class FakeElasticsearch:
    def __init__(self):
        self.client = Elasticsearch("http://es.test:9200")
        self.client.transport.perform_request = self._perform
        self.requests = []  # (method, path, body)
        self.indexes = {}  # name → {id: source}
        self.hits = []  # [(id, score)]: the answer to every search

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

    def _perform(self, method, target, *, body=None, **kwargs):
        path = target.split("?")[0]
        if path == "/_bulk":
            body = _pairs([json.loads(line) for line in body])
        self.requests.append((method, path, body))
        status, answer = self._answer(method, path, body)
        headers = HttpHeaders({"x-elastic-product": "Elasticsearch"})
        return ApiResponseMeta(status, "1.1", headers, 0.0, NODE), answer

    def _answer(self, method, path, body):
        if path.endswith("/_search"):
            hits = [{"_id": str(pk), "_score": score} for pk, score in self.hits]
            return 200, {"took": 1, "hits": {"total": {"value": len(hits)}, "hits": hits}}
        if path == "/_bulk":
            return 200, {"took": 1, "errors": False, "items": [self._apply(*a) for a in body]}
        name = path.strip("/")
        if method == "HEAD":
            return (200 if name in self.indexes else 404), None
        if method == "PUT":
            self.indexes[name] = {}
        elif method == "DELETE":
            self.indexes.pop(name, None)
        return 200, {"acknowledged": True}

    def _apply(self, operation, meta, source):
        documents = self.indexes.setdefault(meta["_index"], {})
        found = str(meta["_id"]) in documents
        if operation == "delete":
            documents.pop(str(meta["_id"]), None)
            status = 200 if found else 404
        else:
            documents[str(meta["_id"])] = source
            status = 200 if found else 201
        return {operation: {"_index": meta["_index"], "_id": str(meta["_id"]), "status": status}}


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
    """Elasticsearch «configured» for the test, answered by a `FakeElasticsearch`."""
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    fake = FakeElasticsearch()
    connections.add_connection("default", fake.client)
    yield fake
    connections.remove_connection("default")
