"""Benchmark of the backlog export: 100,000 ideas with 1,000,000 votes, in each format.

    .venv/bin/python bench/export_ideas.py community_bench
    .venv/bin/python bench/export_ideas.py community_bench --ideas 10000 --votes 100000
    .venv/bin/python bench/export_ideas.py community_bench --reuse       # keep the data

The first argument names a PostgreSQL database (on BENCH_POSTGRES, by default
postgres://postgres@127.0.0.1:5432), which the benchmark drops and creates again (unless
--reuse), migrates, and fills with bulk inserts: members in three segments, tags, products,
ideas with decisions, and votes of every importance. It then exports the ideas as CSV, JSON
and XLSX and their votes as CSV, JSON and XLSX, each in a fresh process (so that each peak
is its own), with the same code as the site's download and `manage.py export_ideas`, and
prints for each: rows, size, time, the process's peak resident memory, and its resident memory
before the export started (Django and the code loaded), so that the difference is what the
export itself held.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RUNS = [
    ("ideas", "csv"),
    ("ideas", "json"),
    ("ideas", "xlsx"),
    ("votes", "csv"),
    ("votes", "json"),
    ("votes", "xlsx"),
]
BATCH = 20_000


def setup_django(database):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{SERVER}/{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "community.settings.dev"
    # Without DEBUG, Django does not keep every query in memory.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    import django

    django.setup()


def recreate_database(database):
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')


def _status_megabytes(name) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in megabytes."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{name}:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_megabytes() -> float:
    """The process's peak resident memory (VmHWM: unlike ru_maxrss, it does not carry over the
    parent's peak through fork and exec)."""
    return _status_megabytes("VmHWM")


def current_rss_megabytes() -> float:
    return _status_megabytes("VmRSS")


def fill(idea_count, vote_count):
    """Members, segments, tags, products, ideas, decisions and votes, by bulk inserts."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from community.markdown import render_markdown
    from community.models import Member, ProductPage, Segment
    from community.site_setup import ensure_site_structure
    from ideas.models import Idea, IdeaVote, Importance, Status, StatusChange, Tag, idea_slug

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    pages = ensure_site_structure()
    catalogue = pages.catalogue["en"]
    products = []
    for number in range(12):
        product = ProductPage(title=f"Product {number}", slug=f"product-{number}")
        catalogue.add_child(instance=product)
        product.save_revision().publish()
        products.append(product)
    segments = [
        Segment.objects.create(slug=slug, name_en=name, sort_order=order)
        for order, (slug, name) in enumerate(
            [("business", "Business"), ("home", "Home"), ("education", "Education")]
        )
    ]
    tags = [Tag.objects.create(slug=f"tag-{n}", name_en=f"Tag {n}") for n in range(10)]
    statuses = list(Status.objects.order_by("order"))
    random.seed(6)

    member_count = max(1000, vote_count // 40)
    password = "!"  # no usable password: nobody signs in as them
    for start in range(0, member_count, BATCH):
        Member.objects.bulk_create(
            [
                Member(
                    email=f"voter{n}@example.com",
                    display_name=f"Voter {n}",
                    handle=f"voter-{n}",
                    password=password,
                    segment=segments[n % 4] if n % 4 < 3 else None,
                )
                for n in range(start, min(start + BATCH, member_count))
            ],
            batch_size=BATCH,
        )
    member_ids = list(Member.objects.order_by("pk").values_list("pk", flat=True))
    staff = Member.objects.create(email="bench-staff@example.com", display_name="Bench Staff")
    print(f"  {member_count:,} members", flush=True)

    body = "I would like the machine to **start by itself** at 6:45 on weekdays.\n\nToday I wait."
    body_html = render_markdown(body)
    now = timezone.now()
    votes_per_idea = vote_count // idea_count
    extra = vote_count - votes_per_idea * idea_count
    counts = [votes_per_idea + (1 if n < extra else 0) for n in range(idea_count)]
    with transaction.atomic():
        for start in range(0, idea_count, BATCH):
            ideas = []
            for n in range(start, min(start + BATCH, idea_count)):
                title = f"Idea number {n}: start the machine on a schedule"
                ideas.append(
                    Idea(
                        title=title,
                        slug=idea_slug(title),
                        body=body,
                        body_html=body_html,
                        author_id=member_ids[n % len(member_ids)],
                        status=statuses[n % len(statuses)],
                        product=products[n % len(products)] if n % 5 else None,
                        vote_count=counts[n],
                        comment_count=n % 7,
                        last_activity_at=now,
                    )
                )
            Idea.objects.bulk_create(ideas, batch_size=BATCH)
    idea_ids = list(Idea.objects.order_by("pk").values_list("pk", flat=True))
    print(f"  {idea_count:,} ideas", flush=True)

    Through = Idea.tags.through
    Through.objects.bulk_create(
        [
            Through(idea_id=idea_id, tag_id=tags[(index + offset) % len(tags)].pk)
            for index, idea_id in enumerate(idea_ids)
            for offset in range(index % 3)
        ],
        batch_size=BATCH,
    )
    decided = idea_ids[::3]
    note = "Planned for the **spring firmware**: you will set a start time."
    note_html = render_markdown(note)
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                idea_id=idea_id,
                to_status=statuses[index % len(statuses)],
                note=note,
                note_html=note_html,
                author=staff,
            )
            for index, idea_id in enumerate(decided)
        ],
        batch_size=BATCH,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE ideas_idea
            SET last_status_change_id = latest.id, status_changed_at = latest.created_at
            FROM (SELECT DISTINCT ON (idea_id) idea_id, id, created_at
                  FROM ideas_statuschange ORDER BY idea_id, id DESC) AS latest
            WHERE ideas_idea.id = latest.idea_id
            """
        )
    print(f"  {len(decided):,} decisions", flush=True)

    levels = [Importance.NICE, Importance.IMPORTANT, Importance.ESSENTIAL]
    step = 7919  # a prime: the voters of one idea are all different members
    written = 0
    batch = []
    for index, idea_id in enumerate(idea_ids):
        for k in range(counts[index]):
            member = member_ids[(index * 31 + k * step) % len(member_ids)]
            batch.append(IdeaVote(idea_id=idea_id, member_id=member, importance=levels[k % 3]))
        if len(batch) >= BATCH:
            IdeaVote.objects.bulk_create(batch, batch_size=BATCH)
            written += len(batch)
            batch = []
            if written % 200_000 < BATCH:
                print(f"  {written:,} votes…", flush=True)
    IdeaVote.objects.bulk_create(batch, batch_size=BATCH)
    written += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  {written:,} votes; filled in {time.perf_counter() - started:.0f} s", flush=True)


def run_one(kind, fmt):
    """One export in this process; prints its figures as JSON."""
    from django.utils import translation

    from ideas import exports

    before = current_rss_megabytes()
    translation.activate("en")
    export = exports.EXPORTS[kind]({}, language="en", with_emails=True)
    rows = 0

    def counted(number):
        nonlocal rows
        rows += number

    export.on_rows = counted
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.{fmt}"
        started = time.perf_counter()
        with path.open("wb") as file:
            exports.write(export, fmt, file)
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    print(
        json.dumps(
            {
                "kind": kind,
                "format": fmt,
                "rows": rows,
                "bytes": size,
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(rss_megabytes()),
                "rss_before_mb": round(before),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="The PostgreSQL database to create and fill.")
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="Keep the data already there.")
    parser.add_argument("--only", help="Run one export in this process: kind,format.")
    options = parser.parse_args()

    if options.only:
        setup_django(options.database)
        run_one(*options.only.split(","))
        return

    if not options.reuse:
        print(f"Filling {options.database}…", flush=True)
        recreate_database(options.database)
        setup_django(options.database)
        fill(options.ideas, options.votes)

    results = []
    for kind, fmt in RUNS:
        output = subprocess.run(
            [sys.executable, __file__, options.database, "--only", f"{kind},{fmt}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{kind:>5} {fmt:<4} {result['rows']:>9,} rows {result['bytes'] / 1e6:>8.1f} MB "
            f"{result['seconds']:>7.1f} s  peak RSS {result['peak_rss_mb']:>4} MB "
            f"(before the export {result['rss_before_mb']} MB)",
            flush=True,
        )


if __name__ == "__main__":
    main()
