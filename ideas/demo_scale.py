"""The scaled community's ideas (`seed_demo --scale`), by bulk inserts: ideas in every
status, with votes and comments skewed as in a real community, the decisions that moved them,
and the counters the services would keep, computed from the rows."""

from django.db.models import Exists, F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from community.demo.scale import (
    BATCH,
    dates_as_given,
    insert_rows,
    row_count,
    skewed_counts,
)
from community.markdown import render_markdown
from ideas.models import Comment, Idea, IdeaVote, Importance, Status, StatusChange, idea_slug


def scale_ideas(seeder) -> None:
    count = seeder.scale.ideas
    statuses = list(Status.objects.order_by("order"))
    weights = [60, 15, 10, 6, 5, 4][: len(statuses)] + [1] * max(0, len(statuses) - 6)
    body, body_html = IDEA_BODY, render_markdown(IDEA_BODY)
    per_idea = skewed_counts(seeder.scale.votes, count, exponent=0.7, cap=len(seeder.member_ids))
    comments = skewed_counts(seeder.scale.comments, count, exponent=0.7, cap=500)
    order = list(range(count))
    seeder.random.shuffle(order)  # popular ideas anywhere in time
    votes_of = [0] * count
    comments_of = [0] * count
    for rank, index in enumerate(order):
        votes_of[index], comments_of[index] = per_idea[rank], comments[rank]
    rows = []
    with dates_as_given(Idea):
        for n in range(count):
            created = seeder.date(n, count)
            title = f"{IDEA_TITLES[n % len(IDEA_TITLES)]} (#{n})"
            rows.append(
                Idea(
                    author_id=seeder.member_ids[(n * 29 + 5) % len(seeder.member_ids)],
                    title=title,
                    slug=idea_slug(title),
                    body=body,
                    body_html=body_html,
                    product_id=seeder.product_ids[n % len(seeder.product_ids)] if n % 4 else None,
                    status=seeder.random.choices(statuses, weights)[0],
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
    members = seeder.member_ids
    step = 7919  # a prime that divides no member count: one idea's voters all differ
    rows, votes = [], 0
    with dates_as_given(IdeaVote):
        for index, (idea_id, created, _author) in enumerate(ideas):
            for k in range(votes_of[index]):
                member = members[(index * 31 + k * step) % len(members)]
                moment = seeder.later(created, hours=24 * 20)
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
    seeder.analyze(Idea, IdeaVote)
    _decisions(seeder, statuses[0])
    comment_html = render_markdown(COMMENT_BODY)
    rows, made = [], 0
    with dates_as_given(Comment):
        for index, (idea_id, created, _author) in enumerate(ideas):
            moment = created
            for k in range(comments_of[index]):
                moment = seeder.later(moment, hours=48)
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
    seeder.analyze(Comment)
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
    seeder.made.update(ideas=len(ideas), votes=votes, comments=made)
    seeder.logged(f"{count:,} ideas, {votes:,} votes, {made:,} comments")


def _decisions(seeder, first_status) -> None:
    """Ideas past the first status got there by a decision signed by a member of staff."""
    scaled = Idea.objects.filter(title__contains="(#")
    decided = list(scaled.exclude(status=first_status).values_list("pk", "status_id", "created_at"))
    note, note_html = DECISION_NOTE, render_markdown(DECISION_NOTE)
    rows = []
    with dates_as_given(StatusChange):
        for index, (idea_id, status_id, created) in enumerate(decided):
            author, card = seeder.staff[index % len(seeder.staff)] if seeder.staff else (None, None)
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
                    created_at=seeder.later(created, hours=24 * 30),
                )
            )
            if len(rows) == BATCH:
                insert_rows(StatusChange, rows)
                rows = []
        insert_rows(StatusChange, rows)
    seeder.analyze(StatusChange)
    latest = StatusChange.objects.filter(idea=OuterRef("pk")).order_by("-created_at", "-pk")
    scaled.exclude(status=first_status).update(
        last_status_change=Subquery(latest.values("pk")[:1]),
        status_changed_at=Subquery(latest.values("created_at")[:1]),
    )


def counter_checks() -> dict[str, int]:
    """Ideas whose stored counters or dates disagree with their rows, by counter."""
    comments = Comment.objects.counted().filter(idea=OuterRef("pk"))
    votes = IdeaVote.objects.filter(idea=OuterRef("pk"))
    return {
        "idea votes": Idea.objects.annotate(real=row_count(votes, "idea"))
        .exclude(vote_count=F("real"))
        .count(),
        "idea comments": Idea.objects.annotate(real=row_count(comments, "idea"))
        .exclude(comment_count=F("real"))
        .count(),
        "ideas commented before they were posted": Idea.objects.filter(
            Exists(
                Comment.objects.filter(idea=OuterRef("pk"), created_at__lt=OuterRef("created_at"))
            )
        ).count(),
    }


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
