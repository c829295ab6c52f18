"""Service figures: how fast staff answer, how often promises are kept, and who solves
questions, per week, per team and per member of staff, for a period.

Every figure is about the questions asked in the period (from the first day at 00:00 to the
last day at 24:00, in the site's time zone), deleted ones left out.

- Time to the first staff answer is counted in clock hours (what the customer lives through),
  from the question to the first answer or reply written as staff. The median is the middle
  value (the mean of the two middle values when their number is even); the 90th percentile is
  the nearest-rank one: the value at rank ⌈0.9 × n⌉ of the n times sorted from shortest.
  Questions without a staff answer are not in these two figures (they are counted apart).
- A promise is one wait on staff under a response promise: a question counts one per time
  its asker waited on staff. Kept when staff answered (or a member's solution did, where the
  promise allows) before the deadline; missed when the deadline passed first, including
  promises still running past their deadline.
- Solved by the community: the solution was written by a member; by staff: written as staff.
- A question's team is the team keeping its promise (else its owner's team); its member of
  staff is its owner.

The counts are database aggregates; the two percentiles need the sorted times, read as plain
values in one query (SQLite has no percentile aggregate).
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, ExpressionWrapper, F, Q, Sum
from django.db.models.fields import DurationField
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from community.content_kinds import registry
from community.models import StaffCard, Team, WaitingOn
from community.models.promises import business_time_zone

NO_TEAM = "none"


def median(values):
    """The middle value; the mean of the two middle values for an even number; None if empty."""
    return statistics.median(values) if values else None


def percentile(values, p):
    """The nearest-rank percentile: the value at rank ⌈p/100 × n⌉ of the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Row:
    """The figures of one group (a week, a team, a member of staff, or everything)."""

    key: str
    label: str
    asked: int = 0
    staff_answered: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    kept: int = 0
    missed: int = 0
    solved_by_community: int = 0
    solved_by_staff: int = 0
    waits: list = field(default_factory=list, repr=False)
    week: object = None

    @property
    def promises(self) -> int:
        return self.kept + self.missed

    @property
    def kept_share(self) -> float | None:
        return self.kept / self.promises if self.promises else None

    @property
    def kept_percent(self) -> int | None:
        share = self.kept_share
        return None if share is None else round(share * 100)

    @property
    def solved(self) -> int:
        return self.solved_by_community + self.solved_by_staff

    def finish(self):
        self.median_hours = _round(median(self.waits))
        self.p90_hours = _round(percentile(self.waits, 90))
        return self


def _round(value):
    return None if value is None else round(value, 1)


@dataclass
class Figures:
    start: datetime
    end: datetime
    total: Row
    weeks: list
    teams: list
    staff: list


def period_bounds(first_day, last_day):
    """The period as aware datetimes: the first day's start to the day after the last's."""
    zone = business_time_zone()
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def counted_kind():
    """The kind whose rows the figures count (`ContentKind.service_figures`): questions."""
    return next(kind for kind in registry if kind.service_figures is not None)


def questions_in(first_day, last_day):
    start, end = period_bounds(first_day, last_day)
    return counted_kind().service_figures.rows().filter(created_at__gte=start, created_at__lt=end)


def _counts(now):
    """Aggregates every group shares: asked, promises kept and missed, solved by whom."""
    overdue = Q(
        waiting_on=WaitingOn.STAFF,
        promise_due_at__isnull=False,
        promise_due_at__lte=now,
        promise_missed_at__isnull=True,
    )
    figures = counted_kind().service_figures
    return {
        "asked": Count("pk"),
        "staff_answered": Count("pk", filter=Q(first_staff_answer_at__isnull=False)),
        "kept": Coalesce(Sum("promises_kept"), 0),
        "missed_recorded": Coalesce(Sum("promises_missed"), 0),
        "overdue": Count("pk", filter=overdue),
        "solved_by_community": Count("pk", filter=figures.solved_by_member),
        "solved_by_staff": Count("pk", filter=figures.solved_by_staff),
    }


def _fill(row: Row, counts: dict) -> Row:
    row.asked = counts["asked"]
    row.staff_answered = counts["staff_answered"]
    row.kept = counts["kept"]
    row.missed = counts["missed_recorded"] + counts["overdue"]
    row.solved_by_community = counts["solved_by_community"]
    row.solved_by_staff = counts["solved_by_staff"]
    return row


def compute(first_day, last_day, *, now=None) -> Figures:
    """Every figure of the dashboard and the CSV for questions asked from `first_day` to
    `last_day` (dates, both included)."""
    now = now or timezone.now()
    zone = business_time_zone()
    start, end = period_bounds(first_day, last_day)
    questions = questions_in(first_day, last_day)
    team_of = Coalesce("promise_team_ref", "owner_card__team")

    total = _fill(Row("total", ""), questions.aggregate(**_counts(now)))

    weeks = {}
    week_counts = (
        questions.annotate(week=TruncWeek("created_at", tzinfo=zone))
        .values("week")
        .annotate(**_counts(now))
        .order_by("week")
    )
    for counts in week_counts:
        week = timezone.localtime(counts["week"], zone).date()
        weeks[week] = _fill(Row(week.isoformat(), week.isoformat(), week=week), counts)
    # Every week of the period, even one without questions, so the chart has no gaps.
    monday = first_day - timedelta(days=first_day.weekday())
    while monday <= last_day:
        weeks.setdefault(monday, Row(monday.isoformat(), monday.isoformat(), week=monday))
        monday += timedelta(days=7)

    teams = {}
    for counts in questions.annotate(team=team_of).values("team").annotate(**_counts(now)):
        key = str(counts["team"] or NO_TEAM)
        teams[key] = _fill(Row(key, ""), counts)
    staff = {}
    owned = questions.filter(owner_card__isnull=False)
    for counts in owned.values("owner_card").annotate(**_counts(now)):
        key = str(counts["owner_card"])
        staff[key] = _fill(Row(key, ""), counts)

    waits = (
        questions.filter(first_staff_answer_at__isnull=False)
        .annotate(
            week=TruncWeek("created_at", tzinfo=zone),
            team=team_of,
            wait=ExpressionWrapper(
                F("first_staff_answer_at") - F("created_at"), output_field=DurationField()
            ),
        )
        .values_list("week", "team", "owner_card", "wait")
    )
    for week, team, card, wait in waits:
        hours = wait.total_seconds() / 3600
        total.waits.append(hours)
        weeks[timezone.localtime(week, zone).date()].waits.append(hours)
        teams[str(team or NO_TEAM)].waits.append(hours)
        if card is not None:
            staff[str(card)].waits.append(hours)

    names = {str(team.pk): team.name for team in Team.objects.filter(pk__in=_ids(teams))}
    for key, row in teams.items():
        row.label = names.get(key, "")
    cards = {
        str(card.pk): card
        for card in StaffCard.objects.filter(pk__in=_ids(staff)).select_related("team")
    }
    for key, row in staff.items():
        card = cards.get(key)
        row.label = card.real_name if card is not None else ""
        row.team = card.team.name if card is not None and card.team is not None else ""

    return Figures(
        start=start,
        end=end,
        total=total.finish(),
        weeks=[weeks[week].finish() for week in sorted(weeks)],
        teams=sorted(
            (row.finish() for row in teams.values()),
            key=lambda row: (row.key == NO_TEAM, row.label),
        ),
        staff=sorted((row.finish() for row in staff.values()), key=lambda row: row.label),
    )


def _ids(rows):
    return [int(key) for key in rows if key.isdigit()]
