"""Fixtures for the search tests: a catalogue of two products and a way to index content the
way production does (the test's transaction never commits, so on-commit work is run here)."""

import pytest

from search.engines import DatabaseEngine
from search.engines.base import SearchRequest
from search.services import rebuild
from tests.factories import product_page


@pytest.fixture
def products(site_pages):
    catalogue = site_pages.catalogue["en"]
    return {
        "aurora": product_page(catalogue, "Aurora espresso machine", tagline="Espresso at home"),
        "brume": product_page(catalogue, "Brume kettle", tagline="Boils water for tea"),
    }


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """`with on_commit(): ...` runs the callbacks enqueued on commit (the indexing tasks)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def reindex():
    """Build the database index from scratch, as `search_index --rebuild` does."""

    def run():
        return rebuild(DatabaseEngine())

    return run


@pytest.fixture
def db_search():
    """Search the database engine: `db_search("kettle", kind="review")`."""

    def run(text, language="en", **filters):
        return DatabaseEngine().search(SearchRequest(text=text, language=language, **filters))

    return run


def keys(results):
    return [(hit.kind, hit.object_id) for hit in results.hits]


@pytest.fixture
def elastic(settings, monkeypatch):
    """Elasticsearch "configured", answered by a fake client that records each request."""
    from search.engines import elastic as elastic_module
    from tests.search.fakes import FakeElasticsearch

    fake = FakeElasticsearch(alias_indices=["community-20260101000000000000"])
    settings.ELASTICSEARCH_URL = "http://search.internal:9200"
    settings.ELASTICSEARCH_INDEX = "community"
    monkeypatch.setattr(elastic_module, "client", lambda: fake)
    return fake


@pytest.fixture(autouse=True)
def _database_engine_unless_live(request, settings):
    """These tests choose their engine: the database, or the fake cluster of `elastic`. An
    ELASTICSEARCH_URL in the environment is for the live tests only."""
    if not request.module.__name__.endswith("test_live_elasticsearch"):
        settings.ELASTICSEARCH_URL = ""
