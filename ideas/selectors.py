"""Every read an ideas page needs, with its joins: the ideas list and an idea's page cost the
same number of queries with 5 votes or comments as with 5,000."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.utils import timezone

from community.i18n import current_language
from community.models import ModerationState, Report, Segment
from community.moderation.selectors import visible_in_thread
from community.pagination import KeysetPaginator
from community.products import catalogue_products, products_in_language
from community.selectors import reports_and_follows
from community.similar import similar
from ideas.models import (
    Comment,
    DeclineReason,
    Idea,
    IdeaVote,
    Importance,
    Merge,
    MergedVote,
    ShipFeedback,
    Status,
    StatusChange,
    Tag,
)

TRENDING_DAYS = 30
HISTORY_DAYS = 90
SORTS = {
    "top": ("-vote_count", "-created_at", "-pk"),
    "trending": ("-recent_votes", "-vote_count", "-pk"),
    "newest": ("-created_at", "-pk"),
    "updated": ("-last_activity_at", "-pk"),
    "score": (F("score").desc(nulls_last=True), "-vote_count", "-pk"),
}
DEFAULT_SORT = "top"
STAFF_SORTS = {"score"}
# Sorts on the ideas' own fields, which the list pages through with a keyset (`?after=`) read
# from the `idea_list_*` indexes; trending sorts on a count of recent votes, so it pages with
# numbers.
KEYSET_SORTS = {
    "top": ("-vote_count", "-created_at", "-pk"),
    "newest": ("-created_at", "-pk"),
    "updated": ("-last_activity_at", "-pk"),
    "score": ("-score", "-vote_count", "-pk"),
}

CARD_RELATIONS = ("author", "author_card__member", "author_card__team")


# Statuses, reasons, tags, products


def statuses():
    return Status.objects.order_by("order", "pk")


def roadmap_statuses():
    return statuses().filter(on_roadmap=True)


def decline_reasons():
    return DeclineReason.objects.filter(active=True).order_by("order", "pk")


def tags():
    return Tag.objects.order_by("name_en")


def product_choices(language=None):
    """(product, its page in the reader's language) for filters and forms, in two queries."""
    products = list(catalogue_products())
    pages = products_in_language(products, language or current_language())
    return sorted(((p, pages[p.pk]) for p in products), key=lambda pair: pair[1].title.lower())


# Lists


def listed_ideas():
    """Ideas that lists show: not deleted, and not merged into another one."""
    return Idea.objects.public().filter(merged_into__isnull=True)


def _viewer_importance(viewer):
    if viewer is None or not viewer.is_authenticated:
        return Value(None, output_field=IntegerField())
    return Subquery(
        IdeaVote.objects.filter(idea=OuterRef("pk"), member=viewer).values("importance")[:1]
    )


def with_card_data(queryset, viewer=None):
    """What an idea card shows: status, product, author, tags and the viewer's vote."""
    return (
        queryset.select_related("status", "product", *CARD_RELATIONS)
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name_en")))
        .annotate(viewer_importance=_viewer_importance(viewer))
    )


def _recent_votes(days=TRENDING_DAYS):
    since = timezone.now() - timedelta(days=days)
    counted = (
        IdeaVote.objects.filter(idea=OuterRef("pk"), created_at__gte=since)
        .order_by()
        .values("idea")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def filter_ideas(ideas, *, status=None, product=None, tag=None, since=None, until=None):
    """The ideas list's filters (`forms.IdeaFilterForm`), which the backlog export and the API
    apply too. `since` and `until` are days, both included, in the site's time zone."""
    if status is not None:
        ideas = ideas.filter(status=status)
    if product is not None:
        ideas = ideas.filter(product=product)
    if tag is not None:
        ideas = ideas.filter(tags=tag)
    if since is not None:
        ideas = ideas.filter(created_at__gte=_start_of_day(since))
    if until is not None:
        ideas = ideas.filter(created_at__lt=_start_of_day(until + timedelta(days=1)))
    return ideas


def _start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def idea_list(
    *,
    viewer=None,
    status=None,
    product=None,
    tag=None,
    since=None,
    until=None,
    mine=False,
    voted=False,
    sort=DEFAULT_SORT,
):
    """The ideas list, filtered (`filter_ideas`) and sorted as the reader asked."""
    ideas = filter_ideas(
        listed_ideas(), status=status, product=product, tag=tag, since=since, until=until
    )
    signed_in = viewer is not None and viewer.is_authenticated
    if mine and signed_in:
        ideas = ideas.filter(author=viewer)
    if voted and signed_in:
        ideas = ideas.filter(Exists(IdeaVote.objects.filter(idea=OuterRef("pk"), member=viewer)))
    if sort not in SORTS:
        sort = DEFAULT_SORT
    if sort == "trending":
        ideas = ideas.annotate(recent_votes=_recent_votes())
    return with_card_data(ideas, viewer).order_by(*SORTS[sort])


def product_top_ideas(product, *, viewer=None, limit=5):
    return idea_list(viewer=viewer, product=product).filter(status__kind=Status.Kind.OPEN)[:limit]


def member_ideas(member, *, viewer=None):
    """Ideas a member proposed, newest first, merged ones included (they point onwards)."""
    own = viewer is not None and viewer.pk == member.pk
    ideas = (Idea.objects.filter(deleted_at__isnull=True) if own else Idea.objects.public()).filter(
        author=member
    )
    return (
        with_card_data(ideas, viewer).select_related("merged_into").order_by("-created_at", "-pk")
    )


def member_votes(member):
    """A member's votes, newest first, with their ideas and who recorded them."""
    return (
        IdeaVote.objects.filter(member=member, idea__deleted_at__isnull=True)
        .select_related(
            "idea",
            "idea__status",
            "idea__product",
            "idea__merged_into",
            "recorded_by",
            "recorded_by__staff_card",
        )
        .order_by("-created_at", "-pk")
    )


def changelog():
    """Shipped ideas, the latest first, with the signed note that shipped them."""
    return (
        listed_ideas()
        .filter(status__kind=Status.Kind.SHIPPED)
        .select_related(
            "status",
            "product",
            "last_status_change",
            "last_status_change__author",
            "last_status_change__author_card__member",
            "last_status_change__author_card__team",
        )
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name_en")))
        .order_by(F("status_changed_at").desc(nulls_last=True), "-pk")
    )


ROADMAP_ORDER = ("-vote_count", "-created_at", "-pk")


def roadmap(*, product=None, tag=None, per_column=30, viewer=None):
    """The roadmap's columns: each roadmap status with its most voted ideas and how many ideas it
    holds, in two queries (and the cards' tags) whatever the number of ideas.

    The first query reads the roadmap statuses with, for each, its idea count and (on
    PostgreSQL) the numbers of its top `per_column` ideas, each read from the
    `idea_list_status_top` index; the second loads those cards. Elsewhere the cards come from a
    window function over the roadmap's ideas, which is fine for small data sets.

    Returns [(status, ideas, total)]; `total` counts every idea in that column.
    """
    ideas = listed_ideas()
    if product is not None:
        ideas = ideas.filter(product=product)
    if tag is not None:
        ideas = ideas.filter(tags=tag)
    in_column = ideas.filter(status=OuterRef("pk")).order_by()
    counted = in_column.values("status").annotate(count=Count("pk")).values("count")
    columns = roadmap_statuses().annotate(
        total=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )
    if connection.vendor == "postgresql":
        top = in_column.order_by(*ROADMAP_ORDER).values("pk")[:per_column]
        columns = list(columns.annotate(top_ids=ArraySubquery(top)))
        cards = Idea.objects.filter(pk__in=[pk for status in columns for pk in status.top_ids])
    else:
        columns = list(columns)
        cards = (
            ideas.filter(status__on_roadmap=True)
            .annotate(
                column_rank=Window(
                    RowNumber(),
                    partition_by=[F("status_id")],
                    order_by=[F(name[1:]).desc() for name in ROADMAP_ORDER],
                )
            )
            .filter(column_rank__lte=per_column)
        )
    by_status = {status.pk: [] for status in columns}
    if columns:
        for idea in with_card_data(cards, viewer).order_by(*ROADMAP_ORDER):
            by_status.setdefault(idea.status_id, []).append(idea)
    return [(status, by_status[status.pk], status.total) for status in columns]


def similar_ideas(text, *, exclude=None, limit=5):
    """Ideas that say what the title being typed says (`community.similar`), best first, with
    their status, for people about to propose one."""
    candidates = listed_ideas().select_related("status")
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    return similar(candidates, text, limit=limit)


# One idea


def idea_for_page(pk):
    return (
        Idea.objects.select_related(
            "status",
            "product",
            "merged_into",
            "merged_into__status",
            "deleted_by",
            "moderated_by__staff_card",
            "moderator_edited_by__staff_card",
            *CARD_RELATIONS,
        )
        .prefetch_related(
            Prefetch("tags", queryset=Tag.objects.order_by("name_en")),
            "images",
        )
        .filter(pk=pk)
        .first()
    )


def merge_preview(idea, into) -> dict:
    """What merging `idea` into `into` does to its votes, for the confirmation staff read before
    they merge: the votes that move, and those of members who voted for both (counted once,
    with the higher importance). One query."""
    kept_voters = IdeaVote.objects.filter(idea=into).values("member_id")
    counts = IdeaVote.objects.filter(idea=idea).aggregate(
        votes=Count("pk"),
        both=Count("pk", filter=Q(member_id__in=kept_voters)),
    )
    return {
        "votes": counts["votes"],
        "moving": counts["votes"] - counts["both"],
        "both": counts["both"],
    }


def viewer_vote(idea, viewer):
    if viewer is None or not viewer.is_authenticated:
        return None
    return (
        IdeaVote.objects.filter(idea=idea, member=viewer)
        .select_related("recorded_by", "recorded_by__staff_card")
        .first()
    )


def importance_counts(idea) -> list[dict]:
    """Votes by importance, essential first, each with its share of the votes."""
    counts = dict(
        IdeaVote.objects.filter(idea=idea)
        .order_by()
        .values("importance")
        .annotate(count=Count("pk"))
        .values_list("importance", "count")
    )
    total = sum(counts.values())
    return [
        {
            "importance": importance,
            "label": importance.label,
            "count": counts.get(importance.value, 0),
            "percent": round(100 * counts.get(importance.value, 0) / total) if total else 0,
        }
        for importance in sorted(Importance, reverse=True)
    ]


def vote_history(idea, *, days=HISTORY_DAYS) -> dict:
    """The number of votes at the end of each day of the last `days` days (or since the idea
    was proposed, if later), from the dates the current votes were cast, in one query.

    The query reads only the votes of those days (from the `idea_vote_history` index), and the
    idea's exact count as it is now, so that a popular idea's years of votes are not read
    again: what came before is the count less the votes of those days.
    """
    today = timezone.localdate()
    first_day = max(today - timedelta(days=days - 1), timezone.localdate(idea.created_at))
    count_now = Subquery(Idea.objects.filter(pk=idea.pk).values("vote_count")[:1])
    per_day = (
        IdeaVote.objects.filter(idea=idea, created_at__gte=_start_of_day(first_day))
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("day")
        .annotate(count=Count("pk"), count_now=count_now)
        .values_list("day", "count", "count_now")
    )
    total, gained = idea.vote_count, {}
    for day, count, count_now in per_day:
        total = count_now
        gained[day] = gained.get(day, 0) + count
    before = max(total - sum(gained.values()), 0)
    series, running = [], before
    for offset in range((today - first_day).days + 1):
        day = first_day + timedelta(days=offset)
        running += gained.get(day, 0)
        series.append((day, running))
    return {"series": series, "start": before, "end": running, "first_day": first_day}


def timeline(idea) -> list:
    """The idea's signed decisions and merges, oldest first: its whole public history."""
    return timeline_and_merged_here(idea)[0]


def timeline_and_merged_here(idea) -> tuple[list, list]:
    """The idea's timeline (`timeline`), and the public ideas merged into it, newest first, for
    links to their discussions: both from the same two queries."""
    card = ("author", "author_card__member", "author_card__team")
    changes = StatusChange.objects.filter(idea=idea).select_related(
        "from_status", "to_status", "decline_reason", *card
    )
    merges = list(
        Merge.objects.filter(Q(idea=idea) | Q(into=idea))
        .select_related("idea", "into", "undone_by__staff_card", *card)
        .order_by("created_at", "pk")
    )
    entries = [("decision", change.created_at, change) for change in changes]
    entries += [("merge", merge.created_at, merge) for merge in merges]
    duplicates = {
        merge.idea.pk: merge.idea
        for merge in merges
        if merge.into_id == idea.pk
        and merge.is_active
        and merge.idea.merged_into_id == idea.pk
        and merge.idea.deleted_at is None
        and merge.idea.moderation_state == ModerationState.PUBLISHED
    }
    merged_here = sorted(
        duplicates.values(), key=lambda dup: (dup.created_at, dup.pk), reverse=True
    )
    return sorted(entries, key=lambda entry: (entry[1], entry[0])), merged_here


COMMENTS_PER_PAGE = 50


def comment_threads(idea, *, include_internal=False, viewer=None, cursor=None, per_page=None):
    """Top-level comments, oldest first, each with its replies in `thread_replies`; held ones
    only for their author and moderators (`visible_in_thread`).

    A page of `per_page` threads (`COMMENTS_PER_PAGE`) at a time, through the keyset of
    `community.pagination` (`cursor`: the request or query holding `?after=`/`?before=`), so
    that an idea with thousands of comments renders as fast as one with fifty: one query for
    the threads, one for their replies. Returns (threads, page), the page holding the links.
    """
    comments = Comment.objects.filter(visible_in_thread(viewer), idea=idea).select_related(
        "deleted_by",
        "moderated_by__staff_card",
        "moderator_edited_by__staff_card",
        *CARD_RELATIONS,
    )
    if not include_internal:
        comments = comments.filter(is_internal=False)
    page = KeysetPaginator(
        comments.filter(parent__isnull=True),
        ("created_at", "pk"),
        per_page=per_page or COMMENTS_PER_PAGE,
    ).page(cursor if cursor is not None else {})
    top = page.object_list
    replies = {}
    if top:
        for reply in comments.filter(parent__in=[c.pk for c in top]).order_by("created_at", "pk"):
            reply.thread_replies = []
            replies.setdefault(reply.parent_id, []).append(reply)
    for comment in top:
        comment.thread_replies = replies.get(comment.pk, [])
    return top, page


def comment_to_reply_to(idea, pk, *, viewer=None, include_internal=False):
    """The top-level comment `pk` of the idea that `?reply=` names, when it is not on the page
    of comments shown (replies go one level deep), or None."""
    comments = Comment.objects.filter(
        visible_in_thread(viewer), idea=idea, pk=pk, parent__isnull=True
    ).select_related(*CARD_RELATIONS)
    if not include_internal:
        comments = comments.filter(is_internal=False)
    return comments.first()


def merged_here(idea):
    """Ideas merged into this one, for links to their discussions."""
    return Idea.objects.public().filter(merged_into=idea).order_by("-created_at")


def voters(idea, *, limit=50):
    """The latest voters, for staff: who voted, how much it matters, who recorded it."""
    return (
        IdeaVote.objects.filter(idea=idea)
        .select_related("member", "recorded_by", "recorded_by__staff_card")
        .order_by("-created_at", "-pk")[:limit]
    )


def ship_feedback_summary(idea) -> dict:
    counts = ShipFeedback.objects.filter(idea=idea).aggregate(
        yes=Count("pk", filter=Q(solves=True)), no=Count("pk", filter=Q(solves=False))
    )
    total = counts["yes"] + counts["no"]
    return {
        **counts,
        "total": total,
        "percent": round(100 * counts["yes"] / total) if total else 0,
    }


def ship_feedback_reasons(idea, *, limit=50):
    """The voters who say it does not solve it, with why: for staff."""
    return (
        ShipFeedback.objects.filter(idea=idea, solves=False)
        .select_related("member")
        .order_by("-updated_at")[:limit]
    )


def viewer_feedback(idea, viewer):
    if viewer is None or not viewer.is_authenticated:
        return None
    return ShipFeedback.objects.filter(idea=idea, member=viewer).first()


def reported_on_page(viewer, idea, comment_ids) -> tuple[bool, set]:
    """Whether the viewer has reported the idea, and which of these comments, in one query."""
    if viewer is None or not viewer.is_authenticated:
        return False, set()
    types = ContentType.objects.get_for_models(Idea, Comment)
    idea_type, comment_type = types[Idea], types[Comment]
    reported = Q(content_type=idea_type, object_id=idea.pk)
    if comment_ids:
        reported |= Q(content_type=comment_type, object_id__in=comment_ids)
    rows = Report.objects.filter(reported, reporter=viewer).values_list("content_type", "object_id")
    found = {(type_id, int(object_id)) for type_id, object_id in rows}
    comments = {object_id for type_id, object_id in found if type_id == comment_type.pk}
    return (idea_type.pk, idea.pk) in found, comments


def find_member(text):
    """The active member with this e-mail address or handle (with or without "@"), or None."""
    text = (text or "").strip()
    if not text:
        return None
    members = get_user_model().objects.filter(is_active=True)
    if "@" in text.lstrip("@"):
        return members.filter(email__iexact=text).first()
    return members.filter(handle__iexact=text.lstrip("@")).first()


def votes_by_segment(idea) -> list[dict]:
    """The idea's votes per segment of the voters, for staff, in two queries: every segment in
    order (with its count, maybe 0), then the voters without a segment. Empty while no segment
    is defined."""
    segments = list(Segment.objects.order_by("sort_order", "name_en"))
    if not segments:
        return []
    counts = dict(
        IdeaVote.objects.filter(idea=idea)
        .order_by()
        .values("member__segment")
        .annotate(count=Count("pk"))
        .values_list("member__segment", "count")
    )
    total = sum(counts.values())
    rows = [
        {"segment": segment, "label": segment.name, "count": counts.get(segment.pk, 0)}
        for segment in segments
    ]
    if counts.get(None):
        rows.append({"segment": None, "label": None, "count": counts.get(None, 0)})
    for row in rows:
        row["percent"] = round(100 * row["count"] / total) if total else 0
    return rows


def member_stake(member, idea_ids) -> list:
    """The rows that make these ideas look different to `member`: what they proposed,
    commented (held or not), voted (or had recorded for them, before a merge too), answered
    once shipped, reported and followed (`page_cache`)."""
    comments = Comment.objects.filter(idea_id__in=idea_ids)
    return [
        Idea.objects.filter(pk__in=idea_ids, author=member),
        comments.filter(author=member),
        IdeaVote.objects.filter(member=member, idea_id__in=idea_ids),
        MergedVote.objects.filter(member=member, merge__idea_id__in=idea_ids),
        ShipFeedback.objects.filter(member=member, idea_id__in=idea_ids),
        *reports_and_follows(member, Idea, idea_ids),
        *reports_and_follows(member, Comment, comments.values("pk")),
    ]


def votes_of(member, idea_ids) -> dict:
    """{idea id: importance} of `member`'s votes among these ideas: the "You voted" marks of a
    list shared by members (`page_cache`)."""
    votes = IdeaVote.objects.filter(member=member, idea_id__in=idea_ids)
    return dict(votes.values_list("idea_id", "importance"))


PUBLIC_VOTERS_SHOWN = 12


def public_voters(idea, *, limit=PUBLIC_VOTERS_SHOWN) -> dict:
    """The idea's voters who consented to appear on public voter lists (latest first, at most
    `limit`), and how many others voted: two queries at most, whatever the number of votes."""
    consenting = idea.votes.filter(
        member__is_active=True,
        member__privacy_choices__show_on_voter_lists=True,
    )
    shown = [
        vote.member
        for vote in consenting.select_related("member").order_by("-created_at", "-pk")[:limit]
    ]
    return {"members": shown, "others": max(idea.vote_count - len(shown), 0)}
