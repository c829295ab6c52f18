"""The invitation figures staff read per month: what the shop's orders brought in, and how the
reviews invitations brought compare with the ones members wrote on their own.

The counts come from `InvitationTally`, which outlives the orders it counted (orders are
personal data and expire). The response rate is the month's reviews written through an
invitation over the month's invitations sent, as a percentage: a review written in March after
a February invitation counts in March. The average stars are those of the published reviews
written in the month, invited and unprompted apart, on the same product filter.

Two queries whatever the number of months or products: one sum of the tallies grouped by
month, one aggregate of the reviews grouped by month and origin.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from reviews.models import InvitationTally, Review, ReviewOrigin

TALLY_COUNTS = (
    "orders_received",
    "invitations_sent",
    "reminders_sent",
    "links_opened",
    "reviews_written",
)


def _share(part, whole, digits=1) -> float | None:
    return round(part / whole, digits) if whole else None


@dataclass
class MonthFigures:
    """One month's figures (or, with `month` None, the whole period's)."""

    month: date | None
    orders_received: int = 0
    invitations_sent: int = 0
    reminders_sent: int = 0
    links_opened: int = 0
    reviews_written: int = 0
    invited_reviews: int = 0
    invited_stars: int = 0
    unprompted_reviews: int = 0
    unprompted_stars: int = 0

    @property
    def response_rate(self) -> float | None:
        """Reviews written through an invitation per 100 invitations sent."""
        return _share(100 * self.reviews_written, self.invitations_sent)

    @property
    def invited_average(self) -> float | None:
        return _share(self.invited_stars, self.invited_reviews, digits=2)

    @property
    def unprompted_average(self) -> float | None:
        return _share(self.unprompted_stars, self.unprompted_reviews, digits=2)

    def add(self, other: "MonthFigures") -> None:
        for name in (
            *TALLY_COUNTS,
            "invited_reviews",
            "invited_stars",
            "unprompted_reviews",
            "unprompted_stars",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class InvitationFigures:
    months: list[MonthFigures]
    total: MonthFigures = field(default_factory=lambda: MonthFigures(month=None))


def last_months(count: int, today: date | None = None) -> list[date]:
    """The first days of the last `count` months, the current one last."""
    today = today or timezone.localdate()
    index = today.year * 12 + today.month - 1
    return [
        date(month_index // 12, month_index % 12 + 1, 1)
        for month_index in range(index - count + 1, index + 1)
    ]


def _month_after(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def invitation_figures(months: list[date], product=None) -> InvitationFigures:
    """The figures of each month in `months` (first days, in order) for `product`, or for every
    product when it is None; months without anything have their row of zeros."""
    rows = {month: MonthFigures(month=month) for month in months}
    tallies = InvitationTally.objects.filter(month__gte=months[0], month__lte=months[-1])
    reviews = Review.objects.published().filter(
        created_at__gte=_start_of(months[0]), created_at__lt=_start_of(_month_after(months[-1]))
    )
    if product is not None:
        tallies = tallies.filter(product=product)
        reviews = reviews.filter(product=product)
    for tally in (
        tallies.order_by().values("month").annotate(**{name: Sum(name) for name in TALLY_COUNTS})
    ):
        row = rows[tally["month"]]
        for name in TALLY_COUNTS:
            setattr(row, name, tally[name])
    for written in (
        reviews.order_by()
        .annotate(month=TruncMonth("created_at", output_field=DateField()))
        .values("month", "origin")
        .annotate(count=Count("pk"), stars=Sum("rating"))
    ):
        row = rows[written["month"]]
        if written["origin"] == ReviewOrigin.INVITED:
            row.invited_reviews, row.invited_stars = written["count"], written["stars"]
        else:
            row.unprompted_reviews, row.unprompted_stars = written["count"], written["stars"]
    figures = InvitationFigures(months=list(rows.values()))
    for row in figures.months:
        figures.total.add(row)
    return figures
