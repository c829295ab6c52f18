"""Counts and owners stay exact when many members act on a question at the same moment.

Each action runs in its own thread with its own database connection, all released together by a
barrier, so they really overlap. PostgreSQL only: SQLite lets one writer in at a time.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from community.questions import services
from community.questions.models import Answer, AnswerVote, Question, QuestionEvent
from tests.conftest import postgres_only
from tests.factories import MemberFactory, StaffCardFactory

pytestmark = [
    postgres_only,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_once(actions):
    """Run each action in its own thread, all released at the same moment; their results (or
    the exception each raised)."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)
    unexpected = []

    def run(index, action):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=30)
            results[index] = action()
        except PermissionDenied as refused:
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


def upvote(member, answer, on=True):
    return lambda: services.answer_vote_set(member, answer, on=on)


def counts(answer):
    return (
        Answer.objects.get(pk=answer.pk).upvote_count,
        AnswerVote.objects.filter(answer=answer).count(),
    )


def test_twenty_members_upvoting_at_the_same_moment_are_all_counted(answer):
    members = MemberFactory.create_batch(20)

    results = at_once([upvote(member, answer) for member in members])

    assert results == [True] * 20
    assert counts(answer) == (20, 20)


def test_one_member_upvoting_twice_at_the_same_moment_counts_once(answer, member):
    results = at_once([upvote(member, answer), upvote(member, answer)])

    assert sorted(results) == [False, True]
    assert counts(answer) == (1, 1)


def test_upvotes_and_upvotes_taken_back_at_the_same_moment_leave_an_exact_count(answer):
    earlier = MemberFactory.create_batch(10)
    for member in earlier:
        services.answer_vote_set(member, answer, on=True)
    leaving, staying = earlier[:5], earlier[5:]
    newcomers = MemberFactory.create_batch(15)

    at_once(
        [upvote(member, answer, on=False) for member in leaving]
        + [upvote(member, answer) for member in newcomers]
    )

    assert counts(answer) == (20, 20)
    assert set(AnswerVote.objects.values_list("member", flat=True)) == {
        member.pk for member in staying + newcomers
    }


def test_twenty_answers_at_the_same_moment_are_all_counted_and_the_first_is_recorded(question):
    members = MemberFactory.create_batch(20)

    at_once(
        [
            (lambda member=member: services.answer_create(member, question, body="At once"))
            for member in members
        ]
    )

    question = Question.objects.get(pk=question.pk)
    answers = Answer.objects.filter(question=question)
    assert question.answer_count == answers.count() == 20
    assert question.first_answer_at == min(answer.created_at for answer in answers)


def test_two_staff_taking_the_same_question_at_once_leave_one_owner(question):
    first, second = StaffCardFactory().member, StaffCardFactory().member

    results = at_once(
        [
            lambda: services.ownership_take(first, question),
            lambda: services.ownership_take(second, question),
        ]
    )

    assert sum(isinstance(result, PermissionDenied) for result in results) == 1
    question = Question.objects.get(pk=question.pk)
    assert question.owner in (first, second)
    assert QuestionEvent.objects.filter(question=question, kind="taken").count() == 1
