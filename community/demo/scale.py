"""A large community in minutes, for benchmarks: `manage.py seed_demo --scale large|small`.

On top of the ordinary demo content (`seed_demo`), bulk inserts add products, members, reviews,
questions with answers and replies, ideas with votes and comments, spread over two years, with
the skew of a real community: a few products, questions and ideas hold most of the activity
(counts follow a Zipf-like curve, `skewed_counts`), and most of the rest get little.

What lists show is kept exact, as the site's own services keep it: every counter on a row
(answers, votes, upvotes, comments, helpful votes), first-answer and last-activity dates and
solutions are computed from the inserted rows in a few UPDATE statements, and the search index
is built with the search app's own rebuild. Nothing goes through the per-object services (they
notify, audit and index one object at a time), which is what makes minutes possible.

The ground floor makes the products and members and runs the whole; each app adds its own rows
beside its models (`reviews/demo_scale.py`, `community/questions/demo_scale.py`,
`ideas/demo_scale.py`), as the `scale` of the demo step it registers (`community.demo.registry`),
and says how to check its counters (`checks`). The helpers below are theirs to use.

Members made here cannot sign in (no usable password); benchmarks sign in as the demo member.
"""

import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from community import searching
from community.demo.registry import steps
from community.demo.seed import seed_demo
from community.models import Member, ProductCategory, ProductPage
from community.products import product_stats_mismatches, refresh_all_product_stats
from community.site_setup import ensure_site_structure

BATCH = 5_000
EMAIL_DOMAIN = "scale.example"
SPAN = timedelta(days=730)  # the community's age: everything is dated within it
BUSIEST_THREAD = 200  # answers on the busiest question, whatever the scale


@dataclass(frozen=True)
class Scale:
    """How many of each thing a scaled community holds."""

    products: int
    members: int
    reviews: int
    questions: int
    answers: int
    ideas: int
    votes: int
    comments: int

    def divided(self, divisor: int) -> "Scale":
        return replace(
            self,
            **{item.name: max(2, getattr(self, item.name) // divisor) for item in fields(self)},
        )


LARGE = Scale(
    products=500,
    members=200_000,
    reviews=200_000,
    questions=100_000,
    answers=400_000,
    ideas=100_000,
    votes=1_000_000,
    comments=200_000,
)
SCALES = {"large": LARGE, "small": LARGE.divided(100)}


def skewed_counts(total: int, slots: int, *, exponent: float, cap: int) -> list[int]:
    """`total` things shared among `slots` along a Zipf-like curve (slot k gets a share in
    proportion to 1 / (k + 1) ** exponent), none above `cap`; the counts add up to `total`
    exactly (as long as slots × cap allows it). Slot 0 is the most popular."""
    total = min(total, slots * cap)
    weights = [1 / (k + 1) ** exponent for k in range(slots)]
    counts = [0] * slots
    remaining, open_slots = total, list(range(slots))
    while remaining > 0 and open_slots:
        weight_sum = sum(weights[k] for k in open_slots)
        given = 0
        for k in open_slots:
            share = min(cap - counts[k], math.floor(remaining * weights[k] / weight_sum))
            counts[k] += share
            given += share
        remaining -= given
        open_slots = [k for k in open_slots if counts[k] < cap]
        if given == 0:
            # Rounding left a few: one more each for the most popular slots that have room.
            for k in open_slots[:remaining]:
                counts[k] += 1
            remaining -= min(remaining, len(open_slots))
    return counts


def spread(counts: list[int]) -> list[int]:
    """Slot numbers repeated by their counts: [2, 0, 1] gives [0, 0, 2]."""
    return [slot for slot, count in enumerate(counts) for _ in range(count)]


@contextmanager
def dates_as_given(*models):
    """Let bulk inserts keep the `created_at` they are given (auto_now_add would overwrite it)."""
    touched = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False)
    ]
    saved = [(field, field.auto_now_add, field.auto_now) for field in touched]
    for field in touched:
        field.auto_now_add = field.auto_now = False
    try:
        yield
    finally:
        for field, auto_now_add, auto_now in saved:
            field.auto_now_add, field.auto_now = auto_now_add, auto_now


def insert_rows(model, rows) -> None:
    """Insert model instances as `bulk_create` would, much faster on PostgreSQL: there, the rows
    go in through COPY, which skips building one INSERT statement per batch (the seeder's main
    cost). The instances keep no primary key (the seeder reads back what it needs)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows)
        return
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and field.auto_created) and not field.generated
    ]
    adapted = {"JSONField", "UUIDField", "FileField", "ImageField"}
    now = timezone.now()
    converters = []  # (position, function) for the values psycopg cannot take as they are
    for position, field in enumerate(fields):
        if field.get_internal_type() in adapted:
            converters.append(
                (position, lambda value, field=field: field.get_db_prep_save(value, connection))
            )
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            # What bulk_create's pre_save would give a date left empty.
            converters.append((position, lambda value: now if value is None else value))
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    names = [field.attname for field in fields]
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = [getattr(row, name) for name in names]
            for position, convert in converters:
                values[position] = convert(values[position])
            copy.write_row(values)


class ScaleSeeder:
    """Builds one scaled community; `run()` does it all and returns the counts made.

    The ground floor's step makes the products and members (`product_ids`, `member_ids`, and
    `staff`: (member pk, staff card pk) of each active member of staff); each app's step then
    adds its own rows (`community.demo.registry`), with the seeder's random generator and
    dates, and records what it made in `made`."""

    def __init__(self, scale: Scale, *, seed: int = 12, log=print, with_demo: bool = True):
        self.scale = scale
        self.with_demo = with_demo
        self.random = random.Random(seed)
        self.log = log
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - SPAN
        self.made: dict[str, int] = {}
        self.product_ids: list[int] = []
        self.member_ids: list[int] = []
        self.staff: list[tuple[int, int]] = []
        self.started = time.perf_counter()

    # --- helpers ---------------------------------------------------------------------------

    def logged(self, label):
        """Log one thing made, with the time since the run started."""
        self.log(f"  {label} ({time.perf_counter() - self.started:.0f} s)")

    def date(self, position: int, count: int):
        """Dates rise with the insertion order, over the community's two years."""
        fraction = (position + self.random.random()) / max(1, count)
        return self.start + SPAN * min(fraction, 1.0)

    def later(self, moment, *, hours: float):
        return min(self.now, moment + timedelta(hours=self.random.expovariate(1 / hours)))

    @staticmethod
    def analyze(*models):
        """Fresh planner statistics for tables just filled. Without them PostgreSQL still
        believes the tables are empty (they were when migrations made them) and runs each
        correlated UPDATE as a sequential scan per row: minutes instead of seconds."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')

    # --- the run ---------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.started = time.perf_counter()
        if self.with_demo:
            seed_demo()
            self.logged("demo content")
        with transaction.atomic():
            for step in steps():
                if step.scale is not None:
                    step.scale(self)
            refresh_all_product_stats()
            self.logged("product counts")
        searching.rebuild()
        self.logged("search index")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.log(f"Done in {time.perf_counter() - self.started:.0f} s.")
        return self.made


def scale_ground_floor(seeder: ScaleSeeder) -> None:
    """The products, then the members."""
    _products(seeder)
    seeder.logged(f"{seeder.scale.products:,} products")
    _members(seeder)
    seeder.logged(f"{seeder.scale.members:,} members")


def _products(seeder):
    pages = ensure_site_structure()
    catalogue = pages.catalogue["en"]
    categories = list(ProductCategory.objects.filter(locale__language_code="en"))
    existing = ProductPage.objects.filter(locale__language_code="en").count()
    for number in range(seeder.scale.products):
        page = ProductPage(
            title=f"{NOUNS[number % len(NOUNS)].title()} {ADJECTIVES[number % 7]} {number}",
            slug=f"scale-product-{number}",
            tagline="A product of the scaled community.",
            category=categories[number % len(categories)] if categories else None,
            live=True,
        )
        catalogue.add_child(instance=page)
    # The demo's own products (with their pictures) come first: they are the popular ones.
    seeder.product_ids = list(
        ProductPage.objects.filter(locale__language_code="en")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    seeder.made["products"] = len(seeder.product_ids) - existing


def _members(seeder):
    count = seeder.scale.members
    for first in range(0, count, BATCH):
        with dates_as_given(Member):
            insert_rows(
                Member,
                [
                    Member(
                        email=f"member{n}@{EMAIL_DOMAIN}",
                        display_name=f"{FIRST_NAMES[n % len(FIRST_NAMES)]} "
                        f"{LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]}",
                        handle=f"member-{n}",
                        password="!",
                        date_joined=seeder.date(n, count),
                        guidelines_version="1",
                        preferred_language="fr" if n % 4 == 0 else "en",
                    )
                    for n in range(first, min(first + BATCH, count))
                ],
            )
    seeder.member_ids = list(
        Member.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    seeder.made["members"] = len(seeder.member_ids)
    seeder.analyze(Member)
    seeder.staff = list(
        Member.objects.filter(staff_card__is_active=True).values_list("pk", "staff_card__pk")
    )


def product_checks() -> dict[str, int]:
    return {"product counts": product_stats_mismatches()}


def counters_are_exact() -> dict[str, int]:
    """Rows whose stored counter differs from the count of the rows it stands for, by counter
    (all zero when the counters are exact), from every step's checks; used by the tests and
    the benchmark's checks."""
    mismatches = {}
    for step in steps():
        if step.checks is not None:
            mismatches.update(step.checks())
    return mismatches


def row_count(queryset, key):
    """The number of rows of `queryset` (filtered on an `OuterRef`) per `key`, for a
    subquery: 0 when there are none."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(key).annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


# --- Words -----------------------------------------------------------------------------------

NOUNS = ["espresso machine", "kettle", "headphones", "bike lamp", "backpack", "thermostat",
         "grinder", "toaster", "speaker", "desk lamp", "blender", "scale"]  # fmt: skip
ADJECTIVES = ["Mini", "Pro", "Air", "Classic", "Max", "Go", "One"]
FIRST_NAMES = ["Camille", "Louis", "Emma", "Noah", "Jade", "Hugo", "Léa", "Arthur", "Chloé",
               "Jules", "Alice", "Adam", "Inès", "Paul", "Sarah", "Tom", "Zoé", "Liam", "Nina",
               "Sam"]  # fmt: skip
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
              "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David",
              "Bertrand", "Roux", "Vincent", "Fournier", "Smith", "Jones", "Brown", "Taylor",
              "Wilson"]  # fmt: skip
