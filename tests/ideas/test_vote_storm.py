"""Fifty members voting on one popular idea at the same moment (the benchmark's vote storm):
every vote counted once, the count exact, votes taken back at the same time included.

PostgreSQL only: SQLite lets one writer in at a time.
"""

import pytest

from ideas import services
from ideas.models import Idea, Importance
from tests.conftest import postgres_only
from tests.factories import MemberFactory, proposed_idea
from tests.ideas.helpers import assert_count_matches_votes, count_of
from tests.ideas.test_concurrency import at_once
from tests.ideas.test_queries import add_votes

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORM = 50


def test_fifty_members_voting_on_a_popular_idea_at_once_are_each_counted_once(db):
    idea = proposed_idea(title="Popular")
    add_votes(idea, 400)
    members = MemberFactory.create_batch(STORM)
    importances = [Importance.NICE, Importance.IMPORTANT, Importance.ESSENTIAL]

    results = at_once(
        [
            lambda member=member, number=number: services.idea_vote(
                member, idea, importance=importances[number % 3]
            )
            for number, member in enumerate(members)
        ]
    )

    assert results == [True] * STORM
    assert count_of(idea) == 1 + 400 + STORM
    assert_count_matches_votes(idea)


def test_a_storm_of_votes_votes_again_and_votes_taken_back_leaves_an_exact_count(db):
    idea = proposed_idea(title="Popular")
    earlier = MemberFactory.create_batch(20)
    for member in earlier:
        services.idea_vote(member, idea, importance=Importance.NICE)
    leaving, changing = earlier[:10], earlier[10:]
    newcomers = MemberFactory.create_batch(STORM - len(earlier))

    at_once(
        [lambda m=member: services.idea_unvote(m, idea) for member in leaving]
        + [
            lambda m=member: services.idea_vote(m, idea, importance=Importance.ESSENTIAL)
            for member in changing + newcomers
        ]
    )

    assert count_of(idea) == 1 + len(changing) + len(newcomers)
    assert Idea.objects.get(pk=idea.pk).votes.filter(importance=Importance.ESSENTIAL).count() == (
        len(changing) + len(newcomers)
    )
    assert_count_matches_votes(idea)
