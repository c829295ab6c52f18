"""Where the time of a page rendered for one person goes: cProfile in the process (issue 33).

    .venv/bin/python bench/profile_pages.py                      # seeds community_bench_small
    .venv/bin/python bench/profile_pages.py --reuse              # keeps the seeded database
    .venv/bin/python bench/profile_pages.py --reuse --requests 50 --profile-out var/profiles
    .venv/bin/python bench/profile_pages.py --reuse --redis redis://127.0.0.1:6379/5

The pages of bench/pages.py are requested with Django's test client in this process, with the
production settings on PostgreSQL (`bench/pages.py`'s environment, database and seeding, the
cache in the process's memory, or on Redis with `--redis` as in production, where the page
cache is on): the question with 200 answers as its author (who also wrote
some of its answers) and as a member who answered it, both rendered for them on every request,
and the question and the questions list as a visitor with the page cache off (the render every
visitor pays once after a change). For each: the mean time of a request over `--requests`
requests after a warm-up, the queries (their time and the size of their SQL) and the size of
the page; then the same requests under cProfile, reported per request:

- named costs, each the inclusive time of one entry point (what it calls included, so they
  overlap: SQL built inside a template is in both), with its calls per request: building SQL
  (`SQLCompiler.as_sql`, the column names it quotes, the expressions it compares), running it
  (the cursor: driver and PostgreSQL), making model instances, rendering templates, the
  template tags' arguments, reversing URLs (`django.urls.reverse`), constructing and rendering
  forms;
- own time by package (exclusive: they add up to the request);
- the top functions by cumulative time (without those that wrap the whole request: the test
  client, the handler, the middleware) and by own time.

cProfile slows Python calls down (1.4 to 2 times here), so the profiled milliseconds are
larger than the plain ones: read them as shares of the request.
"""

import argparse
import cProfile
import logging
import os
import pstats
import sys
import sysconfig
import time
from pathlib import Path

from pages import (
    ROOT,
    database_for,
    django_environment,
    participant_cookies,
    pick_pages,
    recreate_database,
    set_up_database,
)

TOP = 15
# Functions whose cumulative time is above this share of the request wrap all of it.
WRAPPING = 0.9
# The pages profiled: (label, page of bench/pages.py, who asks).
TARGETS = [
    ("question, 200 answers: the asker", "question, 200 answers", "asker"),
    ("question, 200 answers: an answerer", "question, 200 answers", "answerer"),
    ("question, 200 answers: a visitor, uncached", "question, 200 answers", "visitor"),
    ("questions list: a visitor, uncached", "questions list", "visitor"),
]


def named_costs():
    """The entry points whose inclusive time is reported, by the code objects cProfile keys its
    figures with (file, first line, name)."""
    from django.db.backends.utils import CursorWrapper
    from django.db.models.base import Model
    from django.db.models.expressions import Expression
    from django.db.models.sql.compiler import SQLCompiler
    from django.forms.forms import BaseForm
    from django.forms.widgets import Widget
    from django.template.base import Template
    from django.template.library import TagHelperNode
    from django.urls import base as urls

    return [
        ("building SQL (SQLCompiler.as_sql)", SQLCompiler.as_sql),
        ("  quoting names (quote_name_unless_alias)", SQLCompiler.quote_name_unless_alias),
        ("comparing expressions (Expression.identity)", Expression.identity.func),
        ("running SQL (cursor.execute: driver, PostgreSQL)", CursorWrapper.execute),
        ("model instances (Model.from_db)", Model.from_db),
        ("rendering templates (Template.render)", Template.render),
        ("  template tags' arguments", TagHelperNode.get_resolved_arguments),
        ("reversing URLs (django.urls.reverse)", urls.reverse),
        ("constructing forms (BaseForm.__init__)", BaseForm.__init__),
        ("rendering form widgets (Widget.render)", Widget.render),
    ]


# Own time by where the code lives, matched in this order on the file's path.
PACKAGES = [
    ("django.db.models.sql (building SQL)", "/django/db/models/sql/"),
    ("django.db (rest: models, backends)", "/django/db/"),
    ("django.template", "/django/template/"),
    ("django.urls", "/django/urls/"),
    ("django.forms", "/django/forms/"),
    ("django.utils (escaping, translation, safestring…)", "/django/utils/"),
    ("django (rest)", "/django/"),
    ("psycopg (the driver)", "/psycopg"),
    ("wagtail", "/wagtail/"),
    ("other installed packages", "site-packages"),
    ("the site's code", str(ROOT)),
    ("Python's built-in functions", "~"),
    ("Python's standard library", sysconfig.get_paths()["stdlib"]),
]


def key_of(function):
    code = function.__code__
    return (code.co_filename, code.co_firstlineno, code.co_name)


def report(stats, requests):
    """Prints the profile of `requests` requests, per request."""
    entries = stats.stats
    total = sum(own for _calls, _primitive, own, _cumulative, _callers in entries.values())
    per_request = 1000 / requests
    print(f"    profiled: {total * per_request:.1f} ms a request")
    print("    named costs (inclusive, overlapping):")
    for label, function in named_costs():
        primitive, calls, _own, cumulative, _callers = entries.get(
            key_of(function), (0,) * 4 + ({},)
        )
        print(
            f"      {label:<52} {cumulative * per_request:>7.1f} ms "
            f"{100 * cumulative / total:>5.1f} %  {calls / requests:>7.0f} calls"
        )
    print("    own time by package (exclusive, adds up to the request):")
    by_package = {}
    for (filename, _line, _name), (_p, _c, own, _cumulative, _callers) in entries.items():
        label = next((name for name, part in PACKAGES if part in filename), "elsewhere")
        by_package[label] = by_package.get(label, 0) + own
    for label, own in sorted(by_package.items(), key=lambda item: -item[1]):
        print(f"      {label:<52} {own * per_request:>7.1f} ms {100 * own / total:>5.1f} %")
    # The test client, the handler and the middleware each hold the whole request: leave them
    # out of the cumulative ranking, where they would fill it.
    wrapping = [key for key, entry in entries.items() if entry[3] > WRAPPING * total]
    for order, title in (("cumulative", "cumulative"), ("tottime", "own time")):
        shown_entries = (
            {key: entry for key, entry in entries.items() if key not in wrapping}
            if order == "cumulative"
            else entries
        )
        note = (
            f", without the {len(wrapping)} wrapping the request" if order == "cumulative" else ""
        )
        print(f"    top {TOP} by {title} (ms a request, calls a request{note}):")
        rows = sorted(
            shown_entries.items(), key=lambda item: -item[1][3 if order == "cumulative" else 2]
        )
        for (filename, line, name), (_p, calls, own, cumulative, _callers) in rows[:TOP]:
            shown = cumulative if order == "cumulative" else own
            where = _short(filename)
            print(
                f"      {shown * per_request:>7.1f} ms {calls / requests:>7.0f}  "
                f"{name} ({where}:{line})"
            )


def _short(filename):
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def profile(options):
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    pages = pick_pages()
    cookies = participant_cookies()
    if options.profile_out:
        Path(options.profile_out).mkdir(parents=True, exist_ok=True)
    for label, page, role in TARGETS:
        url = pages[page]
        client = Client(HTTP_COOKIE=cookies[role]) if role in cookies else Client()
        uncached = override_settings(PAGE_CACHE_SECONDS=0)
        if role == "visitor":
            uncached.enable()
        try:
            for _ in range(options.warm_up):
                response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"{label}: {url} answered {response.status_code}")
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            # Now: the next request's start empties the log the queries are read from.
            query_count = len(queries)
            sql_ms = [1000 * float(query["time"]) for query in queries.captured_queries]
            sql_kb = sum(len(query["sql"]) for query in queries.captured_queries) / 1024
            started = time.perf_counter()
            for _ in range(options.requests):
                client.get(url)
            mean_ms = 1000 * (time.perf_counter() - started) / options.requests
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(options.requests):
                client.get(url)
            profiler.disable()
        finally:
            if role == "visitor":
                uncached.disable()
        print(f"\n== {label}: {url}")
        print(
            f"    {mean_ms:.1f} ms a request (mean of {options.requests}, after "
            f"{options.warm_up} to warm up), {query_count} queries ({sum(sql_ms):.1f} ms in "
            f"the database and the driver, the longest {max(sql_ms, default=0):.1f} ms; "
            f"{sql_kb:.0f} KB of SQL), "
            f"{len(response.content) / 1024:.0f} KB, page cache: "
            f"{response.get('X-Page-Cache', '') or 'not used'}"
        )
        stats = pstats.Stats(profiler)
        report(stats, options.requests)
        if options.profile_out:
            name = label.replace(", ", "-").replace(": ", "-").replace(" ", "-")
            stats.dump_stats(Path(options.profile_out) / f"{name}.prof")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="small")
    parser.add_argument("--database-prefix", default="community_bench_")
    parser.add_argument("--reuse", action="store_true", help="Keep the seeded database.")
    parser.add_argument("--requests", type=int, default=30, help="Requests timed per page.")
    parser.add_argument("--warm-up", type=int, default=3)
    parser.add_argument("--profile-out", help="Write each page's profile (.prof) there.")
    parser.add_argument(
        "--redis",
        default="",
        help="REDIS_URL for the cache (and the page cache), as in production.",
    )
    options = parser.parse_args()
    database = database_for(options.scale, options.database_prefix)
    if not options.reuse:
        recreate_database(database)
    os.environ.update(django_environment(database, options.redis))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # The site's line per request (community.requests) would bury the report.
    logging.getLogger("community.requests").setLevel(logging.WARNING)
    set_up_database(options.scale, options.reuse)
    profile(options)


if __name__ == "__main__":
    main()
