"""The search engines behind one interface (`base.SearchEngine`): the database, always there,
and Elasticsearch when `ELASTICSEARCH_URL` is set."""

from django.conf import settings

from search.engines.base import SearchEngine, SearchUnavailable
from search.engines.database import DatabaseEngine


def elasticsearch_enabled() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


def current_engine() -> SearchEngine:
    """The engine that answers searches: Elasticsearch when configured, else the database."""
    if elasticsearch_enabled():
        # It imports the Elasticsearch client (0.4 s), needed only when it is configured.
        from search.engines.elastic import ElasticsearchEngine

        return ElasticsearchEngine()
    return DatabaseEngine()


def indexing_engines() -> list[SearchEngine]:
    """Every engine that keeps an index: the database always (it answers when Elasticsearch
    cannot), Elasticsearch too when configured."""
    engines = [DatabaseEngine()]
    if elasticsearch_enabled():
        engines.append(current_engine())
    return engines


__all__ = [
    "DatabaseEngine",
    "SearchEngine",
    "SearchUnavailable",
    "current_engine",
    "database_engine",
    "elasticsearch_enabled",
    "indexing_engines",
]
