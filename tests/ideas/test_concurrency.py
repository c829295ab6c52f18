"""Votes on ideas stay exact when many members vote at the same moment, and while the idea is
merged or shipped.

Each action runs in its own thread with its own database connection, all released together by
a barrier, so they really overlap. PostgreSQL only: SQLite lets one writer in at a time.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ideas import services
from ideas.models import Idea, IdeaVote, Importance
from tests.conftest import postgres_only
from tests.factories import MemberFactory, idea_status, proposed_idea
from tests.ideas.helpers import assert_count_matches_votes, count_of

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_once(actions):
    """Run each action in its own thread, all released at the same moment; their results
    (or the ValidationError they raised)."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)
    errors = []

    def run(index, action):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            try:
                results[index] = action()
            except ValidationError as refusal:
                results[index] = refusal
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an action never finished"
    assert errors == []
    return results


def vote(member, idea, importance=Importance.IMPORTANT):
    return lambda: services.idea_vote(member, idea, importance=importance)


def test_twenty_members_voting_at_the_same_moment_are_all_counted(db):
    idea = proposed_idea()
    members = MemberFactory.create_batch(20)

    results = at_once([vote(member, idea) for member in members])

    assert results == [True] * 20
    assert count_of(idea) == 21
    assert_count_matches_votes(idea)


def test_one_member_voting_twice_at_once_with_two_importances_counts_once(db):
    idea = proposed_idea()
    member = MemberFactory()

    results = at_once(
        [vote(member, idea, Importance.NICE), vote(member, idea, Importance.ESSENTIAL)]
    )

    assert sorted(results) == [False, True]
    assert count_of(idea) == 2
    assert IdeaVote.objects.get(member=member).importance in (Importance.NICE, Importance.ESSENTIAL)


def test_votes_and_votes_taken_back_at_once_leave_an_exact_count(db):
    idea = proposed_idea()
    earlier = MemberFactory.create_batch(10)
    for member in earlier:
        services.idea_vote(member, idea, importance=Importance.NICE)
    leaving, staying = earlier[:5], earlier[5:]
    newcomers = MemberFactory.create_batch(15)

    at_once(
        [lambda m=member: services.idea_unvote(m, idea) for member in leaving]
        + [vote(member, idea) for member in newcomers]
    )

    assert count_of(idea) == 21
    assert set(IdeaVote.objects.values_list("member", flat=True)) == {
        idea.author_id,
        *(member.pk for member in staying + newcomers),
    }


def test_votes_cast_while_the_idea_is_merged_are_counted_once_on_one_idea(db, staff):
    kept = proposed_idea(title="Kept")
    duplicate = proposed_idea(title="Duplicate")
    both = MemberFactory.create_batch(5)
    for member in both:
        services.idea_vote(member, kept, importance=Importance.NICE)
    voters = MemberFactory.create_batch(10)

    results = at_once(
        [lambda: services.idea_merge(staff, duplicate, kept, notify_people=False)]
        + [vote(member, duplicate, Importance.ESSENTIAL) for member in voters + both]
    )

    refused = [r for r in results[1:] if isinstance(r, ValidationError)]
    assert all(refusal.code == "closed" for refusal in refused)
    assert not IdeaVote.objects.filter(idea=duplicate).exists()
    assert Idea.objects.get(pk=duplicate.pk).vote_count == 0
    counted = set(IdeaVote.objects.filter(idea=kept).values_list("member", flat=True))
    outcomes = zip(voters + both, results[1:], strict=True)
    accepted = {member.pk for member, result in outcomes if result is True}
    assert accepted <= counted
    assert count_of(kept) == len(counted) == 2 + 5 + len(accepted - {m.pk for m in both})
    assert_count_matches_votes(kept, duplicate)


def test_votes_cast_while_the_idea_ships_are_either_counted_or_refused(db, staff):
    idea = proposed_idea()
    voters = MemberFactory.create_batch(15)

    results = at_once(
        [
            lambda: services.idea_status_change(
                staff, idea, to_status=idea_status("shipped"), note="Out.", notify_people=False
            )
        ]
        + [vote(member, idea) for member in voters]
    )

    counted = [result for result in results[1:] if result is True]
    refused = [result for result in results[1:] if isinstance(result, ValidationError)]
    assert len(counted) + len(refused) == 15
    assert count_of(idea) == 1 + len(counted)
    assert_count_matches_votes(idea)
