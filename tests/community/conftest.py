"""Fixtures the community app's tests share (the page cache's visitor and member tests)."""

import logging

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from tests.factories import MemberFactory, product_page

logger = logging.getLogger(__name__)


@pytest.fixture
def commits_as_in_production(monkeypatch):
    """On-commit callbacks run when the transaction the code opened ends, as they do in
    production, instead of never (the test's own transaction is rolled back, not committed).

    Outside any block of the code's own, a callback runs at once, as in autocommit; inside one,
    it waits for the outermost block of the code's to end, and is dropped if that block fails
    or the savepoint it was made in is rolled back (Django drops those). Tests of what happens
    after a commit (the page cache's generations) so run inside a rolled-back transaction,
    without the cost of emptying and refilling the database that `transaction=True` pays on
    every test.
    """

    def only_the_tests_blocks(connection):
        return all(block._from_testcase for block in connection.atomic_blocks)

    def run(func, robust):
        if not robust:
            func()
            return
        try:
            func()
        except Exception:
            logger.exception("Error calling %s in on_commit()", func)

    on_commit = BaseDatabaseWrapper.on_commit

    def on_commit_as_in_production(connection, func, robust=False):
        if connection.in_atomic_block and only_the_tests_blocks(connection):
            run(func, robust)
        else:
            on_commit(connection, func, robust)

    atomic_exit = transaction.Atomic.__exit__

    def atomic_exit_as_in_production(block, exc_type, exc_value, traceback):
        result = atomic_exit(block, exc_type, exc_value, traceback)
        connection = transaction.get_connection(block.using)
        if block._from_testcase or not only_the_tests_blocks(connection):
            return result
        callbacks, connection.run_on_commit = connection.run_on_commit, []
        if exc_type is None and not connection.needs_rollback:
            for _savepoints, func, robust in callbacks:
                run(func, robust)
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_as_in_production)
    monkeypatch.setattr(transaction.Atomic, "__exit__", atomic_exit_as_in_production)


@pytest.fixture
def page_cache_on(settings):
    """The page cache on (the test settings turn it off), on an empty cache."""
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Avery Author")


@pytest.fixture
def aurora(site_pages):
    return product_page(site_pages.catalogue["en"], "Aurora espresso", tagline="Espresso at home")
