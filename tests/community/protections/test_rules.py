"""Spam and flood rules: each one refuses with a message that says what to do, a trusted member
is not slowed down, and the operators' own scripts are not limited at all."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from community import reports
from community.protections import rules
from community.protections.refusals import Refused, ago_text, wait_text
from community.questions import services as question_services
from ideas.services import comment_create, idea_propose, idea_vote
from reviews import services as review_services
from tests.community.protections.conftest import make_trusted
from tests.factories import MemberFactory, QuestionFactory, proposed_idea

pytestmark = pytest.mark.django_db

START = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone())


def answer(member, question, body):
    return question_services.answer_create(member, question, body=body)


def texts(count):
    return [f"Answer number {n}: descale with citric acid every two months." for n in range(count)]


# --- The minimum interval between posts -----------------------------------------------------


def test_a_new_member_waits_between_two_posts_and_is_told_how_long(flood_limits, serving, question):
    member = MemberFactory()
    first, second = texts(2)
    with time_machine.travel(START, tick=False) as clock:
        answer(member, question, first)
        clock.shift(timedelta(seconds=5))
        with pytest.raises(Refused) as refused:
            answer(member, question, second)
        assert refused.value.code == "too_soon"
        assert "You can post again in 15 seconds" in refused.value.messages[0]
        assert "until 2 more of your contributions are published" in refused.value.messages[0]
        assert refused.value.retry_after == 15

        clock.shift(timedelta(seconds=15))
        answer(member, question, second)


def test_the_interval_follows_the_site_setting(flood_limits, serving, question, site_settings):
    site_settings(min_seconds_between_posts=0)
    member = MemberFactory()
    for body in texts(3):
        answer(member, question, body)


def test_the_interval_counts_every_kind_of_post(flood_limits, serving, question, product):
    member = MemberFactory()
    with time_machine.travel(START, tick=False):
        proposed = idea_propose(
            member, title="Descaling reminders by e-mail", body="Tell me when to descale."
        )
        with pytest.raises(Refused, match="You can post again in 20 seconds"):
            comment_create(member, proposed, body="And count the cups since the last time.")
        with pytest.raises(Refused, match="You can post again"):
            review_services.review_create(
                member, product, data={"rating": 4, "title": "Good", "text": "Good coffee."}
            )


# --- New members: posts per day -------------------------------------------------------------


def test_a_new_member_writes_at_most_the_daily_number_of_posts(
    flood_limits, serving, question, site_settings
):
    site_settings(
        new_member_max_posts_per_day=3, min_seconds_between_posts=0, trusted_after_contributions=10
    )
    member = MemberFactory()
    bodies = texts(4)
    with time_machine.travel(START, tick=False) as clock:
        for body in bodies[:3]:
            answer(member, question, body)
            clock.shift(timedelta(hours=1))
        with pytest.raises(Refused) as refused:
            answer(member, question, bodies[3])
        message = refused.value.messages[0]
        assert refused.value.code == "too_many_posts_today"
        assert "New members can write 3 posts a day" in message
        assert "You can post again in 21 hours" in message
        assert "once 7 more of your contributions are published" in message

        # The first post of the day leaves the 24 hours: one more is allowed.
        clock.move_to(START + timedelta(days=1, seconds=1))
        answer(member, question, bodies[3])


# --- New members: links ---------------------------------------------------------------------


def test_a_new_member_puts_at_most_two_links_in_a_post(serving, question):
    member = MemberFactory()
    body = (
        "See [the manual](https://example.com/manual), https://example.com/video and "
        "www.example.com/descaling for details."
    )
    with pytest.raises(Refused) as refused:
        answer(member, question, body)
    message = refused.value.messages[0]
    assert refused.value.code == "too_many_links"
    assert "New members can include at most 2 links per post, and this one has 3." in message
    assert "Remove a link, or wait until 3 more of your contributions are published." in message

    answer(member, question, "See [the manual](https://example.com/manual) and www.example.com.")


def test_the_link_limit_applies_to_edits_too(serving, question):
    member = MemberFactory()
    written = answer(member, question, "Descale every two months with citric acid.")
    with pytest.raises(Refused, match="at most 2 links"):
        question_services.answer_edit(
            member, written, body="https://a.example https://b.example https://c.example"
        )


def test_the_link_limit_is_a_site_setting(serving, question, site_settings):
    site_settings(new_member_max_links=0)
    with pytest.raises(Refused, match="at most 0 links per post"):
        answer(MemberFactory(), question, "Read https://example.com/manual first.")


# --- The same text twice --------------------------------------------------------------------


def test_the_same_text_posted_twice_is_refused_and_says_when_it_was_posted(
    flood_limits, serving, question, asker
):
    member = make_trusted(MemberFactory())
    other = QuestionFactory(author=asker)
    body = "Descale every two months with citric acid."
    with time_machine.travel(START, tick=False) as clock:
        answer(member, question, body)
        clock.shift(timedelta(minutes=3))
        with pytest.raises(Refused) as refused:
            answer(member, other, "  descale every two months   WITH citric acid. ")
        assert refused.value.code == "duplicate_text"
        assert refused.value.messages[0] == (
            "You posted this same text 3 minutes ago. Change it, or find your earlier post "
            "instead of posting it twice."
        )
        # Once the window has passed, it may be posted again.
        clock.shift(timedelta(minutes=60))
        answer(member, other, body)


def test_a_short_text_like_thanks_may_be_posted_twice(flood_limits, serving, question):
    member = make_trusted(MemberFactory())
    first = answer(member, question, "Descale every two months with citric acid.")
    question_services.reply_create(member, first, body="Thank you!")
    question_services.reply_create(member, first, body="Thank you!")


# --- Trusted members and staff are not slowed down -----------------------------------------


def test_a_trusted_member_is_not_slowed_down(flood_limits, serving, question, site_settings):
    site_settings(new_member_max_posts_per_day=2)
    member = make_trusted(MemberFactory())
    many_links = "https://a.example https://b.example https://c.example"
    with time_machine.travel(START, tick=False):
        for body in texts(4):
            answer(member, question, f"{body} {many_links}")


def test_staff_are_not_slowed_down(flood_limits, serving, question, staff, site_settings):
    site_settings(writes_per_hour_per_member=2, new_member_max_posts_per_day=1)
    with time_machine.travel(START, tick=False):
        for body in texts(4):
            answer(staff, question, body)


# --- Rate limits per member and per network address ----------------------------------------


def test_writing_is_limited_per_member_per_hour(flood_limits, serving, question, site_settings):
    site_settings(writes_per_hour_per_member=2)
    member = make_trusted(MemberFactory())
    bodies = texts(3)
    with time_machine.travel(START, tick=False):
        answer(member, question, bodies[0])
        answer(member, question, bodies[1])
        with pytest.raises(Refused) as refused:
            answer(member, question, bodies[2])
    assert refused.value.code == "write_rate"
    assert "You can post again in 1 hour." in refused.value.messages[0]
    assert "What you wrote is kept in the form." in refused.value.messages[0]


def test_writing_is_limited_per_network_address(flood_limits, serving, question, site_settings):
    site_settings(writes_per_hour_per_ip=2)
    bodies = texts(3)
    with time_machine.travel(START, tick=False):
        answer(make_trusted(MemberFactory()), question, bodies[0])
        answer(make_trusted(MemberFactory()), question, bodies[1])
        with pytest.raises(Refused, match="A great many posts came from your network"):
            answer(make_trusted(MemberFactory()), question, bodies[2])


def test_the_rate_limit_window_ends_and_writing_resumes(
    flood_limits, serving, question, site_settings
):
    site_settings(writes_per_hour_per_member=1)
    member = make_trusted(MemberFactory())
    bodies = texts(2)
    with time_machine.travel(START + timedelta(minutes=40), tick=False) as clock:
        answer(member, question, bodies[0])
        with pytest.raises(Refused, match="You can post again in 20 minutes"):
            answer(member, question, bodies[1])
        clock.shift(timedelta(minutes=20))
        answer(member, question, bodies[1])


def test_voting_is_limited_per_member(flood_limits, serving, question, site_settings):
    site_settings(votes_per_hour_per_member=2)
    member = MemberFactory()
    with time_machine.travel(START, tick=False):
        question_services.question_vote_set(member, question, on=True)
        question_services.question_vote_set(member, question, on=False)
        with pytest.raises(Refused) as refused:
            question_services.question_vote_set(member, question, on=True)
    assert refused.value.code == "vote_rate"
    assert "You can vote again in 1 hour." in refused.value.messages[0]


def test_idea_votes_count_against_the_same_limit(flood_limits, serving, site_settings):
    site_settings(votes_per_hour_per_member=1)
    member = MemberFactory()
    first, second = proposed_idea(title="One idea"), proposed_idea(title="Another idea")
    with time_machine.travel(START, tick=False):
        idea_vote(member, first, importance=2)
        with pytest.raises(Refused, match="You have voted many times"):
            idea_vote(member, second, importance=2)


def test_reporting_is_limited_per_member_per_day(flood_limits, serving, site_settings):
    site_settings(reports_per_day_per_member=1)
    member = MemberFactory()
    first, second = QuestionFactory(), QuestionFactory()
    with time_machine.travel(START, tick=False):
        reports.report_create(member, first, reason="spam")
        with pytest.raises(Refused) as refused:
            reports.report_create(member, second, reason="spam")
    assert refused.value.code == "report_rate"
    assert re.search(r"you can report again in \d+ hours\.$", refused.value.messages[0])


def test_the_switch_off_lets_tests_and_imports_write_quickly(serving, question, site_settings):
    site_settings(writes_per_hour_per_member=1)
    member = MemberFactory()
    for body in texts(3):
        answer(member, question, body)


def test_scripts_of_the_operators_are_not_limited(flood_limits, question):
    """No request is served: seed_demo and the shell write as fast as they need."""
    member = MemberFactory()
    for body in ["https://a.example https://b.example https://c.example", *texts(3)]:
        answer(member, question, body)


# --- Suspended members ----------------------------------------------------------------------


def test_a_suspended_member_is_refused_everywhere_with_the_reason(suspended_member, question):
    with pytest.raises(Refused) as refused:
        answer(suspended_member, question, "Descale every two months.")
    assert refused.value.code == "suspended"
    assert "Your account is suspended until" in refused.value.messages[0]
    assert "Insulted other members in three answers." in refused.value.messages[0]
    with pytest.raises(Refused, match="suspended"):
        question_services.question_vote_set(suspended_member, question, on=True)
    with pytest.raises(Refused, match="suspended"):
        reports.report_create(suspended_member, question, reason="spam")


def test_an_unverified_member_is_refused_by_the_permission_not_a_protection(
    unverified_member, question
):
    with pytest.raises(PermissionDenied) as refused:
        answer(unverified_member, question, "Descale every two months.")
    assert not isinstance(refused.value, Refused)


# --- Words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(1, "1 second"), (40, "40 seconds"), (61, "2 minutes"), (3600, "1 hour"), (3601, "2 hours")],
)
def test_waits_are_said_the_way_people_say_them(seconds, said):
    assert wait_text(seconds) == said


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(3, "a moment ago"), (45, "45 seconds ago"), (185, "3 minutes ago"), (7300, "2 hours ago")],
)
def test_how_long_ago_is_rounded_down(seconds, said):
    assert ago_text(seconds) == said


def test_links_are_counted_in_markdown_and_bare():
    text = "[a](https://a.example) <https://b.example> http://c.example www.d.example e.example"
    assert rules.count_links(text) == 4


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.guard_write(MemberFactory(), kind="poem")
