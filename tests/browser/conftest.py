"""Real-browser tests: Playwright drives Debian's Chromium against a live server.

Every test under tests/browser is marked `browser`. They are skipped, with a plain reason and a
line in the summary, when Chromium is missing (set CHROMIUM_PATH to use another binary) or when
SKIP_BROWSER_TESTS=1 is set.
"""

import importlib.util
import os
from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).parent
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

skip_reason_key = pytest.StashKey[str]()
browser_nodeids_key = pytest.StashKey[set]()


def _skip_reason():
    """Why the browser tests cannot run here, or "" when they can."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        return "SKIP_BROWSER_TESTS=1 is set"
    if not Path(CHROMIUM_PATH).is_file():
        return f"{CHROMIUM_PATH} not found"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed"
    return ""


def _in_browser_dir(item):
    return BROWSER_DIR in item.path.parents


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    config.stash[skip_reason_key] = reason
    browser_items = [item for item in items if _in_browser_dir(item)]
    config.stash[browser_nodeids_key] = {item.nodeid for item in browser_items}
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    reason = config.stash.get(skip_reason_key, "")
    browser_nodeids = config.stash.get(browser_nodeids_key, set())
    skipped = terminalreporter.stats.get("skipped", [])
    if reason and any(report.nodeid in browser_nodeids for report in skipped):
        terminalreporter.write_line(f"Browser tests were skipped: {reason}", yellow=True, bold=True)


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
def page(browser, live_server, site_pages):
    """A fresh browser tab on the live server, which serves the site's page tree.

    The live server sees only committed data, so browser tests use a transactional database with
    `serialized_rollback`: Wagtail's root page and locales and the role groups, which migrations
    create, are then back before each test.
    """
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
