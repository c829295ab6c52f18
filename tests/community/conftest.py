"""Fixtures the community app's tests share (the page cache's visitor and member tests)."""

import pytest
from django.core.cache import cache

from tests.factories import MemberFactory, product_page


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
