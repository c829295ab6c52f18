"""Every write to the search indexes, and the searches themselves with their fallback.

Indexing is asked for by signals (`search.signals`, reading each kind's `reindex_on` in the
content-kind registry) and by the ground floor and features through `community.searching`
(answered by `search.backend.SearchBackend`), which only enqueue `search.tasks` after the
transaction commits; the tasks call `index_object`, which reads the object again through its
model's `public()` and writes or removes its document in every engine. So publishing, editing,
hiding and deleting all take the same path, and the index never holds what the public may not
see for longer than the task takes to run.
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import replace
from functools import partial

from django.db import transaction

from community import page_scopes
from search.engines import (
    SearchUnavailable,
    current_engine,
    database_engine,
    elasticsearch_enabled,
    indexing_engines,
)
from search.engines.base import MATCH_ALL, MATCH_ANY, Results, SearchRequest
from search.highlight import WORD_RE
from search.kinds import entries, kind_of_model, searched, searched_kind
from search.models import SEARCH_SCOPE

logger = logging.getLogger(__name__)

REBUILD_BATCH = 500
# Shorter than this (in letters, spaces between words included), a title says too little to
# look for similar content.
SIMILAR_MIN_LENGTH = 4


# --- Searching ------------------------------------------------------------------------------


def search(request: SearchRequest) -> Results:
    """Results from the engine in use; from the database when Elasticsearch does not answer,
    which is logged, so that the page always answers."""
    engine = current_engine()
    try:
        return engine.search(request)
    except SearchUnavailable as error:
        logger.warning(
            "Search engine %s is unreachable, answering from the database: %s", engine.name, error
        )
        results = database_engine().search(request)
        results.fallback = True
        return results


def find(request: SearchRequest) -> tuple[Results, bool]:
    """Results that have every word; when none has, those that have some of them, ranked by
    how many and how telling. The second value says whether the search was loosened."""
    results = search(request)
    if results.total == 0 and request.match == MATCH_ALL and len(request.terms) > 1:
        loose = search(replace(request, match=MATCH_ANY))
        if loose.total:
            return loose, True
    return results, False


def similar_to(queryset, text: str, *, limit: int = 5) -> list:
    """Up to `limit` objects of `queryset` that say what `text` says, best first, for
    suggestions while someone types a title; none when nothing comes close enough
    (`search.similarity`). Elasticsearch finds the candidates when it is configured, the
    database otherwise (and when Elasticsearch does not answer); both score them the same way.
    Only public objects of a searched kind are returned."""
    words = WORD_RE.findall(text or "")
    words = [word for word in words if len(word) > 1]
    if len(" ".join(words)) < SIMILAR_MIN_LENGTH or kind_of_model(queryset.model) is None:
        return []
    found = None
    if elasticsearch_enabled():
        engine = current_engine()
        try:
            found = engine.similar(queryset, text, limit=limit)
        except SearchUnavailable as error:
            logger.warning(
                "Search engine %s is unreachable, suggesting from the database: %s",
                engine.name,
                error,
            )
    if found is None:
        found = database_engine().similar(queryset, text, limit=limit)
    return [obj for obj in found if getattr(obj, "is_public", True)]


# --- Indexing -------------------------------------------------------------------------------


def index_object(kind_name: str, object_id: int) -> bool:
    """Write the object's document in every engine if the public may see it, remove it
    otherwise (as when its kind is no longer searched). Returns whether it is indexed now.

    The database's index is written first: when Elasticsearch fails, the error is raised (the
    task shows as failed in the admin) but searches that fall back still see the change.
    """
    kind = searched_kind(kind_name)
    obj = kind.search.indexable().filter(pk=object_id).first() if kind is not None else None
    batch = entries(kind, [obj]) if obj is not None else []
    for engine in indexing_engines():
        if batch:
            engine.index(batch)
        else:
            engine.remove(kind_name, [object_id])
    # The index may be outside the database: the search pages are told here, not by a model.
    page_scopes.forget(SEARCH_SCOPE)
    return bool(batch)


_deferred = threading.local()


def index_later(kind_name: str, object_id: int) -> None:
    """Enqueue the indexing of one object once the current transaction commits."""
    # search.tasks imports this module to index; the task is looked up when enqueued.
    from search.tasks import index_content

    pending = getattr(_deferred, "pending", None)
    if pending is not None:
        pending.add((kind_name, int(object_id)))
        return
    transaction.on_commit(partial(index_content.enqueue, kind_name, int(object_id)))


@contextmanager
def indexing_once():
    """Within the block, each object is indexed once however many of its rows change (bulk
    work such as erasing an account deletes thousands of answers of a few questions)."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = set()
    try:
        yield
        pending = _deferred.pending
    finally:
        _deferred.pending = None
    for kind_name, object_id in sorted(pending):
        index_later(kind_name, object_id)


def batches(kind_names=None, *, size: int = REBUILD_BATCH):
    """Entries of every indexable object, a batch at a time, in key order (memory stays flat
    whatever the size of the community)."""
    kinds = searched() if kind_names is None else [searched_kind(name) for name in kind_names]
    for kind in kinds:
        last = 0
        while True:
            chunk = list(kind.search.indexable().filter(pk__gt=last).order_by("pk")[:size])
            if not chunk:
                break
            last = chunk[-1].pk
            yield entries(kind, chunk)


def indexable_count(kind_names=None) -> int:
    kinds = searched() if kind_names is None else [searched_kind(name) for name in kind_names]
    return sum(kind.search.indexable().count() for kind in kinds)


def rebuild(engine, *, progress=None) -> int:
    """Build `engine`'s index again from the database; searches keep answering meanwhile."""
    indexed = engine.rebuild(batches(), total=indexable_count(), progress=progress)
    page_scopes.forget(SEARCH_SCOPE)
    return indexed


def status() -> dict:
    """What the admin shows: the engine in use and, for each engine, how it is doing."""
    engines = indexing_engines()
    return {
        "engine": current_engine().name,
        "engines": [engine.status() for engine in engines],
        "indexable": {kind.key: kind.search.indexable().count() for kind in searched()},
    }
