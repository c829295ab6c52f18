"""Search latency of the database engine over about a million documents.

Run by hand (it takes minutes, and a few GB of disk for a million documents):

    .venv/bin/python bench/search_database.py                      # SQLite, 1,000,000 documents
    .venv/bin/python bench/search_database.py --documents 100000   # a quicker look
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/community_bench \\
        .venv/bin/python bench/search_database.py                  # PostgreSQL (database created)

It creates a fresh database (a file under /tmp for SQLite; PostgreSQL's is dropped and created
again), migrates it, inserts the documents with bulk inserts (the full-text
index follows through the migration's triggers on SQLite and the generated column on
PostgreSQL), then times the engine's searches: each search is the same two queries as the
search page (counts per filter value, then one ranked page), run --repeat times, and the
median, 95th percentile and worst times are printed in milliseconds.

Documents are made of a vocabulary drawn with a Zipf distribution (a few words very common,
most rare), in English and French with accents, spread over four kinds, 60 products, five
ratings, ten statuses and three years, like the community's own content.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

COMMON_WORDS = " ".join(
    (
        "the machine coffee water milk espresso grinder kettle pump cup mug tank filter steam",
        "wand frother button display light noise leak descale descaling cleaning clean daily",
        "morning temperature pressure bean beans roast grind setting settings timer schedule",
        "app update firmware battery handle lid jug boiler capsule pod shot crema foam",
        "cappuccino latte warranty delivery order refund replacement broken works great",
        "quiet loud fast slow la le les une des machine café eau lait mousse moulin",
        "bouilloire pompe tasse réservoir filtre vapeur buse bouton écran lumière bruit fuite",
        "détartrage détartrer nettoyage température pression grain grains torréfaction",
        "mouture réglage minuterie programme application mise à jour batterie poignée",
        "couvercle chaudière capsule dosette crème livraison commande remboursement",
        "remplacement cassé fonctionne silencieux bruyant rapide lent théâtre matin soirée",
        "goût arôme amer acide doux chaud froid",
    )
).split(" ")
KINDS = [("question", 0.35), ("review", 0.35), ("idea", 0.2), ("product", 0.1)]
STATUSES = {
    "question": ["question-open", "question-solved", "question-answered", "question-duplicate"],
    "idea": ["idea-new", "idea-under-review", "idea-planned", "idea-in-progress", "idea-shipped"],
}
PRODUCTS = 60
# (label, query, filters): rare and common words, several words, each filter, a deep page.
SEARCHES = [
    ("one rare word", "zorvanel", {}),
    ("one common word", "coffee", {}),
    ("two common words", "espresso machine", {}),
    ("three words, accents folded", "detartrage reservoir theatre", {}),
    ("common word, kind filter", "grinder", {"kind": "review"}),
    ("common word, product filter", "milk", {"product": 7}),
    ("common word, rating filter", "noise", {"kind": "review", "rating": 2}),
    ("common word, status filter", "timer", {"status": "idea-planned"}),
    ("common word, date filter", "leak", {"date": "month"}),
    ("every filter at once", "pump", {"kind": "question", "product": 3, "date": "year"}),
    ("page 20 of a common word", "water", {"page": 20}),
    ("any of three words (loosened)", "kettle frother zorvanel", {"match": "any"}),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=5_000, help="rows per bulk insert")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each search")
    parser.add_argument("--words", type=int, default=60, help="average words per document")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--sqlite-path", default="/tmp/community-search-bench.sqlite3", help="SQLite file"
    )
    return parser.parse_args()


def setup_django(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.dev")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-0123456789-abcdef")
    os.environ["ELASTICSEARCH_URL"] = ""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        path = Path(args.sqlite_path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    elif url.startswith("postgres"):
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
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


class Vocabulary:
    """Common domain words often, a long tail of invented rare words seldom (Zipf)."""

    def __init__(self, rng, tail=40_000):
        syllables = "ka zor van el mi tru po lin sa bré qu ix do fé ran tu go mé lo pra vi"
        syllables = syllables.split(" ")
        rare = set()
        while len(rare) < tail:
            rare.add("".join(rng.choice(syllables) for _ in range(rng.randint(3, 5))))
        self.words = COMMON_WORDS + sorted(rare) + ["zorvanel"]
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def text(self, count):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))


def create_documents(args):
    from django.db import connection, transaction
    from django.utils import timezone

    from search.models import SearchDocument

    rng = random.Random(args.seed)
    vocabulary = Vocabulary(rng)
    now = timezone.now()
    kinds, kind_weights = zip(*KINDS, strict=True)
    started = time.perf_counter()
    made = 0
    next_report = 100_000
    while made < args.documents:
        size = min(args.batch, args.documents - made)
        rows = []
        for number in range(made, made + size):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            rows.append(
                SearchDocument(
                    kind=kind,
                    object_id=number + 1,
                    language=rng.choice(["en", "fr"]) if kind == "product" else "",
                    title=vocabulary.text(rng.randint(4, 10)).capitalize(),
                    body=vocabulary.text(max(5, int(rng.gauss(args.words, args.words / 3)))),
                    product_id=rng.randint(1, PRODUCTS) if rng.random() < 0.85 else None,
                    rating=rng.randint(1, 5) if kind == "review" else None,
                    status=rng.choice(STATUSES[kind]) if kind in STATUSES else "",
                    created_at=now - timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60)),
                    boost=1.0 + rng.random(),
                    indexed_at=now,
                )
            )
        with transaction.atomic():
            SearchDocument.objects.bulk_create(rows, batch_size=args.batch)
        made += size
        if made >= next_report or made == args.documents:
            rate = made / (time.perf_counter() - started)
            print(f"  {made:>9,} documents inserted ({rate:,.0f} a second)", flush=True)
            next_report += 100_000
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_document_fts(search_document_fts) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    return time.perf_counter() - started


def time_searches(args):
    from search.engines import DatabaseEngine
    from search.engines.base import SearchRequest

    engine = DatabaseEngine()
    rows = []
    for label, text, filters in SEARCHES:
        request = SearchRequest(text=text, language="en", **filters)
        engine.search(request)  # warm the caches once, as a running site has them
        durations = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            results = engine.search(request)
            durations.append((time.perf_counter() - started) * 1000)
        durations.sort()
        p95 = durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]
        rows.append((label, results.total, statistics.median(durations), p95, durations[-1]))
    return rows


def main():
    args = parse_args()
    setup_django(args)
    from django.core.management import call_command
    from django.db import connection

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    call_command("migrate", verbosity=0)
    print(f"Inserting {args.documents:,} documents, {args.batch:,} per bulk insert…", flush=True)
    seconds = create_documents(args)
    print(f"Inserted and indexed in {seconds:,.0f} s.\n")
    print(f"{'search':<34} {'results':>9} {'median':>9} {'p95':>9} {'worst':>9}  (ms)")
    for label, total, median, p95, worst in time_searches(args):
        print(f"{label:<34} {total:>9,} {median:>9.1f} {p95:>9.1f} {worst:>9.1f}")


if __name__ == "__main__":
    main()
