"""Protections stay exact when the same member acts several times at the same moment: a double
click blocks once, and a rate limit lets through no more than its number. PostgreSQL only."""

import pytest

from community.models import Block
from community.protections import blocks, ratelimits
from community.protections.refusals import Refused
from community.questions import services as question_services
from community.questions.models import QuestionVote
from tests.community.questions.test_concurrency import at_once
from tests.conftest import postgres_only
from tests.factories import MemberFactory, QuestionFactory

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_blocking_twice_at_once_keeps_one_block():
    member, pest = MemberFactory(), MemberFactory()

    at_once([lambda: blocks.block(member, pest) for _ in range(4)])

    assert Block.objects.filter(blocker=member, blocked=pest).count() == 1


def test_votes_at_once_beyond_the_limit_are_refused(flood_limits, site_settings):
    site_settings(votes_per_hour_per_member=2)
    member = MemberFactory()
    questions = QuestionFactory.create_batch(5)

    def vote(question):
        def act():
            with ratelimits.serving("203.0.113.9"):
                try:
                    return question_services.question_vote_set(member, question, on=True)
                except Refused as refused:
                    return refused

        return act

    results = at_once([vote(question) for question in questions])

    assert sum(isinstance(result, Refused) for result in results) == 3
    assert QuestionVote.objects.filter(member=member).count() == 2
