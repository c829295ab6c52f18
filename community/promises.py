"""Response promises: the clock that says whose move it is, and until when staff have.

Anything a customer waits on carries a `PromiseClock` (`community.models.promises`): a question,
a private conversation. The services move it with four calls:

- `start_waiting_on_staff(obj)` — a new question, a request for a person, the customer's reply:
  the promise of the product or topic (or the site's default) starts, with its deadline in
  business time; a warning before the deadline and the miss are scheduled, once each.
- `staff_responded(obj)` / `start_waiting_on_customer(obj)` — staff answered: the running
  promise is settled (kept when in time, missed otherwise) and the customer has the next move.
- `stop_waiting(obj, community_solution=False)` — solved, closed or deleted: the clock stops; a
  solution by a member keeps the promise when the promise says so.

Deadlines are computed by `due_at(promise, start)` in the site's time zone (`TIME_ZONE`), over
the business hours and holidays the site admin sets, so nights, weekends, holidays and the
changes to and from summer time are counted right.

The warning and the miss are background tasks enqueued with `run_after`; when the task backend
cannot run tasks later (the immediate one of the quick start), `manage.py check_promises`, run
every few minutes, does the same. Each task reads the object again: one that finds it answered,
or its deadline moved, does nothing, and a conditional update makes each notice go out once.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from community.models import BusinessHours, Holiday, ResponsePromise, StaffCard, WaitingOn
from community.models.promises import PromiseClock, business_time_zone
from community.notifications import NotificationKind, notify, registry

# How far ahead a deadline is looked for: beyond this the calendar has no opening at all.
SEARCH_DAYS = 800

DUE_SOON = registry.register(
    NotificationKind(
        key="promise_due_soon",
        label=_("A response promise is about to be missed (staff)"),
        message=_("“%(title)s”: a member of staff promised to answer by %(due)s."),
    )
)
MISSED = registry.register(
    NotificationKind(
        key="promise_missed",
        label=_("A response promise was missed (staff)"),
        message=_(
            "“%(title)s”: the promise to answer by %(due)s was missed. %(owner)s looks after it."
        ),
    )
)


# --- Which promise applies ------------------------------------------------------------------


def promise_for(*, product=None, topic=None):
    """The promise that applies: the product's, the topic's, or the site's default; or None."""
    promises = {
        (p.product_id, p.topic_id): p
        for p in ResponsePromise.objects.select_related("team").filter(
            _scope_filter(product, topic)
        )
    }
    if product is not None and (product.pk, None) in promises:
        return promises[(product.pk, None)]
    if topic is not None and (None, topic.pk) in promises:
        return promises[(None, topic.pk)]
    return promises.get((None, None))


def _scope_filter(product, topic):
    scope = Q(product__isnull=True, topic__isnull=True)
    if product is not None:
        scope |= Q(product=product)
    if topic is not None:
        scope |= Q(topic=topic)
    return scope


# --- Business time --------------------------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    """Opening periods per weekday (0 = Monday) and holiday dates, in the site's time zone."""

    hours: dict
    holidays: frozenset
    zone: object

    @classmethod
    def load(cls) -> "Calendar":
        hours = {}
        for period in BusinessHours.objects.order_by("weekday", "opens"):
            hours.setdefault(period.weekday, []).append((period.opens, period.closes))
        return cls(
            hours=hours,
            holidays=frozenset(Holiday.objects.values_list("date", flat=True)),
            zone=business_time_zone(),
        )

    @property
    def always_open(self) -> bool:
        return not self.hours

    def periods_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The opening periods of a local date as aware datetimes (none on a holiday)."""
        if day in self.holidays:
            return []
        return [
            (self.at(day, opens), self.at(day, closes))
            for opens, closes in self.hours.get(day.weekday(), [])
        ]

    def at(self, day: date, moment: time) -> datetime:
        """`moment` on `day` in the site's time zone, as UTC: arithmetic on it then counts
        the hours that really pass, across the changes to and from summer time."""
        return datetime.combine(day, moment, tzinfo=self.zone).astimezone(UTC)

    def periods_from(self, start: datetime):
        """Opening periods from `start` on, the first one cut at `start`."""
        local = start.astimezone(self.zone)
        start = start.astimezone(UTC)
        for offset in range(SEARCH_DAYS):
            day = local.date() + timedelta(days=offset)
            for opens, closes in self.periods_on(day):
                if closes <= start:
                    continue
                yield max(opens, start), closes

    def is_business_day(self, day: date) -> bool:
        return bool(self.periods_on(day))


def add_business_hours(start: datetime, hours, calendar: Calendar | None = None) -> datetime:
    """`start` plus `hours` of opening time. Periods are measured in real elapsed time, so a
    period that spans a change of the clocks counts the hours that really pass."""
    calendar = calendar or Calendar.load()
    remaining = timedelta(hours=hours)
    start = start.astimezone(UTC)
    if calendar.always_open:
        return start + remaining
    for opens, closes in calendar.periods_from(start):
        available = closes - opens
        if remaining <= available:
            return opens + remaining
        remaining -= available
    raise ValueError("No business hours within reach: check the business hours and holidays.")


def add_business_days(start: datetime, days: int, calendar: Calendar | None = None) -> datetime:
    """The same time of day, `days` business days after the first business moment at or after
    `start` (asked on Saturday: counted from Monday's opening). When that day closes earlier,
    its closing time."""
    calendar = calendar or Calendar.load()
    if calendar.always_open:
        local = start.astimezone(calendar.zone)
        later = datetime.combine(local.date() + timedelta(days=days), local.time())
        return later.replace(tzinfo=calendar.zone).astimezone(UTC)
    first_open = next(iter(calendar.periods_from(start)), None)
    if first_open is None:
        raise ValueError("No business hours within reach: check the business hours and holidays.")
    begin = first_open[0].astimezone(calendar.zone)
    day = begin.date()
    counted = 0
    for _step in range(SEARCH_DAYS):
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            counted += 1
            if counted == days:
                return _same_time_within(calendar, day, begin.timetz().replace(tzinfo=None))
    raise ValueError("No business hours within reach: check the business hours and holidays.")


def _same_time_within(calendar, day, moment: time) -> datetime:
    """`moment` on `day`, moved into the day's opening hours: to the end of the last period
    that opened before it, or to the first opening when it is earlier."""
    wanted = calendar.at(day, moment)
    periods = calendar.periods_on(day)
    best = periods[0][0]
    for opens, closes in periods:
        if opens <= wanted <= closes:
            return wanted
        if opens <= wanted:
            best = closes
    return best


def due_at(promise, start: datetime, calendar: Calendar | None = None) -> datetime | None:
    """The deadline of `promise` for a wait that started at `start`."""
    if promise is None:
        return None
    calendar = calendar or Calendar.load()
    if promise.unit == ResponsePromise.Unit.HOURS:
        return add_business_hours(start, promise.length, calendar)
    return add_business_days(start, promise.length, calendar)


def warn_at(promise, start: datetime, due: datetime, calendar: Calendar | None = None):
    """When the owner is warned: when `warn_before_percent` of the promised business time is
    left (measured in business time, so a warning does not fall in the night)."""
    if promise is None or due is None or not promise.warn_before_percent:
        return None
    calendar = calendar or Calendar.load()
    total = business_time_between(start, due, calendar)
    before_end = total * (100 - promise.warn_before_percent) / 100
    return add_business_hours(start, before_end.total_seconds() / 3600, calendar)


def business_time_between(start: datetime, end: datetime, calendar: Calendar | None = None):
    """The opening time that passes between two moments."""
    calendar = calendar or Calendar.load()
    if end <= start:
        return timedelta(0)
    if calendar.always_open:
        return end.astimezone(UTC) - start.astimezone(UTC)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    total = timedelta(0)
    for opens, closes in calendar.periods_from(start):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total


# --- Moving the clock -----------------------------------------------------------------------


def _save(obj, **fields):
    """Write the clock's fields on the row and on the object in hand."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)
    for name, value in fields.items():
        if hasattr(value, "resolve_expression"):
            continue
        setattr(obj, name, value)
    counters = [name for name, value in fields.items() if hasattr(value, "resolve_expression")]
    if counters:
        obj.refresh_from_db(fields=counters)


def start_waiting_on_staff(obj, *, since=None) -> None:
    """The customer waits on staff from `since` (now): the promise that applies starts, unless
    they already wait on staff (its deadline then stays)."""
    if obj.waiting_on == WaitingOn.STAFF:
        return
    since = since or timezone.now()
    promise = promise_for(**obj.promise_scope())
    calendar = Calendar.load()
    due = due_at(promise, since, calendar)
    _save(
        obj,
        waiting_on=WaitingOn.STAFF,
        waiting_since=since,
        promise=promise,
        promise_team_ref=promise.team if promise is not None else None,
        promise_started_at=since if promise is not None else None,
        promise_due_at=due,
        promise_warned_at=None,
        promise_missed_at=None,
        promise_kept=None,
        promise_settled_at=None,
        promise_kept_by_community=False,
    )
    if due is not None:
        warning = warn_at(promise, since, due, calendar)
        _schedule(obj, due=due, warning=warning)


def staff_responded(obj, *, at=None) -> None:
    """A member of staff answered: a running promise is settled (kept when in time) and the
    customer has the next move."""
    start_waiting_on_customer(obj, since=at)


def start_waiting_on_customer(obj, *, since=None) -> None:
    """Staff have given the customer the next move (an answer, a question back): the running
    promise is settled, and the clock now waits on the customer."""
    since = since or timezone.now()
    if obj.waiting_on == WaitingOn.STAFF:
        _settle(obj, since)
    if obj.waiting_on != WaitingOn.CUSTOMER:
        _save(obj, waiting_on=WaitingOn.CUSTOMER, waiting_since=since)


def stop_waiting(obj, *, community_solution=False, at=None) -> None:
    """Nobody waits any more (solved, closed, deleted). A solution by a member keeps a running
    promise when the promise says so; otherwise a promise still in time is simply withdrawn,
    and one already overdue stays missed."""
    at = at or timezone.now()
    if obj.waiting_on == WaitingOn.STAFF and obj.promise_due_at is not None:
        fulfils = community_solution and obj.promise is not None
        fulfils = fulfils and obj.promise.community_solution_fulfils
        if fulfils or at > obj.promise_due_at:
            _settle(obj, at, by_community=fulfils)
    if obj.waiting_on or obj.waiting_since:
        _save(obj, waiting_on=WaitingOn.NOBODY, waiting_since=None)


def _settle(obj, at, *, by_community=False) -> None:
    """Record the end of the running round: kept when `at` is before the deadline."""
    if obj.promise_due_at is None or obj.promise_settled_at is not None:
        return
    if obj.promise_missed_at is not None:
        _save(obj, promise_settled_at=at)
        return
    if at <= obj.promise_due_at:
        _save(
            obj,
            promise_kept=True,
            promise_settled_at=at,
            promise_kept_by_community=by_community,
            promises_kept=F("promises_kept") + 1,
        )
    else:
        _save(
            obj,
            promise_kept=False,
            promise_settled_at=at,
            promise_missed_at=obj.promise_due_at,
            promises_missed=F("promises_missed") + 1,
        )


# --- Warnings and misses --------------------------------------------------------------------


def _label(obj) -> str:
    return obj._meta.label_lower


def _schedule(obj, *, due, warning) -> None:
    """After the commit, enqueue the warning and the miss to run at their time, when the task
    backend can run tasks later; `check_promises` covers backends that cannot."""
    label, pk = _label(obj), obj.pk

    def enqueue():
        if not promise_warn.get_backend().supports_defer:
            return
        if warning is not None:
            promise_warn.using(run_after=warning).enqueue(label=label, pk=pk, due=due.isoformat())
        promise_miss.using(run_after=due).enqueue(label=label, pk=pk, due=due.isoformat())

    transaction.on_commit(enqueue)


@task()
def promise_warn(*, label: str, pk: int, due: str):
    """Warn the owner (or the team) that a promise runs out soon, unless it was met already."""
    warn(apps.get_model(label), pk, datetime.fromisoformat(due))


@task()
def promise_miss(*, label: str, pk: int, due: str):
    """Record a missed promise and tell the owner and the team's lead, unless it was met."""
    miss(apps.get_model(label), pk, datetime.fromisoformat(due))


def _still_running(model, pk, due):
    return model.objects.filter(pk=pk, waiting_on=WaitingOn.STAFF, promise_due_at=due)


def warn(model, pk, due, *, now=None) -> bool:
    """Send the warning once for this deadline; returns whether it was sent now."""
    now = now or timezone.now()
    with transaction.atomic():
        sent = (
            _still_running(model, pk, due)
            .filter(promise_warned_at__isnull=True, promise_missed_at__isnull=True)
            .filter(promise_due_at__gt=now)
            .update(promise_warned_at=now)
        )
        if not sent:
            return False
        obj = model.objects.get(pk=pk)
        recipients = _owner_or_team(obj)
        _tell(obj, recipients, DUE_SOON)
    return True


def miss(model, pk, due, *, now=None) -> bool:
    """Record the miss once for this deadline and tell the owner (or the team) and the lead."""
    now = now or timezone.now()
    with transaction.atomic():
        missed = (
            _still_running(model, pk, due)
            .filter(promise_missed_at__isnull=True, promise_due_at__lte=now)
            .update(
                promise_missed_at=now,
                promise_kept=False,
                promises_missed=F("promises_missed") + 1,
            )
        )
        if not missed:
            return False
        obj = model.objects.get(pk=pk)
        team = obj.promise_team()
        recipients = _owner_or_team(obj)
        if team is not None and team.lead is not None:
            recipients.append(team.lead)
        _tell(obj, recipients, MISSED)
    return True


def check_due(now=None) -> dict:
    """Send the warnings and record the misses that are due, for every PromiseClock model
    (`manage.py check_promises`); returns how many of each."""
    now = now or timezone.now()
    counts = {"warned": 0, "missed": 0}
    for model in clock_models():
        running = model.objects.filter(
            waiting_on=WaitingOn.STAFF, promise_due_at__isnull=False, promise_missed_at__isnull=True
        )
        for pk, due in running.filter(promise_due_at__lte=now).values_list("pk", "promise_due_at"):
            counts["missed"] += miss(model, pk, due, now=now)
        candidates = running.filter(promise_due_at__gt=now, promise_warned_at__isnull=True)
        candidates = candidates.filter(Q(promise__isnull=False))
        for obj in candidates.select_related("promise"):
            warning = warn_at(obj.promise, obj.promise_started_at, obj.promise_due_at)
            if warning is not None and warning <= now:
                counts["warned"] += warn(model, obj.pk, obj.promise_due_at, now=now)
    return counts


def clock_models() -> list:
    return [model for model in apps.get_models() if issubclass(model, PromiseClock)]


def _owner_or_team(obj) -> list:
    """The owner when someone owns it; otherwise the active members of the team keeping the
    promise (its lead when the team has no active card)."""
    owner = getattr(obj, "owner", None)
    if owner is not None and owner.is_active:
        return [owner]
    team = obj.promise_team()
    if team is None:
        return []
    members = [
        card.member
        for card in StaffCard.objects.filter(
            team=team, is_active=True, member__is_active=True
        ).select_related("member")
    ]
    if not members and team.lead is not None:
        members = [team.lead]
    return members


def _tell(obj, recipients, kind) -> None:
    owner = getattr(obj, "owner", None)
    card = getattr(owner, "staff_card", None) if owner is not None else None
    told = set()
    for recipient in recipients:
        if recipient is None or recipient.pk in told:
            continue
        told.add(recipient.pk)
        with translation.override(recipient.preferred_language):
            url = obj.get_absolute_url()
            params = {
                "title": str(obj),
                "due": format_due(obj.promise_due_at),
                "owner": card.real_name if card is not None else str(_("Nobody")),
            }
        notify(recipient, kind.key, params=params, url=url)


def format_due(moment) -> str:
    """A deadline as people read it, in the site's time zone and the active language."""
    local = timezone.localtime(moment, business_time_zone())
    return formats.date_format(local, "l j F Y, H:i")
