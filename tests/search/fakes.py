"""A stand-in for the Elasticsearch client that records every call and answers like a cluster.

Elasticsearch cannot run where the tests run; the engine's requests are checked as the JSON it
sends, and its reading of answers on bodies shaped like a real cluster's (tests/search/fixtures).
"""

import json
from pathlib import Path
from types import SimpleNamespace

import elasticsearch
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name):
    return json.loads((FIXTURES / name).read_text())


def _meta(status):
    return ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "localhost", 9200),
    )


def not_found(index="community"):
    return elasticsearch.NotFoundError(
        "index_not_found_exception",
        _meta(404),
        {"error": {"type": "index_not_found_exception", "index": index}, "status": 404},
    )


class FakeElasticsearch:
    """Records `(method, kwargs)` in `calls`; `down=True` makes every call fail to connect."""

    def __init__(self, *, search_response=None, alias_indices=None, down=False):
        self.calls = []
        self.down = down
        self.search_response = search_response or {
            "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
            "aggregations": {},
        }
        # The concrete indices the alias points to; None when the alias does not exist.
        self.alias_indices = alias_indices
        self.documents = 0
        self.indices = SimpleNamespace(
            create=self._record("indices.create", {"acknowledged": True}),
            refresh=self._record("indices.refresh", {}),
            delete=self._record("indices.delete", {"acknowledged": True}),
            update_aliases=self._record("indices.update_aliases", {"acknowledged": True}),
            exists_alias=self._exists_alias,
            exists=self._record("indices.exists", False),
            get_alias=self._get_alias,
        )
        self.cluster = SimpleNamespace(health=self._record("cluster.health", {"status": "green"}))

    def _check(self):
        if self.down:
            raise elasticsearch.ConnectionError("Connection refused")

    def _record(self, name, answer):
        def call(**kwargs):
            self._check()
            self.calls.append((name, kwargs))
            return answer

        return call

    def _exists_alias(self, **kwargs):
        self._check()
        self.calls.append(("indices.exists_alias", kwargs))
        return self.alias_indices is not None

    def _get_alias(self, **kwargs):
        self._check()
        self.calls.append(("indices.get_alias", kwargs))
        if self.alias_indices is None:
            raise not_found(kwargs.get("name", ""))
        return {name: {"aliases": {kwargs["name"]: {}}} for name in self.alias_indices}

    def search(self, **kwargs):
        self._check()
        self.calls.append(("search", kwargs))
        return self.search_response

    def bulk(self, **kwargs):
        self._check()
        self.calls.append(("bulk", kwargs))
        items = []
        for operation in kwargs["operations"]:
            action = next(iter(operation))
            if action in ("index", "delete") and "_id" in operation[action]:
                items.append({action: {"_id": operation[action]["_id"], "status": 200}})
        return {"errors": False, "took": 1, "items": items}

    def count(self, **kwargs):
        self._check()
        self.calls.append(("count", kwargs))
        if self.alias_indices is None:
            raise not_found(kwargs.get("index", ""))
        return {"count": self.documents}

    def named(self, name):
        return [kwargs for called, kwargs in self.calls if called == name]
