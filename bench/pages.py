"""Benchmark of the pages people read most, served the way production serves them.

    .venv/bin/python bench/pages.py                       # small and large, side by side
    .venv/bin/python bench/pages.py --scales small        # one scale only
    .venv/bin/python bench/pages.py --reuse               # keep the seeded databases
    .venv/bin/python bench/pages.py --redis redis://127.0.0.1:6379/5
    .venv/bin/python bench/pages.py --scales small --duration 20 \
        --pages "question, 200 answers" "questions list" --roles visitor member asker answerer

For each scale, a PostgreSQL database (`community_bench_<scale>` on BENCH_POSTGRES, by default
postgres://postgres@127.0.0.1:5432) is dropped, created, migrated and seeded with
`manage.py seed_demo --scale <scale>` (timed). Then, for each page (home, a popular product, the
ideas list, a popular idea, the roadmap, a question with 200 answers, the questions list, a
search), as a visitor served by the page cache, as a visitor the cache cannot serve (any
session cookie bypasses it) and as the signed-in demo member; and, on the question with 200
answers and the questions list, as the question's author (who also wrote some of its answers:
the bench gives them some when the seeded data has none) and as one who answered it, whose
pages are rendered for them on every request:

- SQL queries per request, counted in-process with Django's test client (for "visitor,
  uncached", with the page cache off: what a render costs); a visitor's request must write
  nothing to the database and set no session cookie (checked, shown as "writes");
- requests per second and p50/p95/p99 latency from wrk (8 connections on the loopback for
  30 s by default, after a warm-up) against gunicorn started with `gunicorn.conf.py`, two sync
  workers (WEB_CONCURRENCY=2) and the production settings, with persistent database
  connections (CONN_MAX_AGE);
- application CPU per request: the CPU seconds the gunicorn workers spent during wrk's run
  (from /proc, recycled workers included), divided by the requests wrk made; and how many
  workers `max_requests` recycled during the run.

It then measures votes per second with 50 concurrent voters on one idea (each of 1,000 members
votes once through the site's own vote address) and checks the idea's count afterwards, and the
export of the whole backlog in each format (time and peak memory, as bench/export_ideas.py
does); a run narrowed with `--pages` or `--roles` measures the pages only. The last table sets
the scales side by side with their ratio (large / small).

Needs wrk (`apt-get install wrk`) and gunicorn (in the lock files).
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RESULTS = ROOT / "var" / "bench"
PORT = 8765
VOTERS = 1_000
VOTE_CONCURRENCY = 50
PAGES = [
    "home",
    "popular product",
    "ideas list",
    "popular idea",
    "roadmap",
    "question, 200 answers",
    "questions list",
    "search",
]
SEARCH_WORDS = "descale manual"
# Who reads: a visitor as production serves them (the page cache answers when it holds the
# page), a visitor the page cache cannot answer (any session cookie bypasses it, as a stale
# one does in real life), the signed-in demo member (served the copy members with no stake
# share), and the asker and an answerer of the question with 200 answers (rendered for them).
ROLES = ("visitor", "visitor, uncached", "member", "asker", "answerer")
# The people taking part in the question with 200 answers are measured where their stake
# shows: on that question and on the questions list.
PARTICIPANTS = ("asker", "answerer")
PARTICIPANT_PAGES = ("question, 200 answers", "questions list")
# Answers of the busiest question given to its author when the seeded data has none (the
# seeder never lets askers answer their own question): one in twenty, never the first, so that
# the question's first-answer date stays another member's.
ASKER_ANSWER_STEP = 20
UNCACHED_COOKIE = "sessionid=none"
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
# A key only the benchmark's own server uses (production refuses to start without one).
BENCH_SECRET_KEY = "benchmark-only-" + "k" * 60
# Every role is measured against the same server: two sync workers, one per core.
WORKERS = 2
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def measured(page, role):
    """Whether `role` is measured on `page`: participants only where their stake shows."""
    return role not in PARTICIPANTS or page in PARTICIPANT_PAGES


def database_for(scale, prefix="community_bench_"):
    return f"{prefix}{scale}"


def django_environment(database, redis=""):
    environment = dict(os.environ)
    environment.update(
        DATABASE_URL=f"{SERVER}/{database}",
        DJANGO_SETTINGS_MODULE="community.settings.production",
        SECRET_KEY=BENCH_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL=f"http://127.0.0.1:{PORT}",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        CONN_MAX_AGE="600",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        LOG_LEVEL="WARNING",
        PORT=str(PORT),
        WEB_CONCURRENCY=str(WORKERS),
        PYTHONPATH=str(ROOT),
    )
    if redis:
        environment["REDIS_URL"] = redis
    else:
        environment.pop("REDIS_URL", None)
    return environment


# --- In a Django process: seed, pick the pages, count queries ----------------------------------


def prepare(scale, reuse):
    """Runs inside Django (see `--prepare`): prints the pages, sessions and query counts as
    JSON on its last line."""
    import django

    django.setup()
    seed_seconds = set_up_database(scale, reuse)
    targets = pick_pages()
    cookies = {"member": session_cookie_for_demo_member(), **participant_cookies()}
    voters, idea_id = prepare_voters()
    print(
        json.dumps(
            {
                "seed_seconds": seed_seconds,
                "pages": targets,
                "queries": count_queries(targets, cookies),
                "cookies": cookies,
                "voters": voters,
                "vote_idea": idea_id,
            }
        )
    )


def set_up_database(scale, reuse):
    """Migrates, collects the static files (the production storage needs their manifest) and,
    unless `reuse`, seeds the scaled community: returns the seconds seeding took, or None."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed_seconds = None
    if not reuse:
        started = time.perf_counter()
        call_command("seed_demo", scale=scale)
        seed_seconds = round(time.perf_counter() - started)
    # PostgreSQL vacuums tables just filled in the background for minutes afterwards, which
    # would be measured with the first pages: settle the database first (not part of seeding).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return seed_seconds


def pick_pages():
    from django.db.models import Count
    from django.urls import reverse

    from community.models import ProductPage
    from ideas.models import Idea
    from reviews.models import Review

    popular_product = (
        Review.objects.values("product").annotate(n=Count("pk")).order_by("-n").first()
    )
    product = ProductPage.objects.get(pk=popular_product["product"])
    idea = Idea.objects.public().order_by("-vote_count").first()
    question = busiest_question()
    return {
        "home": "/",
        "popular product": product.url,
        "ideas list": reverse("ideas:list"),
        "popular idea": idea.get_absolute_url(),
        "roadmap": "/roadmap/",
        "question, 200 answers": question.get_absolute_url(),
        "questions list": reverse("questions:list"),
        "search": f"{reverse('search:search')}?q={SEARCH_WORDS.replace(' ', '+')}",
    }


def session_cookie_for_demo_member():
    from django.test import Client

    from community.demo import DEMO_EMAIL
    from community.models import Member

    client = Client()
    client.force_login(Member.objects.get(email=DEMO_EMAIL))
    return f"sessionid={client.cookies['sessionid'].value}"


def busiest_question():
    from community.questions.models import Question

    return Question.objects.public().filter(answer_count=200).order_by("pk").first()


def participant_cookies():
    """Sessions for the author of the question with 200 answers and for a member who answered
    it, each with a verified address. The author is given some of the question's answers when
    they wrote none (see ASKER_ANSWER_STEP)."""
    from allauth.account.models import EmailAddress

    from community.models import Member
    from community.questions.models import Answer

    question = busiest_question()
    answers = Answer.objects.filter(question=question, parent__isnull=True).order_by(
        "created_at", "pk"
    )
    if not answers.filter(author_id=question.author_id).exists():
        given = list(answers.values_list("pk", flat=True)[1::ASKER_ANSWER_STEP])
        Answer.objects.filter(pk__in=given).update(
            author_id=question.author_id, author_card=None, written_as="member"
        )
    # In English, like the asker: the site sends members who prefer French to the /fr/ page.
    answerer_id = (
        answers.exclude(author_id=question.author_id)
        .filter(written_as="member", author__preferred_language="en")
        .values_list("author_id", flat=True)
        .first()
    )
    cookies = {}
    for role, member_id in (("asker", question.author_id), ("answerer", answerer_id)):
        member = Member.objects.get(pk=member_id)
        EmailAddress.objects.get_or_create(
            user=member, email=member.email, defaults={"verified": True, "primary": True}
        )
        cookies[role] = session_cookie_for(member)
    return cookies


def session_cookie_for(member):
    from django.conf import settings as django_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def prepare_voters():
    """1,000 members with a verified address and a session each, and the idea they vote on
    (a popular one), with the limits on votes per member and network address lifted for the
    benchmark: all voters come from 127.0.0.1."""
    from allauth.account.models import EmailAddress

    from community.demo.scale import EMAIL_DOMAIN
    from community.models import CommunitySettings, Member
    from ideas.models import IdeaVote

    settings = CommunitySettings.load()
    settings.votes_per_hour_per_ip = 1_000_000
    settings.votes_per_hour_per_member = 1_000_000
    settings.save()
    idea_id = IdeaVote.objects.values_list("idea", flat=True).order_by("-idea__vote_count").first()
    members = list(
        Member.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .exclude(idea_votes__idea_id=idea_id)
        .order_by("-pk")[:VOTERS]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=m, email=m.email, verified=True, primary=True) for m in members],
        ignore_conflicts=True,
    )
    return [session_cookie_for(member) for member in members], idea_id


def count_queries(targets, cookies):
    """Queries per request, once warm. "visitor" is what production serves a visitor (from
    the page cache when it holds the page); "visitor, uncached" is the page rendered with the
    page cache off, which is what a visitor pays after every content change."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for role in ROLES:
        for name, url in targets.items():
            if not measured(name, role):
                continue
            client = Client(HTTP_COOKIE=cookies[role]) if role in cookies else Client()
            uncached = override_settings(PAGE_CACHE_SECONDS=0)
            if role == "visitor, uncached":
                uncached.enable()
            try:
                client.get(url)  # warm: the first request fills caches the others read
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
            finally:
                if role == "visitor, uncached":
                    uncached.disable()
            writes = [
                q["sql"]
                for q in queries.captured_queries
                if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            ]
            counts[f"{role} {name}"] = {
                "status": response.status_code,
                "queries": len(queries),
                "page_cache": response.get("X-Page-Cache", ""),
                "writes": len(writes) + ("sessionid" in response.cookies and role not in cookies),
            }
    return counts


# --- Outside Django: the server, wrk, voters, exports ----------------------------------------


def recreate_database(database):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')


def run_django(arguments, environment):
    completed = subprocess.run(
        [sys.executable, __file__, *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{completed.stdout}\n{completed.stderr}")
    for line in completed.stdout.splitlines()[:-1]:
        print(f"    {line}", flush=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


class RecyclingCounter(threading.Thread):
    """Reads gunicorn's messages as they come (one line per request among them, so none is
    kept) and counts the workers recycled by `max_requests`."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.recycled = 0

    def run(self):
        for line in self.stream:
            if b"Autorestarting worker" in line:
                self.recycled += 1


def start_server(environment):
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    server.recyclings = RecyclingCounter(server.stderr)
    server.recyclings.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit("gunicorn did not answer on /health/ within a minute")


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def workers_cpu_seconds(server):
    """CPU seconds spent so far by the server's workers: those alive (their own user and system
    time) and those gunicorn has already recycled and reaped (the master's children's time)."""
    master = _stat_fields(server.pid)
    seconds = int(master[13]) + int(master[14])  # cutime, cstime: reaped workers
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    for pid in children:
        try:
            fields = _stat_fields(pid)
        except FileNotFoundError:  # recycled between the two reads: counted once reaped
            continue
        seconds += int(fields[11]) + int(fields[12])  # utime, stime
    return seconds / CLOCK_TICKS


def _stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name, numbered from 0 = state (the
    name, in parentheses, may hold spaces)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2 :].split()


def wrk(url, cookie, seconds, connections):
    command = [
        "wrk",
        f"--connections={connections}",
        f"--threads={min(connections, 2)}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={WRK_SCRIPT}",
        f"http://127.0.0.1:{PORT}{url}",
    ]
    if cookie:
        command[1:1] = ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    report = next(line for line in output.splitlines() if line.startswith("{"))
    return json.loads(report)


def vote_storm(idea_id, cookies):
    """Every voter votes once on the idea, 50 at a time, each over its own connection."""
    csrf = "b" * 32
    queue = list(cookies)
    lock = threading.Lock()
    failures = []

    def voter():
        connection = HTTPConnection("127.0.0.1", PORT, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                cookie = queue.pop()
            connection.request(
                "POST",
                f"/ideas/{idea_id}/vote/",
                body="importance=2",
                headers={
                    "Cookie": f"{cookie}; csrftoken={csrf}",
                    "X-CSRFToken": csrf,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            try:
                response = connection.getresponse()
                response.read()
            except OSError as error:
                failures.append(type(error).__name__)
                connection.close()
                connection = HTTPConnection("127.0.0.1", PORT, timeout=60)
                continue
            if response.status != 302:
                failures.append(response.status)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=voter) for _ in range(VOTE_CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return {"votes": len(cookies), "seconds": seconds, "failures": failures}


def vote_count(database, idea_id):
    import psycopg

    with psycopg.connect(f"{SERVER}/{database}") as connection:
        stored = connection.execute(
            "SELECT vote_count FROM ideas_idea WHERE id = %s", [idea_id]
        ).fetchone()[0]
        rows = connection.execute(
            "SELECT count(*) FROM ideas_ideavote WHERE idea_id = %s", [idea_id]
        ).fetchone()[0]
    return stored, rows


def exports(database):
    results = {}
    for kind, fmt in [(k, f) for k in ("ideas", "votes") for f in ("csv", "json", "xlsx")]:
        output = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "export_ideas.py"),
                database,
                "--only",
                f"{kind},{fmt}",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[f"{kind} {fmt}"] = json.loads(output.strip().splitlines()[-1])
    return results


def port_is_free():
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", PORT)) != 0


def narrowed(options):
    """A run narrowed with --pages or --roles measures the pages only."""
    return options.pages != PAGES or options.roles != list(ROLES)


def measure_votes(database, prepared):
    before = vote_count(database, prepared["vote_idea"])[0]
    storm = vote_storm(prepared["vote_idea"], prepared["voters"])
    stored, rows = vote_count(database, prepared["vote_idea"])
    storm.update(
        before=before,
        after=stored,
        rows=rows,
        exact=stored == rows == before + len(prepared["voters"]) - len(storm["failures"]),
        per_second=storm["votes"] / storm["seconds"],
    )
    print(
        f"  votes: {storm['per_second']:.1f} per second with {VOTE_CONCURRENCY} voters; "
        f"count {before} → {stored} (rows {rows}); exact: {storm['exact']}; "
        f"failures: {len(storm['failures'])}",
        flush=True,
    )
    return storm


def bench_scale(scale, options):
    database = database_for(scale, options.database_prefix)
    environment = django_environment(database, options.redis)
    print(f"\n== {scale}: {database}", flush=True)
    if not options.reuse:
        recreate_database(database)
    if options.redis:
        import redis

        # The cache keys pages by address, not by database: start each scale empty.
        redis.Redis.from_url(options.redis).flushdb()
    prepared = run_django(
        ["--prepare", scale] + (["--reuse"] if options.reuse else []), environment
    )
    if prepared["seed_seconds"] is not None:
        print(f"  seeded in {prepared['seed_seconds']} s", flush=True)
    if not port_is_free():
        sys.exit(f"Port {PORT} is taken: stop what listens there first.")
    server = start_server(environment)
    results = {"seed_seconds": prepared["seed_seconds"], "pages": {}, "queries": {}}
    cookies = {"visitor": "", "visitor, uncached": UNCACHED_COOKIE, **prepared["cookies"]}
    try:
        for role in options.roles:
            for name in options.pages:
                if not measured(name, role):
                    continue
                url = prepared["pages"][name]
                wrk(url, cookies[role], 3, options.connections)  # warm-up
                cpu_before = workers_cpu_seconds(server)
                recycled_before = server.recyclings.recycled
                figures = wrk(url, cookies[role], options.seconds, options.connections)
                figures["cpu_ms"] = (
                    1000 * (workers_cpu_seconds(server) - cpu_before) / max(figures["requests"], 1)
                )
                figures["recycled"] = server.recyclings.recycled - recycled_before
                figures.update(prepared["queries"][f"{role} {name}"])
                results["pages"][f"{role} {name}"] = figures
                print(
                    f"  {role:<17} {name:<22} {figures['rps']:>7.1f} req/s  "
                    f"p50 {figures['p50']:>6.1f}  p95 {figures['p95']:>6.1f}  "
                    f"p99 {figures['p99']:>6.1f} ms  CPU {figures['cpu_ms']:>6.1f} ms/req  "
                    f"{figures['queries']:>3} queries  {figures['errors']} errors  "
                    f"{figures['writes']} writes  {figures['recycled']} workers recycled",
                    flush=True,
                )
        if not narrowed(options):
            results["votes"] = measure_votes(database, prepared)
    finally:
        stop_server(server)
    if not options.skip_exports and not narrowed(options):
        results["exports"] = exports(database)
        for name, figures in results["exports"].items():
            print(
                f"  export {name:<11} {figures['rows']:>9,} rows {figures['seconds']:>7.1f} s  "
                f"peak {figures['peak_rss_mb']} MB (growth "
                f"{figures['peak_rss_mb'] - figures['rss_before_mb']} MB)",
                flush=True,
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{scale}.json").write_text(json.dumps(results, indent=2))
    return results


def side_by_side(all_results):
    """The Markdown table of bench/README.md: each figure at each scale, and their ratio."""
    scales = list(all_results)
    lines = [
        "| page | role | "
        + " | ".join(
            f"{s} req/s | {s} p50 | {s} p95 | {s} p99 | {s} CPU ms/req | {s} queries"
            for s in scales
        )
        + (" | p95 ratio |" if len(scales) == 2 else " |"),
        "|" + "---|" * (2 + 6 * len(scales) + (1 if len(scales) == 2 else 0)),
    ]
    for role in ROLES:
        for name in PAGES:
            key = f"{role} {name}"
            if key not in all_results[scales[0]]["pages"]:
                continue
            cells = []
            for scale in scales:
                f = all_results[scale]["pages"][key]
                cells += [
                    f"{f['rps']:.0f}",
                    f"{f['p50']:.1f}",
                    f"{f['p95']:.1f}",
                    f"{f['p99']:.1f}",
                    f"{f['cpu_ms']:.1f}",
                    str(f["queries"]),
                ]
            if len(scales) == 2:
                small, large = (all_results[s]["pages"][key]["p95"] for s in scales)
                cells.append(f"{large / small:.2f}" if small else "–")
            lines.append(f"| {name} | {role} | " + " | ".join(cells) + " |")
    figures = []

    def row(label, values, unit=""):
        cells = [f"{v:,.1f}{unit}" if isinstance(v, float) else f"{v}{unit}" for v in values]
        ratio = ""
        if len(values) == 2 and all(isinstance(v, (int, float)) for v in values) and values[0]:
            ratio = f" | {values[1] / values[0]:.2f}"
        figures.append(f"| {label} | " + " | ".join(cells) + ratio + (" |" if ratio else " | |"))

    seeded = [all_results[s]["seed_seconds"] for s in scales]
    if all(seconds is not None for seconds in seeded):  # not with --reuse
        row("seeding (s)", seeded)
    if all("votes" in all_results[s] for s in scales):
        row("votes per second (50 voters)", [all_results[s]["votes"]["per_second"] for s in scales])
        row("vote count exact", [str(all_results[s]["votes"]["exact"]) for s in scales])
    if all("exports" in all_results[s] for s in scales):
        for name in all_results[scales[0]]["exports"]:
            row(f"export {name} (s)", [all_results[s]["exports"][name]["seconds"] for s in scales])
            row(
                f"export {name} memory growth (MB)",
                [
                    all_results[s]["exports"][name]["peak_rss_mb"]
                    - all_results[s]["exports"][name]["rss_before_mb"]
                    for s in scales
                ],
            )
    if figures:  # none in a narrowed run on reused databases
        lines.append("")
        lines.append(
            "| figure | " + " | ".join(scales) + (" | ratio |" if len(scales) == 2 else " |")
        )
        lines.append("|" + "---|" * (1 + len(scales) + (1 if len(scales) == 2 else 0)))
        lines += figures
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", nargs="+", default=["small", "large"])
    parser.add_argument("--reuse", action="store_true", help="Keep the seeded databases.")
    parser.add_argument(
        "--duration",
        "--seconds",
        dest="seconds",
        type=int,
        default=30,
        help="wrk's duration per page and role, in seconds.",
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--pages", nargs="+", choices=PAGES, default=PAGES, help="Only these pages (quoted)."
    )
    parser.add_argument(
        "--roles", nargs="+", choices=ROLES, default=list(ROLES), help="Only these roles."
    )
    parser.add_argument(
        "--database-prefix",
        default="community_bench_",
        help="The databases are <prefix><scale>.",
    )
    parser.add_argument("--redis", default="", help="REDIS_URL for the server's cache.")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.prepare:
        return prepare(options.prepare, options.reuse)
    all_results = {scale: bench_scale(scale, options) for scale in options.scales}
    table = side_by_side(all_results)
    (RESULTS / "table.md").write_text(table + "\n")
    print("\n" + table)


if __name__ == "__main__":
    main()
