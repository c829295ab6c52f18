"""Helpful votes stay exact when many members vote at the same moment.

Each vote runs in its own thread with its own database connection, all released together by a
barrier, so the votes really overlap. PostgreSQL only: SQLite lets one writer in at a time.
"""

import threading

import pytest
from django.db import connection

from reviews import services
from reviews.models import HelpfulVote, Review
from tests.conftest import postgres_only
from tests.factories import MemberFactory, ReviewFactory, product_page

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def review(site_pages):
    product = product_page(site_pages.catalogue["en"], "Espresso One")
    return ReviewFactory(product=product)


def at_once(actions):
    """Run each action in its own thread, all released at the same moment; their results."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)
    errors = []

    def run(index, action):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            results[index] = action()
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
    assert not any(thread.is_alive() for thread in threads), "a vote never finished"
    assert errors == []
    return results


def vote(member, review, helpful=True):
    return lambda: services.review_helpful_set(member, review, helpful=helpful)


def counts(review):
    return (
        Review.objects.get(pk=review.pk).helpful_count,
        HelpfulVote.objects.filter(review=review).count(),
    )


def test_twenty_members_voting_at_the_same_moment_are_all_counted(review):
    members = MemberFactory.create_batch(20)

    results = at_once([vote(member, review) for member in members])

    assert results == [True] * 20
    assert counts(review) == (20, 20)


def test_one_member_voting_twice_at_the_same_moment_counts_once(review, member):
    results = at_once([vote(member, review), vote(member, review)])

    assert sorted(results) == [False, True]
    assert counts(review) == (1, 1)


def test_one_member_taking_a_vote_back_twice_at_the_same_moment_takes_away_one(review, member):
    services.review_helpful_set(MemberFactory(), review, helpful=True)
    services.review_helpful_set(member, review, helpful=True)

    results = at_once([vote(member, review, False), vote(member, review, False)])

    assert sorted(results) == [False, True]
    assert counts(review) == (1, 1)


def test_votes_and_votes_taken_back_at_the_same_moment_leave_an_exact_count(review):
    earlier = MemberFactory.create_batch(10)
    for member in earlier:
        services.review_helpful_set(member, review, helpful=True)
    leaving, staying = earlier[:5], earlier[5:]
    newcomers = MemberFactory.create_batch(15)

    at_once(
        [vote(member, review, False) for member in leaving]
        + [vote(member, review, True) for member in newcomers]
    )

    assert counts(review) == (20, 20)
    assert set(HelpfulVote.objects.values_list("member", flat=True)) == {
        member.pk for member in staying + newcomers
    }
