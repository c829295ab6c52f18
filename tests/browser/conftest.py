"""Real-browser tests: Playwright drives Debian's Chromium against a live server.

Every test under tests/browser is marked `browser`. They are skipped, with a plain reason and a
line in the summary, when Chromium is missing (set CHROMIUM_PATH to use another binary) or when
SKIP_BROWSER_TESTS=1 is set.
"""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, browser_skip_reason

BROWSER_DIR = Path(__file__).parent


def _in_browser_dir(item):
    return BROWSER_DIR in item.path.parents


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    reason = browser_skip_reason()
    browser_items = [item for item in items if _in_browser_dir(item)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="package")
def browser():
    """Chromium, launched once for the browser tests and closed right after them.

    Playwright's sync API keeps an asyncio loop running in the test thread until it stops, so
    it is not left running under the rest of the suite.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # With that loop running, Django refuses ORM calls unless told it is deliberate, and keeps
    # its connections per async context instead of per thread: the tests would get new ones,
    # without the data pytest-django serialised for `serialized_rollback`. So they are handed
    # the thread's own connections.
    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture
def page(browser, live_server, site_pages, settings):
    """A fresh browser tab on the live server, which serves the site's page tree, and is the
    address the site gives out (links in e-mails, feeds, shares).

    The live server sees only committed data, so browser tests use a transactional database with
    `serialized_rollback`: Wagtail's root page and locales and the role groups, which migrations
    create, are then back before each test.
    """
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
