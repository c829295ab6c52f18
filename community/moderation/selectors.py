"""Every read moderation pages need, with its joins: the queue costs the same number of queries
with 5 items as with 500, and so does the transparency page with a month of data or a year."""

import statistics
from collections import defaultdict
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from community import trust
from community.content_kinds import registry
from community.models import (
    Appeal,
    Decision,
    ModerationReason,
    ModerationState,
    QueueItem,
    Report,
)
from community.moderation import kinds, permissions
from community.moderation.services import moderator_name, usual_wait
from community.protections.suspensions import suspensions_of

TRANSPARENCY_MONTHS = 12
HISTORY_LENGTH = 10


def visible_in_thread(viewer) -> Q:
    """Held content in a thread (answers, replies, comments) shows only to its author and
    moderators; hidden content stays in the thread, where others read "hidden by a moderator"
    in its place."""
    if permissions.can_moderate(viewer):
        return Q()
    held = Q(moderation_state=ModerationState.HELD)
    if viewer is not None and viewer.is_authenticated:
        return ~held | Q(author=viewer)
    return ~held


def _open_reports():
    return Report.objects.filter(
        content_type=OuterRef("content_type"),
        object_id=OuterRef("object_id"),
        status=Report.Status.OPEN,
    )


def _count(queryset):
    counted = queryset.order_by().values("object_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def queue(*, cause="", kind_key="", mine_only=False, viewer=None):
    """Open queue items, who waited longest first, with their open report counts."""
    items = (
        QueueItem.objects.filter(closed_at__isnull=True)
        .select_related("content_type", "author", "claimed_by", "claimed_by__staff_card")
        .annotate(open_reports=_count(_open_reports()))
        .order_by("opened_at", "pk")
    )
    if cause in QueueItem.Cause.values:
        items = items.filter(cause=cause)
    if kind_key:
        kind = registry.get(kind_key)
        if kind is not None and kind.moderated:
            items = items.filter(content_type=ContentType.objects.get_for_model(kind.model))
    if mine_only and viewer is not None:
        items = items.filter(claimed_by=viewer, claim_expires_at__gt=timezone.now())
    return items


def attach_targets(items) -> list:
    """Give each queue item (or decision, appeal) its `target` with what the queue shows about
    it: one query per kind of content on the page, whatever the number of items."""
    items = list(items)
    by_type = defaultdict(set)
    for item in items:
        by_type[item.content_type_id].add(item.object_id)
    found = {}
    type_kinds = kinds.content_types()
    for type_id, ids in by_type.items():
        kind = type_kinds.get(type_id)
        if kind is None:
            model = ContentType.objects.get_for_id(type_id).model_class()
            rows = model._base_manager.filter(pk__in=ids)
        else:
            rows = kind.model._base_manager.filter(pk__in=ids).select_related(*kind.queue_related)
        for row in rows:
            found[(type_id, row.pk)] = row
    for item in items:
        item.target_object = found.get((item.content_type_id, item.object_id))
        item.kind = type_kinds.get(item.content_type_id)
    return items


def claim_is_active(item, now=None) -> bool:
    now = now or timezone.now()
    return (
        item.claimed_by_id is not None
        and item.claim_expires_at is not None
        and item.claim_expires_at > now
    )


def item_for_page(pk):
    item = (
        QueueItem.objects.select_related(
            "content_type", "author", "claimed_by", "claimed_by__staff_card"
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        return None
    return attach_targets([item])[0]


def reports_on(content_type_id, object_id):
    return (
        Report.objects.filter(content_type_id=content_type_id, object_id=object_id)
        .select_related("reporter", "decided_by")
        .order_by("-created_at", "-pk")
    )


def decisions_on(content_type_id, object_id):
    return (
        Decision.objects.filter(content_type_id=content_type_id, object_id=object_id)
        .select_related("moderator", "moderator__staff_card")
        .order_by("-created_at", "-pk")
    )


def author_history(member) -> dict:
    """The author at a glance: trust, published contributions, earlier decisions about what they
    wrote and upheld reports, and any suspension."""
    if member is None:
        return {}

    decisions = list(
        Decision.objects.filter(author=member)
        .exclude(action=Decision.Action.HOLD, moderator__isnull=True)
        .select_related("moderator", "moderator__staff_card", "content_type")
        .order_by("-created_at", "-pk")[:HISTORY_LENGTH]
    )
    return {
        "member": member,
        "is_trusted": trust.is_trusted(member),
        "contributions": trust.published_contribution_count(member),
        "upheld_reports": trust.upheld_report_count(member),
        "decisions": decisions,
        "suspensions": list(suspensions_of(member)[:5]),
    }


# --- Receipts -------------------------------------------------------------------------------


def receipt(content) -> dict | None:
    """What the author of held, hidden or moderator-edited content is told on the content:
    the state, the reason, the moderator's name and, while held, the usual waiting time."""
    state = kinds.state_of(content)
    receipt = {"state": state}
    if state != "published":
        receipt.update(
            reason=content.moderation_reason,
            moderator=moderator_name(content.moderated_by) if content.moderated_by_id else "",
            moderated_at=content.moderated_at,
        )
    if state == "held":
        receipt["usual_wait"] = usual_wait()
    return receipt


def appeal_for(member, target):
    if member is None or not member.is_authenticated:
        return None
    return (
        Appeal.objects.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            appellant=member,
        )
        .select_related("decided_by", "decided_by__staff_card")
        .first()
    )


def appeals(status=""):
    appeals = Appeal.objects.select_related(
        "content_type", "appellant", "original_moderator", "decided_by", "decision"
    ).order_by("-created_at", "-pk")
    if status in Appeal.Status.values:
        appeals = appeals.filter(status=status)
    return appeals


# --- Transparency ---------------------------------------------------------------------------


def _months_back(count: int) -> list[date]:
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def _as_date(value) -> date:
    if hasattr(value, "date"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _by_month(queryset, field) -> dict:
    rows = (
        queryset.annotate(month=TruncMonth(field))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return {_as_date(month): count for month, count in rows}


def transparency(months: int = TRANSPARENCY_MONTHS) -> list[dict]:
    """Monthly figures, newest month first: content published, held, hidden by reason, edited
    and deleted by moderators, reports received and upheld, appeals, and the median time from
    entering the queue to a moderator's decision. A fixed number of queries."""
    month_list = _months_back(months)
    since = timezone.make_aware(
        timezone.datetime.combine(month_list[-1], timezone.datetime.min.time())
    )
    published = defaultdict(int)
    for kind in kinds.content_kinds():
        for month, count in _by_month(
            kind.model._base_manager.filter(published_at__gte=since), "published_at"
        ).items():
            published[month] += count
    decisions = Decision.objects.filter(created_at__gte=since)
    held = _by_month(decisions.filter(action=Decision.Action.HOLD), "created_at")
    acted = defaultdict(lambda: defaultdict(int))
    rows = (
        decisions.filter(
            action__in=(Decision.Action.HIDE, Decision.Action.EDIT, Decision.Action.DELETE)
        )
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month", "action", "reason_code")
        .annotate(n=Count("pk"))
        .values_list("month", "action", "reason_code", "n")
    )
    for month, action, reason_code, count in rows:
        acted[_as_date(month)][(action, reason_code)] += count
    waits = defaultdict(list)
    for month, seconds in (
        decisions.filter(moderator__isnull=False, wait_seconds__isnull=False)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values_list("month", "wait_seconds")
    ):
        waits[_as_date(month)].append(seconds)
    reports = Report.objects.filter(created_at__gte=since)
    received = _by_month(reports, "created_at")
    upheld = _by_month(
        Report.objects.filter(status=Report.Status.UPHELD, decided_at__gte=since), "decided_at"
    )
    appeal_rows = (
        Appeal.objects.filter(created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"), won=Count("pk", filter=Q(status=Appeal.Status.UPHELD)))
        .values_list("month", "n", "won")
    )
    appeals_by_month = {_as_date(month): (n, won) for month, n, won in appeal_rows}
    labels = dict(ModerationReason.choices)
    figures = []
    for month in month_list:
        by_reason = acted.get(month, {})
        hidden = sorted(
            (
                {"reason": labels.get(code, code), "count": count}
                for (action, code), count in by_reason.items()
                if action == Decision.Action.HIDE
            ),
            key=lambda row: -row["count"],
        )
        month_waits = waits.get(month, [])
        appeals_made, appeals_won = appeals_by_month.get(month, (0, 0))
        figures.append(
            {
                "month": month,
                "published": published.get(month, 0),
                "held": held.get(month, 0),
                "hidden": sum(row["count"] for row in hidden),
                "hidden_by_reason": hidden,
                "edited": sum(
                    count
                    for (action, _code), count in by_reason.items()
                    if action == Decision.Action.EDIT
                ),
                "deleted": sum(
                    count
                    for (action, _code), count in by_reason.items()
                    if action == Decision.Action.DELETE
                ),
                "reports_received": received.get(month, 0),
                "reports_upheld": upheld.get(month, 0),
                "appeals": appeals_made,
                "appeals_upheld": appeals_won,
                "median_wait_seconds": (
                    round(statistics.median(month_waits)) if month_waits else None
                ),
                "decisions": len(month_waits),
            }
        )
    return figures
