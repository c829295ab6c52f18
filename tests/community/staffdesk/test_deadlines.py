"""Promise deadlines in business time, in the site's time zone: office hours, nights,
weekends, holidays and the changes to and from summer time."""

from datetime import UTC, date, time
from zoneinfo import ZoneInfo

import pytest

from community import promises
from community.models import Holiday, ResponsePromise
from community.promises import Calendar
from tests.community.staffdesk.conftest import paris
from tests.factories import ResponsePromiseFactory, office_hours

PARIS = ZoneInfo("Europe/Paris")
NINE_TO_SIX = [(time(9), time(18))]


def week_calendar(*, holidays=(), zone=PARIS, hours=None):
    """Monday to Friday, 9:00–18:00, in `zone`."""
    return Calendar(
        hours=dict.fromkeys(range(5), hours or NINE_TO_SIX),
        holidays=frozenset(holidays),
        zone=zone,
    )


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (paris(2026, 3, 10, 10, 0), 4, paris(2026, 3, 10, 14, 0)),  # the same afternoon
        (paris(2026, 3, 10, 16, 0), 4, paris(2026, 3, 11, 11, 0)),  # over the night
        (paris(2026, 3, 10, 20, 30), 2, paris(2026, 3, 11, 11, 0)),  # asked after closing
        (paris(2026, 3, 13, 16, 0), 4, paris(2026, 3, 16, 11, 0)),  # Friday → Monday
        (paris(2026, 3, 14, 11, 0), 1, paris(2026, 3, 16, 10, 0)),  # asked on Saturday
        (paris(2026, 3, 10, 9, 0), 18, paris(2026, 3, 11, 18, 0)),  # two full days
    ],
)
def test_business_hours_count_only_opening_time(start, hours, due):
    assert promises.add_business_hours(start, hours, week_calendar()) == due


def test_a_holiday_is_skipped_like_a_weekend():
    calendar = week_calendar(holidays=[date(2026, 3, 16)])  # the Monday

    assert promises.add_business_hours(paris(2026, 3, 13, 16, 0), 4, calendar) == paris(
        2026, 3, 17, 11, 0
    )
    assert promises.add_business_days(paris(2026, 3, 13, 15, 0), 1, calendar) == paris(
        2026, 3, 17, 15, 0
    )


def test_a_lunch_break_pauses_the_clock():
    calendar = week_calendar(hours=[(time(9), time(12, 30)), (time(13, 30), time(18))])

    assert promises.add_business_hours(paris(2026, 3, 10, 11, 30), 2, calendar) == paris(
        2026, 3, 10, 14, 30
    )


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (paris(2026, 3, 10, 10, 0), paris(2026, 3, 11, 10, 0)),  # Tuesday → Wednesday
        (paris(2026, 3, 13, 15, 0), paris(2026, 3, 16, 15, 0)),  # Friday → Monday
        (paris(2026, 3, 14, 11, 0), paris(2026, 3, 17, 9, 0)),  # Saturday: from Monday 9:00
        (paris(2026, 3, 10, 19, 0), paris(2026, 3, 12, 9, 0)),  # after closing: from tomorrow
    ],
)
def test_business_days_end_at_the_same_time_on_the_next_business_day(start, due):
    assert promises.add_business_days(start, 1, week_calendar()) == due


def test_business_days_end_at_closing_when_that_day_closes_earlier():
    calendar = Calendar(
        hours={1: NINE_TO_SIX, 2: [(time(9), time(12))]}, holidays=frozenset(), zone=PARIS
    )

    assert promises.add_business_days(paris(2026, 3, 10, 16, 0), 1, calendar) == paris(
        2026, 3, 11, 12, 0
    )


def test_deadlines_keep_office_time_across_the_spring_change_of_the_clocks():
    # Summer time starts in Paris on Sunday 29 March 2026: UTC+1 before, UTC+2 after.
    due = promises.add_business_hours(paris(2026, 3, 27, 16, 0), 4, week_calendar())

    assert due == paris(2026, 3, 30, 11, 0)
    assert due.astimezone(UTC).hour == 9
    assert promises.add_business_days(paris(2026, 3, 27, 15, 0), 1, week_calendar()) == paris(
        2026, 3, 30, 15, 0
    )


def test_deadlines_keep_office_time_across_the_autumn_change_of_the_clocks():
    # Summer time ends on Sunday 25 October 2026: UTC+2 before, UTC+1 after.
    due = promises.add_business_hours(paris(2026, 10, 23, 17, 0), 2, week_calendar())

    assert due == paris(2026, 10, 26, 10, 0)
    assert due.astimezone(UTC).hour == 9


def test_without_business_hours_promises_run_around_the_clock_in_real_hours():
    always = Calendar(hours={}, holidays=frozenset(), zone=PARIS)

    # The night of 28 to 29 March has 23 hours: 24 real hours end at 13:00 the next day.
    assert promises.add_business_hours(paris(2026, 3, 28, 12, 0), 24, always) == paris(
        2026, 3, 29, 13, 0
    )


def test_the_site_time_zone_decides_when_the_office_opens(settings, db):
    office_hours()
    promise = ResponsePromiseFactory(length=2, unit=ResponsePromise.Unit.HOURS)
    start = paris(2026, 3, 10, 8, 0)  # 8:00 in Paris is 3:00 in New York

    settings.TIME_ZONE = "Europe/Paris"
    in_paris = promises.due_at(promise, start)
    settings.TIME_ZONE = "America/New_York"
    in_new_york = promises.due_at(promise, start)

    assert in_paris == paris(2026, 3, 10, 11, 0)
    assert in_new_york.astimezone(ZoneInfo("America/New_York")).time() == time(11, 0)


def test_holidays_and_hours_set_in_the_admin_are_what_deadlines_use(db):
    office_hours(weekdays=[0, 1, 2, 3])  # closed on Fridays
    Holiday.objects.create(date=date(2026, 3, 16), name_en="Office closed")
    promise = ResponsePromiseFactory(length=1, unit=ResponsePromise.Unit.DAYS)

    assert promises.due_at(promise, paris(2026, 3, 12, 10, 0)) == paris(2026, 3, 17, 10, 0)


def test_the_warning_comes_when_a_fifth_of_the_business_time_is_left(db):
    promise = ResponsePromiseFactory(length=10, unit=ResponsePromise.Unit.HOURS)
    calendar = week_calendar()
    start = paris(2026, 3, 10, 14, 0)
    due = promises.due_at(promise, start, calendar)

    assert due == paris(2026, 3, 11, 15, 0)
    assert promises.warn_at(promise, start, due, calendar) == paris(2026, 3, 11, 13, 0)
