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

Members made here cannot sign in (no usable password); benchmarks sign in as the demo member.
"""

import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from community import searching
from community.markdown import render_markdown
from community.products import product_stats_mismatches, refresh_all_product_stats

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
    """Builds one scaled community; `run()` does it all and returns the counts made."""

    def __init__(self, scale: Scale, *, seed: int = 12, log=print, with_demo: bool = True):
        self.scale = scale
        self.with_demo = with_demo
        self.random = random.Random(seed)
        self.log = log
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - SPAN
        self.made: dict[str, int] = {}

    # --- helpers ---------------------------------------------------------------------------

    def step(self, label, started):
        self.log(f"  {label} ({time.perf_counter() - started:.0f} s)")

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
        correlated UPDATE below as a sequential scan per row: minutes instead of seconds."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')

    # --- the run ---------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        started = time.perf_counter()
        from community.demo import seed_demo

        if self.with_demo:
            seed_demo()
            self.step("demo content", started)
        with transaction.atomic():
            self.products()
            self.step(f"{self.scale.products:,} products", started)
            self.members()
            self.step(f"{self.scale.members:,} members", started)
            self.reviews()
            self.step(f"{self.scale.reviews:,} reviews", started)
            self.questions()
            self.step(
                f"{self.scale.questions:,} questions, {self.made['answers']:,} answers and replies",
                started,
            )
            self.ideas()
            self.step(
                f"{self.scale.ideas:,} ideas, {self.made['votes']:,} votes, "
                f"{self.made['comments']:,} comments",
                started,
            )
            refresh_all_product_stats()
            self.step("product counts", started)
        self.search_index()
        self.step("search index", started)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.log(f"Done in {time.perf_counter() - started:.0f} s.")
        return self.made

    def products(self):
        from community.models import ProductCategory, ProductPage
        from community.site_setup import ensure_site_structure

        pages = ensure_site_structure()
        catalogue = pages.catalogue["en"]
        categories = list(ProductCategory.objects.filter(locale__language_code="en"))
        existing = ProductPage.objects.filter(locale__language_code="en").count()
        for number in range(self.scale.products):
            page = ProductPage(
                title=f"{NOUNS[number % len(NOUNS)].title()} {ADJECTIVES[number % 7]} {number}",
                slug=f"scale-product-{number}",
                tagline="A product of the scaled community.",
                category=categories[number % len(categories)] if categories else None,
                live=True,
            )
            catalogue.add_child(instance=page)
        # The demo's own products (with their pictures) come first: they are the popular ones.
        self.product_ids = list(
            ProductPage.objects.filter(locale__language_code="en")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.made["products"] = len(self.product_ids) - existing

    def members(self):
        from community.models import Member

        count = self.scale.members
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
                            date_joined=self.date(n, count),
                            guidelines_version="1",
                            preferred_language="fr" if n % 4 == 0 else "en",
                        )
                        for n in range(first, min(first + BATCH, count))
                    ],
                )
        self.member_ids = list(
            Member.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.made["members"] = len(self.member_ids)
        self.analyze(Member)
        staff = list(
            Member.objects.filter(staff_card__is_active=True).values_list("pk", "staff_card__pk")
        )
        self.staff = staff

    def reviews(self):
        from reviews.models import Review

        count = self.scale.reviews
        per_product = skewed_counts(count, len(self.product_ids), exponent=1.1, cap=count)
        products = spread(per_product)
        self.random.shuffle(products)
        ratings = [5, 5, 5, 4, 4, 4, 3, 2, 1]
        rows = []
        with dates_as_given(Review):
            for n in range(count):
                product = products[n]
                created = self.date(n, count)
                rating = ratings[(n * 7 + product) % len(ratings)]
                rows.append(
                    Review(
                        author_id=self.member_ids[n % len(self.member_ids)],
                        product_id=self.product_ids[product],
                        rating=rating,
                        title=REVIEW_TITLES[rating][n % len(REVIEW_TITLES[rating])],
                        text=REVIEW_TEXT,
                        pros="Quiet, well made",
                        cons="The manual is thin" if rating < 5 else "",
                        published_at=created,
                        created_at=created,
                        language="fr" if n % 4 == 0 else "en",
                    )
                )
                if len(rows) == BATCH:
                    insert_rows(Review, rows)
                    rows = []
            insert_rows(Review, rows)
        self.analyze(Review)
        self.made["reviews"] = count

    def questions(self):
        from community.models import Answer, Question, Topic

        count = self.scale.questions
        topics = list(Topic.objects.values_list("pk", flat=True))
        per_product = skewed_counts(count, len(self.product_ids), exponent=1.1, cap=count)
        products = spread(per_product)
        self.random.shuffle(products)
        body, body_html = QUESTION_BODY, render_markdown(QUESTION_BODY)
        rows = []
        with dates_as_given(Question):
            for n in range(count):
                created = self.date(n, count)
                in_topic = topics and n % 5 == 0
                rows.append(
                    Question(
                        author_id=self.member_ids[(n * 13) % len(self.member_ids)],
                        title=f"{QUESTION_TITLES[n % len(QUESTION_TITLES)]} (#{n})",
                        body=body,
                        body_html=body_html,
                        product_id=None if in_topic else self.product_ids[products[n]],
                        topic_id=topics[n % len(topics)] if in_topic else None,
                        created_at=created,
                        published_at=created,
                        last_activity_at=created,
                        language="fr" if n % 4 == 0 else "en",
                    )
                )
                if len(rows) == BATCH:
                    insert_rows(Question, rows)
                    rows = []
            insert_rows(Question, rows)
        questions = list(
            Question.objects.filter(title__endswith=")")
            .filter(title__contains="(#")
            .order_by("pk")
            .values_list("pk", "created_at", "author_id")
        )
        # Answers: questions are ranked by popularity at random, so that busy threads are
        # spread over the years. The busiest has exactly BUSIEST_THREAD answers at every scale
        # (the benchmark's "question with 200 answers"); a few others come close.
        order = list(range(len(questions)))
        self.random.shuffle(order)
        top_level = self.scale.answers * 4 // 5
        busiest = min(BUSIEST_THREAD, top_level)
        per_question = [busiest] + skewed_counts(
            top_level - busiest, len(questions) - 1, exponent=0.6, cap=BUSIEST_THREAD - 1
        )
        answer_body, answer_html = ANSWER_BODY, render_markdown(ANSWER_BODY)
        made = 0
        rows = []
        with dates_as_given(Answer):
            for rank, index in enumerate(order):
                question_id, asked, asker = questions[index]
                moment = asked
                for k in range(per_question[rank]):
                    moment = self.later(moment, hours=30)
                    staff = self.staff and k == 1 and rank % 3 == 0
                    author, card = (
                        self.staff[rank % len(self.staff)]
                        if staff
                        else (self.member_ids[(rank * 31 + k * 7919) % len(self.member_ids)], None)
                    )
                    if author == asker:
                        author = self.member_ids[(rank + k + 1) % len(self.member_ids)]
                    rows.append(
                        Answer(
                            question_id=question_id,
                            author_id=author,
                            author_card_id=card,
                            written_as="staff" if card else "member",
                            body=answer_body,
                            body_html=answer_html,
                            created_at=moment,
                            published_at=moment,
                            upvote_count=0,
                        )
                    )
                    if len(rows) == BATCH:
                        insert_rows(Answer, rows)
                        made += len(rows)
                        rows = []
            insert_rows(Answer, rows)
            made += len(rows)
        self.made["answers"] = made + self.replies()
        self.question_counters()

    def replies(self) -> int:
        """One reply in five is under an answer: under the busiest answers first."""
        from community.models import Answer

        count = self.scale.answers - self.scale.answers * 4 // 5
        parents = list(
            Answer.objects.filter(parent__isnull=True, body=ANSWER_BODY)
            .order_by("pk")
            .values_list("pk", "question_id", "created_at")[: count * 2]
        )
        if not parents:
            return 0
        body_html = render_markdown(REPLY_BODY)
        rows = []
        made = 0
        with dates_as_given(Answer):
            for n in range(count):
                parent, question, created = parents[(n * 2) % len(parents)]
                moment = self.later(created, hours=6)
                rows.append(
                    Answer(
                        question_id=question,
                        parent_id=parent,
                        author_id=self.member_ids[(n * 17 + 3) % len(self.member_ids)],
                        body=REPLY_BODY,
                        body_html=body_html,
                        created_at=moment,
                        published_at=moment,
                    )
                )
                if len(rows) == BATCH:
                    insert_rows(Answer, rows)
                    made += len(rows)
                    rows = []
            insert_rows(Answer, rows)
        return made + len(rows)

    def question_counters(self):
        """Answer counts, first answers, first staff answers, last activity and solutions, from
        the rows, as the services keep them."""
        from community.models import Answer, Question, QuestionStatus

        self.analyze(Question, Answer)
        scaled = Question.objects.filter(title__contains="(#")
        answers = Answer.objects.filter(question=OuterRef("pk"))
        top = answers.filter(parent__isnull=True)
        scaled.update(
            answer_count=_count(top, "question"),
            first_answer_at=Subquery(
                top.exclude(author=OuterRef("author"))
                .order_by()
                .values("question")
                .annotate(first=Min("created_at"))
                .values("first")
            ),
            first_staff_answer_at=Subquery(
                top.filter(written_as="staff")
                .order_by()
                .values("question")
                .annotate(first=Min("created_at"))
                .values("first")
            ),
        )
        scaled.update(
            last_activity_at=Coalesce(
                Subquery(
                    answers.order_by()
                    .values("question")
                    .annotate(last=Max("created_at"))
                    .values("last")
                ),
                F("created_at"),
            )
        )
        # Four in ten answered questions are solved by their first answer.
        solved = scaled.filter(answer_count__gt=0).annotate(
            first=Subquery(top.order_by("created_at", "pk").values("pk")[:1])
        )
        solved_ids = list(solved.values_list("pk", "first", "first_answer_at"))
        by_solution = [
            (pk, first, at) for index, (pk, first, at) in enumerate(solved_ids) if index % 5 < 2
        ]
        for first in range(0, len(by_solution), BATCH):
            chunk = by_solution[first : first + BATCH]
            rows = Question.objects.in_bulk([pk for pk, _first, _at in chunk])
            for pk, answer, at in chunk:
                row = rows[pk]
                row.status = QuestionStatus.SOLVED
                row.solution_id = answer
                row.solved_at = at or row.created_at
            Question.objects.bulk_update(rows.values(), ["status", "solution", "solved_at"])
        self.made["questions"] = scaled.count()

    def ideas(self):
        from ideas.models import Comment, Idea, IdeaVote, Importance, Status, idea_slug

        count = self.scale.ideas
        statuses = list(Status.objects.order_by("order"))
        weights = [60, 15, 10, 6, 5, 4][: len(statuses)] + [1] * max(0, len(statuses) - 6)
        body, body_html = IDEA_BODY, render_markdown(IDEA_BODY)
        per_idea = skewed_counts(self.scale.votes, count, exponent=0.7, cap=len(self.member_ids))
        comments = skewed_counts(self.scale.comments, count, exponent=0.7, cap=500)
        order = list(range(count))
        self.random.shuffle(order)  # popular ideas anywhere in time
        votes_of = [0] * count
        comments_of = [0] * count
        for rank, index in enumerate(order):
            votes_of[index], comments_of[index] = per_idea[rank], comments[rank]
        rows = []
        with dates_as_given(Idea):
            for n in range(count):
                created = self.date(n, count)
                title = f"{IDEA_TITLES[n % len(IDEA_TITLES)]} (#{n})"
                rows.append(
                    Idea(
                        author_id=self.member_ids[(n * 29 + 5) % len(self.member_ids)],
                        title=title,
                        slug=idea_slug(title),
                        body=body,
                        body_html=body_html,
                        product_id=self.product_ids[n % len(self.product_ids)] if n % 4 else None,
                        status=self.random.choices(statuses, weights)[0],
                        vote_count=votes_of[n],
                        comment_count=comments_of[n],
                        created_at=created,
                        published_at=created,
                        last_activity_at=created,
                    )
                )
                if len(rows) == BATCH:
                    insert_rows(Idea, rows)
                    rows = []
            insert_rows(Idea, rows)
        ideas = list(
            Idea.objects.filter(title__contains="(#")
            .order_by("pk")
            .values_list("pk", "created_at", "author_id")
        )
        levels = [Importance.NICE, Importance.IMPORTANT, Importance.ESSENTIAL]
        members = self.member_ids
        step = 7919  # a prime that divides no member count: one idea's voters all differ
        rows, votes = [], 0
        with dates_as_given(IdeaVote):
            for index, (idea_id, created, _author) in enumerate(ideas):
                for k in range(votes_of[index]):
                    member = members[(index * 31 + k * step) % len(members)]
                    moment = self.later(created, hours=24 * 20)
                    rows.append(
                        IdeaVote(
                            idea_id=idea_id,
                            member_id=member,
                            importance=levels[(index + k) % 3],
                            created_at=moment,
                            updated_at=moment,
                        )
                    )
                    if len(rows) == BATCH * 4:
                        insert_rows(IdeaVote, rows)
                        votes += len(rows)
                        rows = []
            insert_rows(IdeaVote, rows)
            votes += len(rows)
        self.analyze(Idea, IdeaVote)
        self.decisions(statuses[0])
        comment_html = render_markdown(COMMENT_BODY)
        rows, made = [], 0
        with dates_as_given(Comment):
            for index, (idea_id, created, _author) in enumerate(ideas):
                moment = created
                for k in range(comments_of[index]):
                    moment = self.later(moment, hours=48)
                    rows.append(
                        Comment(
                            idea_id=idea_id,
                            author_id=members[(index * 37 + k * 104_729) % len(members)],
                            body=COMMENT_BODY,
                            body_html=comment_html,
                            created_at=moment,
                            published_at=moment,
                        )
                    )
                    if len(rows) == BATCH:
                        insert_rows(Comment, rows)
                        made += len(rows)
                        rows = []
            insert_rows(Comment, rows)
            made += len(rows)
        self.analyze(Comment)
        scaled = Idea.objects.filter(title__contains="(#")
        scaled.update(
            last_activity_at=Coalesce(
                Subquery(
                    Comment.objects.filter(idea=OuterRef("pk"))
                    .order_by()
                    .values("idea")
                    .annotate(last=Max("created_at"))
                    .values("last")
                ),
                F("created_at"),
            )
        )
        self.made.update(ideas=len(ideas), votes=votes, comments=made)

    def decisions(self, first_status):
        """Ideas past the first status got there by a decision signed by a member of staff."""
        from ideas.models import Idea, StatusChange

        scaled = Idea.objects.filter(title__contains="(#")
        decided = list(
            scaled.exclude(status=first_status).values_list("pk", "status_id", "created_at")
        )
        note, note_html = DECISION_NOTE, render_markdown(DECISION_NOTE)
        rows = []
        with dates_as_given(StatusChange):
            for index, (idea_id, status_id, created) in enumerate(decided):
                author, card = self.staff[index % len(self.staff)] if self.staff else (None, None)
                rows.append(
                    StatusChange(
                        idea_id=idea_id,
                        from_status=first_status,
                        to_status_id=status_id,
                        note=note,
                        note_html=note_html,
                        author_id=author,
                        author_card_id=card,
                        written_as="staff" if card else "member",
                        created_at=self.later(created, hours=24 * 30),
                    )
                )
                if len(rows) == BATCH:
                    insert_rows(StatusChange, rows)
                    rows = []
            insert_rows(StatusChange, rows)
        self.analyze(StatusChange)
        latest = StatusChange.objects.filter(idea=OuterRef("pk")).order_by("-created_at", "-pk")
        scaled.exclude(status=first_status).update(
            last_status_change=Subquery(latest.values("pk")[:1]),
            status_changed_at=Subquery(latest.values("created_at")[:1]),
        )

    def search_index(self):
        searching.rebuild()


def counters_are_exact() -> dict[str, int]:
    """Rows whose stored counter differs from the count of the rows it stands for, by counter
    (all zero when the counters are exact); used by the tests and the benchmark's checks."""
    from community.models import Answer, Question
    from ideas.models import Comment, Idea, IdeaVote

    answers = Answer.objects.counted().filter(question=OuterRef("pk"))
    comments = Comment.objects.counted().filter(idea=OuterRef("pk"))
    votes = IdeaVote.objects.filter(idea=OuterRef("pk"))
    return {
        "question answers": Question.objects.annotate(real=_count(answers, "question"))
        .exclude(answer_count=F("real"))
        .count(),
        "idea votes": Idea.objects.annotate(real=_count(votes, "idea"))
        .exclude(vote_count=F("real"))
        .count(),
        "idea comments": Idea.objects.annotate(real=_count(comments, "idea"))
        .exclude(comment_count=F("real"))
        .count(),
        "questions without activity date": Question.objects.filter(
            last_activity_at__isnull=True
        ).count(),
        "ideas commented before they were posted": Idea.objects.filter(
            Exists(
                Comment.objects.filter(idea=OuterRef("pk"), created_at__lt=OuterRef("created_at"))
            )
        ).count(),
        "solutions elsewhere": Question.objects.filter(solution__isnull=False)
        .exclude(solution__question=F("pk"))
        .count(),
        "solved without solution": Question.objects.filter(
            Q(status="solved") & Q(solution__isnull=True)
        ).count(),
        "product counts": product_stats_mismatches(),
    }


def _count(queryset, key):
    from django.db.models import IntegerField

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
REVIEW_TITLES = {
    5: ["Exactly what I hoped for", "Best purchase this year", "Quiet and quick"],
    4: ["Very good, a few quirks", "Solid, with one annoyance"],
    3: ["Does the job", "Fine for the price"],
    2: ["Disappointing after a month"],
    1: ["Broke within weeks"],
}
REVIEW_TEXT = (
    "I have used it every morning for three months. It heats up quickly, the controls are "
    "clear and cleaning takes a minute. The descaling reminder comes a little too often."
)
QUESTION_TITLES = [
    "How often should I descale it?",
    "Can I use it with a 110 V outlet?",
    "Where do I find the serial number?",
    "Is the water tank dishwasher safe?",
    "Why does the light blink orange?",
    "Which filter fits this model?",
    "Can two people pair their phones at once?",
    "How do I reset it to factory settings?",
]
QUESTION_BODY = (
    "I bought it last month and the manual does not say. Has anyone found out?\n\n"
    "I tried the **settings menu** but found nothing there."
)
ANSWER_BODY = (
    "Mine does the same. Hold the **power** button for ten seconds, then follow the steps in "
    "section 4 of the manual; it worked for me on the second try."
)
REPLY_BODY = "Thank you, that worked for me too."
IDEA_TITLES = [
    "Start the machine on a schedule",
    "Show the remaining water on the display",
    "A quieter night mode",
    "Export my settings to a file",
    "Longer cable in the box",
    "Dark mode in the app",
    "A refill reminder by e-mail",
]
IDEA_BODY = (
    "I would like the machine to **start by itself** at 6:45 on weekdays.\n\n"
    "Today I wait every morning."
)
COMMENT_BODY = "Yes please, I would use this every day."
DECISION_NOTE = "We read every vote on this one: **thank you**. We will post here as it moves."
