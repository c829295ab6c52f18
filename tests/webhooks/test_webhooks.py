"""Webhooks with a real HTTP receiver: the five events are sent by the services with a body
signed with the webhook's secret; a failing receiver is tried again later, waiting longer each
time, and given up after the last attempt; only public content is described."""

import contextlib
import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from community import webhooks
from community.models import ModerationState, WebhookDelivery
from community.questions.services import answer_create, solution_set
from community.questions.webhooks import QUESTION_SOLVED
from ideas import services as idea_services
from ideas.webhooks import IDEA_CREATED
from reviews import services as review_services
from reviews.webhooks import REVIEW_PUBLISHED
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    idea_status,
    product_page,
    proposed_idea,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def product(site_pages):
    return product_page(site_pages.catalogue["en"], "Espresso One")


def received_json(receiver, index=-1):
    headers, body = receiver.received[index]
    return headers, body, json.loads(body)


def test_a_real_receiver_gets_a_correctly_signed_body(receiver, hook_for, committed, product):
    hook = hook_for(receiver, events=[IDEA_CREATED])

    idea = committed(
        proposed_idea,
        MemberFactory(display_name="Ines Idea", email="ines@example.com"),
        title="Schedule the machine",
        body="Early **coffee**.",
        product=product,
    )

    assert len(receiver.received) == 1
    headers, body, payload = received_json(receiver)
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["X-Community-Event"] == "idea.created"
    expected = webhooks.sign(hook.secret, int(headers["X-Community-Timestamp"]), body)
    assert headers["X-Community-Signature"] == expected
    assert webhooks.verify(
        hook.secret, headers["X-Community-Timestamp"], body, headers["X-Community-Signature"]
    )
    assert not webhooks.verify(
        "another-secret-entirely", headers["X-Community-Timestamp"], body, expected
    )
    assert not webhooks.verify(hook.secret, headers["X-Community-Timestamp"], body + b" ", expected)
    assert payload["event"] == "idea.created"
    assert payload["data"]["idea"]["id"] == idea.pk
    assert payload["data"]["idea"]["title"] == "Schedule the machine"
    assert payload["data"]["idea"]["description"] == "Early coffee."
    assert payload["data"]["idea"]["product"]["title"] == "Espresso One"
    assert "@example.com" not in body.decode()

    delivery = WebhookDelivery.objects.get()
    assert headers["X-Community-Delivery"] == str(delivery.pk)
    assert delivery.body == body.decode()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.attempts, delivery.response_status, delivery.error) == (1, 200, "")
    assert delivery.duration_ms is not None and delivery.delivered_at is not None
    assert delivery.response_excerpt == '{"ok": true}'


def test_an_old_signature_is_refused_by_the_verification(receiver, hook_for, committed):
    hook = hook_for(receiver)
    committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")
    headers, body, _payload = received_json(receiver)

    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert not webhooks.verify(
            hook.secret, headers["X-Community-Timestamp"], body, headers["X-Community-Signature"]
        )


def test_each_event_is_sent_by_its_service(
    receiver, hook_for, committed, product, staff, moderator
):
    hook_for(receiver)
    author = MemberFactory(display_name="Ines Idea")
    idea = committed(proposed_idea, author, title="Schedule the machine", body="Text.")
    duplicate = committed(proposed_idea, MemberFactory(), title="Start on a timer", body="Same.")
    committed(
        idea_services.idea_status_change,
        staff,
        idea,
        to_status=idea_status("planned"),
        note="Planned for spring.",
    )
    committed(idea_services.idea_merge, staff, duplicate, idea, note="Same request.")
    review = committed(
        review_services.review_create,
        MemberFactory(),
        product,
        data={"rating": 5, "title": "Great", "text": "Every morning, hot coffee."},
    )
    question = QuestionFactory(author=author)
    answer = answer_create(MemberFactory(display_name="Anna"), question, body="Use vinegar.")
    committed(solution_set, author, answer)

    events = [json.loads(body) for _headers, body in receiver.received]
    assert [event["event"] for event in events] == [
        "idea.created",
        "idea.created",
        "idea.status_changed",
        "idea.merged",
        "review.published",
        "question.solved",
    ]
    changed, merged, published, solved = events[2:]
    assert changed["data"]["idea"]["id"] == idea.pk
    assert changed["data"]["from_status"]["slug"] == "new"
    assert changed["data"]["to_status"]["slug"] == "planned"
    assert changed["data"]["note"] == "Planned for spring."
    assert changed["data"]["decided_by"]["name"] == "Amélie Durand"
    assert merged["data"]["idea"]["id"] == duplicate.pk
    assert merged["data"]["into"]["id"] == idea.pk
    assert merged["data"]["idea"]["merged_into"] == idea.pk
    assert published["data"]["review"]["id"] == review.pk
    assert published["data"]["review"]["rating"] == 5
    assert solved["data"]["question"]["id"] == question.pk
    assert solved["data"]["question"]["solution"]["answer"] == answer.pk
    assert len({event["id"] for event in events}) == 6


def test_a_moderator_publishing_a_review_sends_it_once(
    receiver, hook_for, committed, product, moderator
):
    hook_for(receiver, events=[REVIEW_PUBLISHED])
    review = ReviewFactory(product=product, moderation_state=ModerationState.HIDDEN)

    committed(review_services.review_moderate, moderator, review, state=ModerationState.PUBLISHED)
    # Publishing it again changes nothing (moderation may also refuse it as already decided).
    with contextlib.suppress(ValidationError):
        committed(
            review_services.review_moderate, moderator, review, state=ModerationState.PUBLISHED
        )
    committed(
        review_services.review_moderate,
        moderator,
        review,
        state=ModerationState.HIDDEN,
        reason="Off topic.",
    )

    assert [json.loads(body)["event"] for _h, body in receiver.received] == ["review.published"]


def test_nothing_is_sent_about_what_the_public_may_not_see(receiver, hook_for, committed, product):
    hook_for(receiver)
    hidden = ReviewFactory(product=product, moderation_state=ModerationState.HIDDEN)
    idea = proposed_idea(MemberFactory(), title="An idea", body="Text.")
    idea_services.idea_delete(idea.author, idea)

    committed(webhooks.emit, REVIEW_PUBLISHED, hidden)
    committed(webhooks.emit, IDEA_CREATED, idea)

    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_only_active_webhooks_registered_for_the_event_are_sent_it(
    make_receiver, hook_for, committed
):
    wanted, other, inactive = make_receiver([200]), make_receiver([200]), make_receiver([200])
    hook_for(wanted, events=[IDEA_CREATED])
    hook_for(other, events=[QUESTION_SOLVED])
    hook_for(inactive, events=[IDEA_CREATED], is_active=False)

    committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")

    assert len(wanted.received) == 1
    assert other.received == [] and inactive.received == []


def test_a_failing_receiver_is_tried_again_later_until_it_answers(
    make_receiver, hook_for, committed
):
    flaky = make_receiver([500, 503, 200])
    hook_for(flaky)
    start = timezone.now()

    with time_machine.travel(start, tick=False) as clock:
        committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.Status.RETRYING
        assert (delivery.attempts, delivery.response_status) == (1, 500)
        assert delivery.error == "HTTP 500"
        assert delivery.response_excerpt == "Receiver is down"
        assert delivery.next_attempt_at == start + timedelta(seconds=30)

        clock.shift(timedelta(seconds=29))
        assert webhooks.retry_due() == 0
        clock.shift(timedelta(seconds=2))
        assert webhooks.retry_due() == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.RETRYING, 2)
        assert delivery.next_attempt_at == timezone.now() + timedelta(minutes=1)

        clock.shift(timedelta(minutes=1))
        webhooks.retry_due()
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.Status.SUCCEEDED
        assert (delivery.attempts, delivery.response_status, delivery.error) == (3, 200, "")

    bodies = {body for _headers, body in flaky.received}
    assert len(flaky.received) == 3 and len(bodies) == 1


def test_a_receiver_that_never_answers_well_is_given_up_after_the_last_attempt(
    make_receiver, hook_for, committed
):
    down = make_receiver([500])
    hook_for(down)
    waits = []

    with time_machine.travel(timezone.now(), tick=False) as clock:
        committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")
        delivery = WebhookDelivery.objects.get()
        while delivery.status == WebhookDelivery.Status.RETRYING:
            wait = delivery.next_attempt_at - timezone.now()
            waits.append(wait.total_seconds())
            clock.shift(wait)
            webhooks.retry_due()
            delivery.refresh_from_db()

    assert waits == [30, 60, 120, 240, 480]
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == webhooks.MAX_ATTEMPTS == len(down.received)
    assert delivery.next_attempt_at is None


def test_an_unreachable_receiver_is_recorded_with_the_reason(hook_for, committed):
    class Nowhere:
        url = "http://127.0.0.1:9/nobody-listens"

    hook_for(Nowhere())

    committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.RETRYING
    assert delivery.response_status is None
    assert delivery.error.startswith("Could not reach the receiver")


def test_a_worker_that_can_wait_gets_the_retry_with_its_run_after(
    make_receiver, hook_for, committed, settings
):
    from django_tasks import task_backends

    down = make_receiver([500])
    hook = hook_for(down)
    delivery = WebhookDelivery.objects.create(webhook=hook, event="idea.created", body="{}")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    with time_machine.travel(timezone.now(), tick=False):
        webhooks.deliver(delivery.pk)
        delivery.refresh_from_db()
        queued = task_backends["default"].results

        assert len(queued) == 1
        assert queued[0].task.run_after == timezone.now() + timedelta(seconds=30)
        assert queued[0].kwargs == {"delivery_id": str(delivery.pk)}
        assert queued[0].task.run_after == delivery.next_attempt_at


def test_a_redirect_is_a_failure_that_names_the_new_address(make_receiver, hook_for, committed):
    moved = make_receiver([301])
    hook_for(moved)

    committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")

    delivery = WebhookDelivery.objects.get()
    assert delivery.response_status == 301
    assert delivery.status == WebhookDelivery.Status.RETRYING


def test_the_command_sends_the_deliveries_that_are_due(make_receiver, hook_for, committed):
    from django.core.management import call_command

    flaky = make_receiver([500, 200])
    hook_for(flaky)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        committed(proposed_idea, MemberFactory(), title="An idea", body="Text.")
        clock.shift(timedelta(seconds=31))
        output = io.StringIO()
        call_command("retry_webhooks", stdout=output)

    assert output.getvalue() == "1 deliveries tried again.\n"
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED
