"""The scaled community's questions (`seed_demo --scale`), by bulk inserts: questions on
products and in topics, answers and replies, the busiest thread with exactly
`community.demo.scale.BUSIEST_THREAD` answers, and the counters, first-answer dates and
solutions the services would keep, computed from the rows."""

from django.db.models import F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from community.demo import scale as scaling
from community.demo.scale import (
    BATCH,
    dates_as_given,
    insert_rows,
    row_count,
    skewed_counts,
    spread,
)
from community.markdown import render_markdown
from community.questions.models import Answer, Question, QuestionStatus, Topic


def scale_questions(seeder) -> None:
    count = seeder.scale.questions
    topics = list(Topic.objects.values_list("pk", flat=True))
    per_product = skewed_counts(count, len(seeder.product_ids), exponent=1.1, cap=count)
    products = spread(per_product)
    seeder.random.shuffle(products)
    body, body_html = QUESTION_BODY, render_markdown(QUESTION_BODY)
    rows = []
    with dates_as_given(Question):
        for n in range(count):
            created = seeder.date(n, count)
            in_topic = topics and n % 5 == 0
            rows.append(
                Question(
                    author_id=seeder.member_ids[(n * 13) % len(seeder.member_ids)],
                    title=f"{QUESTION_TITLES[n % len(QUESTION_TITLES)]} (#{n})",
                    body=body,
                    body_html=body_html,
                    product_id=None if in_topic else seeder.product_ids[products[n]],
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
    seeder.random.shuffle(order)
    top_level = seeder.scale.answers * 4 // 5
    busiest_thread = scaling.BUSIEST_THREAD  # read now: the tests change it
    busiest = min(busiest_thread, top_level)
    per_question = [busiest] + skewed_counts(
        top_level - busiest, len(questions) - 1, exponent=0.6, cap=busiest_thread - 1
    )
    answer_body, answer_html = ANSWER_BODY, render_markdown(ANSWER_BODY)
    made = 0
    rows = []
    with dates_as_given(Answer):
        for rank, index in enumerate(order):
            question_id, asked, asker = questions[index]
            moment = asked
            for k in range(per_question[rank]):
                moment = seeder.later(moment, hours=30)
                staff = seeder.staff and k == 1 and rank % 3 == 0
                author, card = (
                    seeder.staff[rank % len(seeder.staff)]
                    if staff
                    else (seeder.member_ids[(rank * 31 + k * 7919) % len(seeder.member_ids)], None)
                )
                if author == asker:
                    author = seeder.member_ids[(rank + k + 1) % len(seeder.member_ids)]
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
    seeder.made["answers"] = made + _replies(seeder)
    _question_counters(seeder)
    seeder.logged(
        f"{seeder.scale.questions:,} questions, {seeder.made['answers']:,} answers and replies"
    )


def _replies(seeder) -> int:
    """One reply in five is under an answer: under the busiest answers first."""
    count = seeder.scale.answers - seeder.scale.answers * 4 // 5
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
            moment = seeder.later(created, hours=6)
            rows.append(
                Answer(
                    question_id=question,
                    parent_id=parent,
                    author_id=seeder.member_ids[(n * 17 + 3) % len(seeder.member_ids)],
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


def _question_counters(seeder) -> None:
    """Answer counts, first answers, first staff answers, last activity and solutions, from
    the rows, as the services keep them."""
    seeder.analyze(Question, Answer)
    scaled = Question.objects.filter(title__contains="(#")
    answers = Answer.objects.filter(question=OuterRef("pk"))
    top = answers.filter(parent__isnull=True)
    scaled.update(
        answer_count=row_count(top, "question"),
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
    seeder.made["questions"] = scaled.count()


def counter_checks() -> dict[str, int]:
    """Questions whose stored counters or dates disagree with their rows, by counter."""
    answers = Answer.objects.counted().filter(question=OuterRef("pk"))
    return {
        "question answers": Question.objects.annotate(real=row_count(answers, "question"))
        .exclude(answer_count=F("real"))
        .count(),
        "questions without activity date": Question.objects.filter(
            last_activity_at__isnull=True
        ).count(),
        "solutions elsewhere": Question.objects.filter(solution__isnull=False)
        .exclude(solution__question=F("pk"))
        .count(),
        "solved without solution": Question.objects.filter(
            Q(status="solved") & Q(solution__isnull=True)
        ).count(),
    }


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
