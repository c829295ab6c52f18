"""Real-browser tests; what decides whether they can run here is shared with the summary line
that tests/conftest.py prints when they were skipped."""

import importlib.util
import os
from pathlib import Path

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_skip_reason():
    """Why the browser tests cannot run here, or "" when they can."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        return "SKIP_BROWSER_TESTS=1 is set"
    if not Path(CHROMIUM_PATH).is_file():
        return f"{CHROMIUM_PATH} not found"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed"
    return ""
