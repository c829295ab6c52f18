"""Benchmark of orders in: a CSV of 100,000 orders imported, then the invitation sweep for them.

    .venv/bin/python bench/orders.py                    # SQLite, 100,000 orders
    .venv/bin/python bench/orders.py --orders 5000      # a quicker look
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/community_bench_orders \\
        .venv/bin/python bench/orders.py                # PostgreSQL (database dropped and created)

It creates a fresh database (a file under /tmp for SQLite; PostgreSQL's is dropped and created
again), migrates it, adds 20 products and, by bulk inserts, the members whose verified
addresses placed about 30% of the orders (buyers place two orders each on average, so some
are invited for the same product twice and are invited once). It writes the CSV file (orders
bought over the last 60 days, one to three products each, in English and French), then:

1. imports it with the service behind the admin's import and `manage.py import_orders`
   (`reviews.orders.orders_import_csv`), reading the file line by line;
2. runs the invitation sweep (`reviews.invitations.send_due`) at a moment when every
   invitation is due, with the dummy e-mail backend (the messages are rendered and handed to a
   backend that sends nothing, so that the outbox does not fill the memory it measures).

Each step runs in a fresh process (so that what the setup held does not hide its peak), which
prints its time, the peak resident memory of the process over its memory just before the
step (Django and the code loaded), and the queries it ran.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRODUCTS = 20
MEMBER_SHARE = 0.3
BATCH = 10_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument(
        "--sqlite-path", default="/tmp/community-orders-bench.sqlite3", help="SQLite file"
    )
    parser.add_argument("--csv-path", default="/tmp/community-orders-bench.csv", help="CSV file")
    parser.add_argument(
        "--step", choices=("import", "sweep"), help="(internal) run one step on the database"
    )
    return parser.parse_args()


def setup_django(args, *, fresh):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-0123456789-abcdef")
    # Without DEBUG, Django does not keep every query in memory.
    os.environ["DEBUG"] = "0"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["ELASTICSEARCH_URL"] = ""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        path = Path(args.sqlite_path)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    elif url.startswith("postgres") and fresh:
        _recreate_postgres_database(url)
    import django

    django.setup()


def _recreate_postgres_database(url):
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _status_megabytes(name) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{name}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{name} is not in /proc/self/status")


class Measure:
    """Time, peak resident memory over the memory before, and queries of one step."""

    queries = 0

    def _count(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        from django.db import connection

        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")  # the peak (VmHWM) starts again from the current memory
        self.before = _status_megabytes("VmRSS")
        # Counts the queries without keeping them (which would take memory of its own).
        self.wrapper = connection.execute_wrapper(self._count)
        self.wrapper.__enter__()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started
        self.wrapper.__exit__(*exc)
        self.extra = _status_megabytes("VmHWM") - self.before


def create_products_and_members(args, rng):
    """20 products, and the members (verified addresses) of about 30% of the orders."""
    from allauth.account.models import EmailAddress
    from django.core.management import call_command

    from community.models import Member, ProductPage
    from community.site_setup import ensure_site_structure
    from reviews.models import OrderSource

    call_command("migrate", verbosity=0)
    catalogue = ensure_site_structure().catalogue["en"]
    slugs = []
    for number in range(PRODUCTS):
        product = ProductPage(title=f"Bench product {number}", slug=f"bench-product-{number}")
        catalogue.add_child(instance=product)
        product.save_revision().publish()
        slugs.append(product.slug)
    buyers = max(args.orders // 2, 1)
    members = int(buyers * MEMBER_SHARE)
    for start in range(0, members, BATCH):
        Member.objects.bulk_create(
            [
                Member(
                    email=f"buyer{n}@example.com",
                    display_name=f"Buyer {n}",
                    handle=f"buyer-{n}",
                    password="!",  # no usable password: nobody signs in as them
                )
                for n in range(start, min(start + BATCH, members))
            ]
        )
    member_ids = dict(Member.objects.filter(email__startswith="buyer").values_list("email", "pk"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for email, pk in member_ids.items()
        ],
        batch_size=BATCH,
    )
    source = OrderSource.objects.create(name="Bench shop", slug="bench-shop")
    print(f"  {PRODUCTS} products, {members:,} members of {buyers:,} buyers", flush=True)
    return source, slugs, buyers


def write_csv(args, rng, slugs, buyers):
    """The shop's export: one order a line, bought over the last 60 days."""
    from django.utils import timezone

    today = timezone.localdate()
    with open(args.csv_path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["reference", "email", "products", "purchased_on", "delivered_on", "language"]
        )
        for number in range(args.orders):
            purchased = today - timedelta(days=rng.randint(3, 60))
            delivered = purchased + timedelta(days=rng.randint(1, 3))
            writer.writerow(
                [
                    f"BENCH-{number:07d}",
                    f"buyer{rng.randrange(buyers)}@example.com",
                    ";".join(rng.sample(slugs, rng.choice((1, 1, 1, 2, 3)))),
                    purchased.isoformat(),
                    delivered.isoformat(),
                    rng.choice(("en", "en", "fr")),
                ]
            )
    size = Path(args.csv_path).stat().st_size / 1024 / 1024
    print(f"  {args.orders:,} orders written to {args.csv_path} ({size:.1f} MB)", flush=True)


def run_step(args) -> dict:
    """One step, in this process, on the database the setup filled."""
    from django.utils import timezone

    from reviews.invitations import send_due
    from reviews.models import Invitation, OrderSource, Ownership
    from reviews.orders import orders_import_csv

    if args.step == "import":
        source = OrderSource.objects.get(slug="bench-shop")
        with open(args.csv_path, encoding="utf-8", newline="") as file, Measure() as measure:
            report = orders_import_csv(None, source, file)
        outcome = (
            f"{report.created:,} orders created, {report.duplicates:,} duplicates, "
            f"{report.refused:,} refused; {Ownership.objects.count():,} ownerships, "
            f"{Invitation.objects.count():,} invitations "
            f"({Invitation.objects.filter(status=Invitation.Status.SKIPPED).count():,} not sent)"
        )
    else:
        with Measure() as measure:
            counts = send_due(timezone.now() + timedelta(days=90))
        outcome = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    return {
        "seconds": measure.seconds,
        "extra": measure.extra,
        "queries": measure.queries,
        "outcome": outcome,
    }


def main():
    args = parse_args()
    if args.step:
        setup_django(args, fresh=False)
        print(json.dumps(run_step(args)))
        return
    setup_django(args, fresh=True)
    from django.db import connection

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    rng = random.Random(args.seed)
    _source, slugs, buyers = create_products_and_members(args, rng)
    write_csv(args, rng, slugs, buyers)
    connection.close()

    rows = []
    for step, label in (("import", "import (CSV)"), ("sweep", "invitation sweep")):
        finished = subprocess.run(
            [
                sys.executable,
                __file__,
                "--step",
                step,
                "--sqlite-path",
                args.sqlite_path,
                "--csv-path",
                args.csv_path,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(finished.stdout.strip().splitlines()[-1])
        print(f"  {label}: {result['outcome']}", flush=True)
        rows.append((label, result))

    print()
    print(f"{'step':<22} {'seconds':>9} {'peak MB over before':>20} {'queries':>9}")
    for label, result in rows:
        print(
            f"{label:<22} {result['seconds']:>9.1f} {result['extra']:>20.0f} "
            f"{result['queries']:>9,}"
        )


if __name__ == "__main__":
    main()
