"""Claims and decisions stay single when moderators act on the same item at the same moment.

Each action runs in its own thread with its own database connection, all released together by a
barrier, so they really overlap. PostgreSQL only: SQLite lets one writer in at a time.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from community import reports
from community.models import Decision, QueueItem
from community.moderation import services
from community.questions import services as questions
from community.roles import Role
from tests.conftest import postgres_only
from tests.factories import MemberFactory, QuestionFactory

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REASON = "Insults another member by name."


def at_once(actions):
    """Run each action in its own thread, all released at the same moment; their results (or
    the validation error each raised)."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)
    unexpected = []

    def run(index, action):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            results[index] = action()
        except ValidationError as refused:
            results[index] = refused
        except Exception as error:
            unexpected.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, action)) for i, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an action never finished"
    assert unexpected == []
    return results


@pytest.fixture
def moderators(db):
    return [MemberFactory(roles=[Role.MODERATOR]) for _number in range(4)]


@pytest.fixture
def item(db):
    question = QuestionFactory()
    answer = questions.answer_create(MemberFactory(), question, body="A rude answer.")
    reports.report_create(MemberFactory(), answer, reason="abuse")
    return QueueItem.objects.get(object_id=answer.pk, closed_at__isnull=True)


def test_only_one_of_several_simultaneous_claims_wins(moderators, item):
    results = at_once([lambda m=m: services.claim(m, item) for m in moderators])

    won = [result for result in results if isinstance(result, QueueItem)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(won) == 1
    assert len(refused) == len(moderators) - 1
    assert all(error.code == "claimed" for error in refused)
    item.refresh_from_db()
    assert item.claimed_by == won[0].claimed_by


def test_two_simultaneous_decisions_make_one(moderators, item):
    answer = item.target
    actions = [
        lambda m=m: services.decide(m, answer, action="hide", reason=REASON, reason_code="abuse")
        for m in moderators[:2]
    ]

    at_once(actions)

    assert Decision.objects.filter(action="hide").count() == 1
    answer.refresh_from_db()
    assert answer.question.answer_count == 0
