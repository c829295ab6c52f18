"""The service figures on a known set of questions match values worked out by hand; the CSV
says the same; bad periods get a clear message; only staff, the product team and site admins
see them."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import WaitingOn
from community.questions.models import Answer, Question, QuestionStatus
from community.staffdesk import figures
from tests.community.staffdesk.conftest import paris
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    StaffCardFactory,
    site_admin,
    totp_authenticator,
)

# Marked so that pytest-django runs them with the other database tests, before the
# transactional ones that empty the tables.
pytestmark = pytest.mark.django_db

PERIOD = "from=2026-03-02&to=2026-03-15"


def asked(at, *, staff_after_hours=None, kept=0, missed=0, team=None, owner_card=None, **fields):
    """A question asked at `at`, answered by staff `staff_after_hours` later."""
    question = QuestionFactory()
    values = {
        "created_at": at,
        "promises_kept": kept,
        "promises_missed": missed,
        "promise_team_ref": team,
        "owner_card": owner_card,
        "owner": owner_card.member if owner_card else None,
        **fields,
    }
    if staff_after_hours is not None:
        values["first_staff_answer_at"] = at + timedelta(hours=staff_after_hours)
    Question.objects.filter(pk=question.pk).update(**values)
    return question


def solve(question, *, written_as):
    answer = Answer.objects.create(
        question=question, author=MemberFactory(), written_as=written_as, body="Like this."
    )
    Question.objects.filter(pk=question.pk).update(status=QuestionStatus.SOLVED, solution=answer)


@pytest.fixture
def known(team, staff):
    """Two weeks of questions whose figures are worked out by hand below."""
    card = staff.staff_card
    week1 = paris(2026, 3, 3, 10, 0)
    week2 = paris(2026, 3, 10, 10, 0)
    q1 = asked(week1, staff_after_hours=1, kept=1, team=team)
    q2 = asked(week1, staff_after_hours=2, kept=1, team=team, owner_card=card)
    asked(week1, staff_after_hours=3, missed=1, team=team, owner_card=card)
    asked(week1, staff_after_hours=10, kept=1, missed=1)
    asked(week2, staff_after_hours=4)
    # Still waiting on staff past its deadline, not yet recorded by a task: a missed promise.
    asked(
        paris(2026, 3, 15, 23, 30),  # the last evening of the period, in Paris
        waiting_on=WaitingOn.STAFF,
        promise_due_at=paris(2026, 3, 16, 9, 0),
    )
    # Outside the period (after midnight in Paris, still the 15th in UTC) and deleted ones.
    asked(paris(2026, 3, 16, 0, 30), staff_after_hours=1, kept=5)
    asked(week1, staff_after_hours=50, kept=5, deleted_at=week1)
    solve(q1, written_as="member")
    solve(q2, written_as="staff")


def test_the_figures_match_the_values_worked_out_by_hand(known, team):
    from datetime import date

    result = figures.compute(date(2026, 3, 2), date(2026, 3, 15), now=paris(2026, 3, 20, 12, 0))

    total = result.total
    assert total.asked == 6
    assert total.staff_answered == 5
    # Waits 1, 2, 3, 10 and 4 hours: sorted 1 2 3 4 10; the median is 3; the nearest-rank
    # 90th percentile is the value at rank ceil(0.9 × 5) = 5, so 10.
    assert (total.median_hours, total.p90_hours) == (3, 10)
    # Kept 1 + 1 + 1; missed 1 + 1 recorded, and 1 still running past its deadline.
    assert (total.kept, total.missed, total.kept_percent) == (3, 3, 50)
    assert (total.solved_by_community, total.solved_by_staff) == (1, 1)

    week1, week2 = result.weeks
    assert (week1.key, week1.asked, week1.median_hours, week1.p90_hours) == (
        "2026-03-02",
        4,
        2.5,
        10,
    )
    assert (week2.key, week2.asked, week2.median_hours, week2.p90_hours) == ("2026-03-09", 2, 4, 4)

    support = next(row for row in result.teams if row.label == "Support")
    assert (support.asked, support.kept, support.missed, support.median_hours) == (3, 2, 1, 2)
    (amelie,) = result.staff
    assert (amelie.label, amelie.asked, amelie.kept, amelie.missed) == ("Amélie Durand", 2, 1, 1)
    assert (amelie.median_hours, amelie.p90_hours) == (2.5, 3)


def test_median_and_percentile_follow_the_documented_methods():
    assert figures.median([4, 1, 3, 2]) == 2.5
    assert figures.percentile([4, 1, 3, 2], 90) == 4
    assert figures.percentile(list(range(1, 21)), 90) == 18
    assert figures.percentile([7], 90) == 7
    assert figures.median([]) is None and figures.percentile([], 90) is None


def test_the_dashboard_shows_the_figures_with_charts_and_tables(client, known, staff):
    client.force_login(staff)

    response = client.get(f"/staff/figures/?{PERIOD}")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="promises-kept">3 of 6 kept' in html
    assert html.count('<svg class="chart"') == 3
    assert html.count("<title id=") == 3 and html.count("<desc id=") == 3
    assert html.count('class="table staffdesk-table"') == 3
    assert 'value="2026-03-02"' in html and 'value="2026-03-15"' in html


def test_the_french_dashboard_is_under_fr(client, known, staff):
    client.force_login(staff)

    response = client.get(f"/fr/staff/figures/?{PERIOD}")

    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()


def test_the_csv_has_the_same_figures(client, known, staff):
    client.force_login(staff)

    response = client.get(f"/staff/figures/figures.csv?{PERIOD}")

    assert response["Content-Type"].startswith("text/csv")
    assert "service-figures-2026-03-02-2026-03-15.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    total = rows[0]
    assert total["section"] == "total"
    assert total["questions_asked"] == "6"
    assert float(total["median_hours_to_first_staff_answer"]) == 3
    assert float(total["p90_hours_to_first_staff_answer"]) == 10
    assert (total["promises_kept"], total["promises_missed"]) == ("3", "3")
    assert total["promises_kept_percent"] == "50"
    assert (total["solved_by_community"], total["solved_by_staff"]) == ("1", "1")
    assert [row["group"] for row in rows if row["section"] == "week"] == [
        "2026-03-02",
        "2026-03-09",
    ]
    assert [row["group"] for row in rows if row["section"] == "staff"] == ["Amélie Durand"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2026-13-01&to=2026-03-01", "Please enter a date as YYYY-MM-DD"),
        ("from=yesterday", "Please enter a date as YYYY-MM-DD"),
        ("from=2026-03-15&to=2026-03-01", "comes before its start"),
        ("from=2020-01-01&to=2026-03-01", "at most 731 days"),
    ],
)
def test_a_bad_period_is_refused_with_a_clear_message_and_kept(client, staff, query, message):
    client.force_login(staff)

    page = client.get(f"/staff/figures/?{query}")
    download = client.get(f"/staff/figures/figures.csv?{query}")

    assert page.status_code == 400
    assert message in page.content.decode()
    assert 'data-figure="promises-kept"' not in page.content.decode()
    typed = query.split("&")[0].split("=")[1]
    assert f'value="{typed}"' in page.content.decode()
    assert download.status_code == 400
    assert message in download.content.decode()


ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "suspended_member",
    "moderator",
    "staff",
    "product_team_member",
    "site_admin_member",
]


@pytest.fixture
def site_admin_member(db):
    return site_admin()


@pytest.fixture
def suspended_member(db, moderator):
    from django.utils import timezone

    from community.protections import suspensions

    member = MemberFactory()
    suspensions.suspend(
        moderator, member, until=timezone.now() + timedelta(days=7), reason="Rude in answers."
    )
    return member


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_the_product_team_and_site_admins_see_the_figures(request, client, role):
    person = request.getfixturevalue(role)
    if person is not None:
        client.force_login(person)

    pages = [client.get("/staff/figures/"), client.get("/staff/figures/figures.csv")]

    for response in pages:
        if role == "visitor":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        elif role in ("staff", "product_team_member", "site_admin_member"):
            assert response.status_code == 200
        else:
            assert response.status_code == 403


def test_the_dashboard_costs_the_same_with_more_questions(client, team, staff):
    client.force_login(staff)
    cards = [StaffCardFactory(team=team) for _ in range(3)]
    for card in cards:
        totp_authenticator(card.member)

    def add(count):
        for number in range(count):
            question = asked(
                paris(2026, 3, 3 + number % 10, 10, 0),
                staff_after_hours=number % 7 + 1,
                kept=number % 2,
                missed=(number + 1) % 2,
                team=team if number % 3 else None,
                owner_card=cards[number % 3],
            )
            solve(question, written_as="member" if number % 2 else "staff")

    def queries():
        client.get(f"/staff/figures/?{PERIOD}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/staff/figures/?{PERIOD}").status_code == 200
        return len(captured)

    add(3)
    few = queries()
    add(30)
    assert queries() == few
