"""Whose move it is: the clock through a question's life, and the promise settled honestly."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from community.models import ResponsePromise
from community.questions import services
from community.questions.models import Question
from tests.community.staffdesk.conftest import paris
from tests.factories import ResponsePromiseFactory

TUESDAY_10 = paris(2026, 3, 10, 10, 0)


def ask(asker, product, at=TUESDAY_10, **place):
    with time_machine.travel(at, tick=False):
        return services.question_ask(
            asker,
            title="How often should I descale the Aurora?",
            body="The reminder shows every month.",
            **(place if place else {"product": product}),
        )


def fresh(question):
    return Question.objects.get(pk=question.pk)


def test_a_new_question_waits_on_staff_with_the_default_promise(promise, asker, product):
    question = fresh(ask(asker, product))

    assert question.waiting_on == "staff"
    assert question.waiting_since == TUESDAY_10
    assert question.promise == promise
    assert question.promise_due_at == paris(2026, 3, 11, 10, 0)
    assert question.promise_kept is None


def test_the_products_promise_wins_over_the_default(promise, asker, product, topic):
    mine = ResponsePromiseFactory(product=product, length=4, unit=ResponsePromise.Unit.HOURS)
    other = ResponsePromiseFactory(topic=topic, length=2, unit=ResponsePromise.Unit.HOURS)

    on_product = fresh(ask(asker, product))
    in_topic = fresh(ask(asker, None, topic=topic))

    assert on_product.promise == mine
    assert on_product.promise_due_at == paris(2026, 3, 10, 14, 0)
    assert in_topic.promise == other
    assert in_topic.promise_due_at == paris(2026, 3, 10, 12, 0)


def test_without_any_promise_the_question_still_shows_whose_move_it_is(hours, asker, product):
    question = fresh(ask(asker, product))

    assert question.waiting_on == "staff"
    assert question.promise is None
    assert question.promise_due_at is None


def test_staff_answer_keeps_the_promise_and_hands_the_move_to_the_customer(
    promise, asker, product, staff
):
    question = ask(asker, product)

    with time_machine.travel(TUESDAY_10 + timedelta(hours=3), tick=False):
        services.answer_create(staff, question, body="Every two months is enough.")
    question = fresh(question)

    assert question.waiting_on == "customer"
    assert question.waiting_since == TUESDAY_10 + timedelta(hours=3)
    assert question.promise_kept is True
    assert (question.promises_kept, question.promises_missed) == (1, 0)


def test_the_askers_reply_moves_it_back_to_staff_with_a_new_promise(promise, asker, product, staff):
    question = ask(asker, product)
    with time_machine.travel(TUESDAY_10 + timedelta(hours=1), tick=False):
        answer = services.answer_create(staff, question, body="Which water do you use?")
    friday = paris(2026, 3, 13, 17, 0)

    with time_machine.travel(friday, tick=False):
        services.reply_create(asker, answer, body="Hard water from the tap.")
    question = fresh(question)

    assert question.waiting_on == "staff"
    assert question.waiting_since == friday
    assert question.promise_due_at == paris(2026, 3, 16, 17, 0)
    assert question.promise_kept is None
    assert question.promises_kept == 1


def test_a_member_answering_does_not_stop_the_wait_for_staff(promise, asker, product, answerer):
    question = ask(asker, product)

    services.answer_create(answerer, question, body="Every month with hard water.")

    assert fresh(question).waiting_on == "staff"


def test_a_late_staff_answer_is_recorded_as_a_missed_promise(promise, asker, product, staff):
    question = ask(asker, product)

    with time_machine.travel(paris(2026, 3, 12, 9, 0), tick=False):
        services.answer_create(staff, question, body="Sorry for the wait.")
    question = fresh(question)

    assert question.promise_kept is False
    assert question.promise_missed_at == paris(2026, 3, 11, 10, 0)
    assert (question.promises_kept, question.promises_missed) == (0, 1)


def test_a_community_solution_keeps_the_promise_when_the_promise_says_so(
    promise, asker, product, answerer
):
    question = ask(asker, product)
    answer = services.answer_create(answerer, question, body="Every month with hard water.")

    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        services.solution_set(asker, answer)
    question = fresh(question)

    assert question.waiting_on == ""
    assert question.promise_kept is True
    assert question.promise_kept_by_community is True
    assert question.promises_kept == 1


def test_a_community_solution_only_stops_the_clock_when_the_promise_wants_staff(
    hours, team, asker, product, answerer
):
    ResponsePromiseFactory(community_solution_fulfils=False)
    question = ask(asker, product)
    answer = services.answer_create(answerer, question, body="Every month with hard water.")

    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        services.solution_set(asker, answer)
    question = fresh(question)

    assert question.waiting_on == ""
    assert question.promise_kept is None
    assert (question.promises_kept, question.promises_missed) == (0, 0)


def test_closing_stops_the_clock_and_reopening_starts_it_again(promise, asker, product, staff):
    question = ask(asker, product)
    services.answer_create(staff, question, body="Every two months.")

    services.question_close(asker, fresh(question))
    assert fresh(question).waiting_on == ""

    services.question_reopen(asker, fresh(question))
    assert fresh(question).waiting_on == "staff"


def test_once_staff_have_answered_the_asker_replies_rather_than_asks_for_staff(
    promise, asker, product, staff
):
    question = ask(asker, product)
    answered_at = TUESDAY_10 + timedelta(hours=1)
    with time_machine.travel(answered_at, tick=False):
        services.answer_create(staff, question, body="Which water do you use?")

    with (
        time_machine.travel(paris(2026, 3, 11, 15, 0), tick=False),
        pytest.raises(PermissionDenied),
    ):
        services.staff_request(asker, fresh(question))
    question = fresh(question)

    assert question.waiting_on == "customer"
    assert question.waiting_since == answered_at
    assert question.asked_for_staff_at is None


def test_asking_for_staff_while_already_waiting_keeps_the_deadline(promise, asker, product):
    question = ask(asker, product)

    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        services.staff_request(asker, fresh(question))

    assert fresh(question).promise_due_at == paris(2026, 3, 11, 10, 0)


def test_deleting_the_question_stops_the_clock(promise, asker, product):
    question = ask(asker, product)

    services.question_delete(asker, fresh(question))

    assert fresh(question).waiting_on == ""
