"""Elasticsearch, when `ELASTICSEARCH_URL` is set: the same search at the scale of a cluster.

Requests are built with elasticsearch-dsl (`search_body`, `similar_body`, the index definition
in `search.documents`) and sent by the official client; responses are read by `parse_results`.
Each function that builds or reads a body is separate from the sending, so tests check the JSON
without a cluster. The alias `ELASTICSEARCH_INDEX` always points at one complete index: a
rebuild fills a new `<alias>-<timestamp>` index and moves the alias in one atomic request.
"""

import logging
import re
import time

import elasticsearch
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from elasticsearch_dsl import Q, Search

from search import similarity
from search.documents import (
    BODY_FIELDS,
    TITLE_FIELDS,
    TITLE_WEIGHT,
    SearchEntry,
    index_definition,
)
from search.engines.base import (
    DATE_WINDOWS,
    FACETS,
    MATCH_ANY,
    Hit,
    Results,
    SearchEngine,
    SearchRequest,
    SearchUnavailable,
)
from search.highlight import CLOSE, OPEN, from_engine
from search.kinds import kind_of_model

logger = logging.getLogger(__name__)

# What a failure to reach or use the cluster looks like: the caller falls back to the database.
ERRORS = (elasticsearch.TransportError, elasticsearch.ApiError)
FACET_SIZES = {"kind": 10, "product": 100, "rating": 5, "status": 50}
FACET_FIELDS = {"kind": "kind", "product": "product", "rating": "rating", "status": "status"}
EXCERPT_CHARS = 240
# The documents a suggestion while typing scores (search.similarity), and the fields it reads:
# those of the English and the French analysers (search.documents), titles first.
SIMILAR_CANDIDATES = 30
SIMILAR_FIELDS = [f"title.en^{TITLE_WEIGHT}", f"title.fr^{TITLE_WEIGHT}", "body.en", "body.fr"]
# While a rebuild fills a new index, changes are written there too (the cache is shared by
# every app server and worker in production), so nothing written meanwhile is lost.
REBUILDING_KEY = "search:elasticsearch:rebuilding"

_clients = {}
CREDENTIALS_RE = re.compile(r"//[^/@\s]+@")


def _without_credentials(message: str) -> str:
    """An error message safe to show in the admin: no `user:password@` from the address."""
    return CREDENTIALS_RE.sub("//", message)[:300]


def client():
    """One client per process and address, with a short timeout and no retries: a page
    waits at most ELASTICSEARCH_TIMEOUT seconds before it answers from the database."""
    url = settings.ELASTICSEARCH_URL
    if url not in _clients:
        _clients[url] = elasticsearch.Elasticsearch(
            url,
            request_timeout=settings.ELASTICSEARCH_TIMEOUT,
            max_retries=0,
            retry_on_timeout=False,
        )
    return _clients[url]


def _text_fields():
    return [f"{name}^{TITLE_WEIGHT}" for name in TITLE_FIELDS] + BODY_FIELDS


def text_query(terms, match: str):
    """Each word may be in the title or the text, read as folded, English or French, with
    up to two typos (`fuzziness: AUTO`); every word is needed unless `match` is `any`."""
    per_term = [
        Q(
            "multi_match",
            query=term,
            fields=_text_fields(),
            type="best_fields",
            fuzziness="AUTO",
            prefix_length=1,
            max_expansions=20,
        )
        for term in terms
    ]
    if match == MATCH_ANY:
        return Q("bool", should=per_term, minimum_should_match=1)
    return Q("bool", must=per_term)


def _filter_clauses(filters: dict) -> list:
    clauses = []
    for name in ("kind", "product", "rating", "status"):
        if name in filters:
            clauses.append(Q("term", **{FACET_FIELDS[name]: filters[name]}))
    if "date" in filters:
        days = DATE_WINDOWS[filters["date"]].days
        clauses.append(Q("range", created_at={"gte": f"now-{days}d"}))
    return clauses


def _all(clauses):
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def search_body(request: SearchRequest) -> dict:
    """The request for a page of results with its facets.

    The query ranks (text relevance times the document's boost) and keeps the reader's
    language; the chosen filters go in `post_filter`, so that each facet's aggregation can
    apply every filter but its own, as the database engine does.
    """
    ranked = Q(
        "function_score",
        query=Q(
            "bool",
            must=[text_query(request.terms, request.match)],
            filter=[Q("terms", language=["", request.language])],
        ),
        functions=[{"field_value_factor": {"field": "boost", "missing": 1}}],
        boost_mode="multiply",
    )
    search = (
        Search()
        .query(ranked)
        .post_filter(_all(_filter_clauses(request.filters())))
        .source(["kind", "object_id", "title"])
        .highlight_options(
            pre_tags=[OPEN], post_tags=[CLOSE], encoder="default", require_field_match=False
        )
        .highlight(*TITLE_FIELDS, number_of_fragments=0)
        .highlight(
            *BODY_FIELDS,
            fragment_size=EXCERPT_CHARS,
            number_of_fragments=1,
            no_match_size=EXCERPT_CHARS,
        )
        .extra(track_total_hits=True, from_=request.offset, size=request.per_page)
    )
    for facet in FACETS:
        bucket = search.aggs.bucket(
            facet, "filter", filter=_all(_filter_clauses(request.filters(without=facet)))
        )
        if facet == "date":
            bucket.bucket(
                "values",
                "date_range",
                field="created_at",
                ranges=[
                    {"key": name, "from": f"now-{window.days}d"}
                    for name, window in DATE_WINDOWS.items()
                ],
            )
        else:
            bucket.bucket("values", "terms", field=FACET_FIELDS[facet], size=FACET_SIZES[facet])
    return search.to_dict()


def _best_fragment(highlight: dict, fields) -> str:
    """Of the same text read several ways, the fragment with the most matches."""
    fragments = [highlight[name][0] for name in fields if highlight.get(name)]
    return max(fragments, key=lambda fragment: fragment.count(OPEN), default="")


def parse_results(response: dict, *, engine: str = "elasticsearch") -> Results:
    hits = []
    for hit in response.get("hits", {}).get("hits", []):
        source = hit.get("_source", {})
        highlight = hit.get("highlight", {})
        title = _best_fragment(highlight, TITLE_FIELDS) or source.get("title", "")
        hits.append(
            Hit(
                kind=source["kind"],
                object_id=int(source["object_id"]),
                score=float(hit.get("_score") or 0),
                title=from_engine(title),
                excerpt=from_engine(_best_fragment(highlight, BODY_FIELDS)),
            )
        )
    total = response.get("hits", {}).get("total", 0)
    if isinstance(total, dict):
        total = total.get("value", 0)
    facets = {name: {} for name in FACETS}
    for name, aggregation in response.get("aggregations", {}).items():
        if name not in facets:
            continue
        for bucket in aggregation.get("values", {}).get("buckets", []):
            if bucket.get("doc_count"):
                facets[name][str(bucket["key"])] = bucket["doc_count"]
    return Results(total=int(total), hits=hits, facets=facets, engine=engine)


def similar_body(kind: str, terms, *, size: int) -> dict:
    """One request for the suggestions while a title is typed: the `size` best documents of
    `kind` that have any word of the title (each word read by the index's English and French
    analysers, with their stop words and stemmers, accents folded), with the title and the
    beginning of the text; and, in aggregations, how many documents of the kind have
    each word (`word-<n>`) and how many there are (`documents`), which weigh the words when
    `search.similarity` scores the candidates, as the database engine does."""
    per_word = [
        Q("multi_match", query=term.word, fields=SIMILAR_FIELDS, type="best_fields")
        for term in terms
    ]
    search = (
        Search()
        .query(Q("bool", filter=[Q("term", kind=kind)], should=per_word, minimum_should_match=1))
        .source(["object_id", "title"])
        # The beginning of the text, as the database engine reads it: a highlight that matches
        # nothing hands back `no_match_size` characters from the start.
        .highlight(
            "body",
            number_of_fragments=1,
            no_match_size=similarity.BODY_CHARS,
            highlight_query=Q("match_none").to_dict(),
        )
        .extra(size=size, track_total_hits=False)
    )
    for number, query in enumerate(per_word):
        search.aggs.bucket(f"word-{number}", "filter", filter=query)
    search.aggs.bucket("documents", "global").bucket("kind", "filter", filter=Q("term", kind=kind))
    return search.to_dict()


def parse_similar(response: dict, terms: int) -> tuple[list, list[int], int]:
    """The candidates (object id, title, text) of a `similar_body` answer, the number of
    documents that have each of the `terms` words, and the number of documents of the kind."""
    candidates = []
    for hit in response.get("hits", {}).get("hits", []):
        source = hit.get("_source", {})
        beginning = (hit.get("highlight", {}).get("body") or [""])[0]
        candidates.append((int(source["object_id"]), source.get("title", ""), beginning))
    aggregations = response.get("aggregations", {})
    frequencies = [
        int(aggregations.get(f"word-{number}", {}).get("doc_count", 0)) for number in range(terms)
    ]
    total = int(aggregations.get("documents", {}).get("kind", {}).get("doc_count", 0))
    return candidates, frequencies, total


def bulk_operations(entries, index: str) -> list:
    """The lines of a bulk request that writes `entries` into `index`."""
    operations = []
    for entry in entries:
        source = SearchEntry.from_entry(entry).to_dict(skip_empty=False)
        # As it goes on the wire: dates in ISO 8601.
        if source.get("created_at") is not None:
            source["created_at"] = source["created_at"].isoformat()
        operations.append({"index": {"_index": index, "_id": entry.key}})
        operations.append(source)
    return operations


def swap_actions(alias: str, new_index: str, old_indices, *, alias_is_index: bool) -> list:
    """One atomic request that points `alias` at `new_index` only."""
    if alias_is_index:
        actions = [{"remove_index": {"index": alias}}]
    else:
        actions = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indices)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


def new_index_name(alias: str, now=None) -> str:
    return f"{alias}-{(now or timezone.now()):%Y%m%d%H%M%S%f}"


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, es=None, alias=None):
        self._es = es
        self.alias = alias or settings.ELASTICSEARCH_INDEX

    @property
    def es(self):
        if self._es is None:
            self._es = client()
        return self._es

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except ERRORS as error:
            raise SearchUnavailable(_without_credentials(str(error))) from error

    def search(self, request: SearchRequest) -> Results:
        if not request.terms:
            return Results.empty(self.name)
        response = self._call(self.es.search, index=self.alias, body=search_body(request))
        return parse_results(dict(response), engine=self.name)

    def similar(self, queryset, text: str, *, limit: int) -> list:
        kind = kind_of_model(queryset.model)
        terms = similarity.terms_of(text)
        if kind is None or not terms:
            return []
        body = similar_body(kind.key, terms, size=SIMILAR_CANDIDATES)
        response = self._call(self.es.search, index=self.alias, body=body)
        candidates, frequencies, total = parse_similar(dict(response), len(terms))
        return similarity.closest(queryset, terms, frequencies, total, candidates, limit=limit)

    def _targets(self) -> list[str]:
        building = cache.get(REBUILDING_KEY)
        return [self.alias, building] if building else [self.alias]

    def index(self, entries) -> None:
        entries = list(entries)
        for target in self._targets():
            # Writes go through the alias only once a rebuild has made it: never into an index
            # that Elasticsearch would create on the fly without the analysers.
            self._bulk(bulk_operations(entries, target), require_alias=target == self.alias)

    def _bulk(self, operations, **options) -> None:
        if not operations:
            return
        response = self._call(self.es.bulk, operations=operations, **options)
        if response.get("errors"):
            failed = [
                item for item in response.get("items", []) if next(iter(item.values())).get("error")
            ]
            raise SearchUnavailable(f"{len(failed)} documents were refused: {failed[:3]}")

    def remove(self, kind: str, object_ids) -> None:
        operations = [
            {"delete": {"_index": target, "_id": f"{kind}-{pk}"}}
            for target in self._targets()
            for pk in object_ids
        ]
        if operations:
            # A document that was never indexed is already gone: "not found" is not an error.
            self._call(self.es.bulk, operations=operations)

    def rebuild(self, batches, *, total: int, progress=None) -> int:
        new_index = new_index_name(self.alias)
        definition = index_definition(new_index).to_dict()
        self._call(self.es.indices.create, index=new_index, **definition)
        cache.set(REBUILDING_KEY, new_index, timeout=24 * 3600)
        try:
            count = 0
            for batch in batches:
                self._bulk(bulk_operations(batch, new_index))
                count += len(batch)
                if progress is not None:
                    progress(len(batch))
            self._call(self.es.indices.refresh, index=new_index)
            self._swap(new_index)
        except BaseException:
            cache.delete(REBUILDING_KEY)
            self._call(self.es.indices.delete, index=new_index, ignore_unavailable=True)
            raise
        cache.delete(REBUILDING_KEY)
        return count

    def _swap(self, new_index: str) -> None:
        alias_is_index = False
        old_indices = []
        if self._call(self.es.indices.exists_alias, name=self.alias):
            old_indices = list(dict(self._call(self.es.indices.get_alias, name=self.alias)))
        elif self._call(self.es.indices.exists, index=self.alias):
            alias_is_index = True
        actions = swap_actions(self.alias, new_index, old_indices, alias_is_index=alias_is_index)
        self._call(self.es.indices.update_aliases, actions=actions)
        stale = [name for name in old_indices if name != new_index]
        if stale:
            self._call(self.es.indices.delete, index=",".join(stale))

    def status(self) -> dict:
        """Whether the cluster answers, and what the alias holds (None when it was never
        built: `manage.py search_index --rebuild` builds it)."""
        started = time.monotonic()
        report = {"engine": self.name, "index": self.alias, "reachable": False}
        try:
            health = dict(self.es.cluster.health())
        except ERRORS as error:
            return {**report, "error": _without_credentials(str(error))}
        report.update(
            reachable=True,
            cluster_status=health.get("status", ""),
            documents=None,
            indices=[],
            milliseconds=round((time.monotonic() - started) * 1000),
        )
        try:
            report["documents"] = int(dict(self.es.count(index=self.alias))["count"])
            report["indices"] = sorted(dict(self.es.indices.get_alias(name=self.alias)))
        except elasticsearch.NotFoundError:
            report["error"] = "missing"
        except ERRORS as error:
            report["error"] = _without_credentials(str(error))
        return report
