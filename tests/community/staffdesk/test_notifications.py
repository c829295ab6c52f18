"""Before a promise runs out the owner (or the team) is warned; when it is missed the owner and
the team's lead are told. Once each, whenever the tasks or the sweep run."""

from datetime import UTC, timedelta

import pytest
import time_machine
from django.core.management import call_command

from community import promises
from community.models import Notification
from community.questions import services
from community.questions.models import Question
from tests.community.staffdesk.conftest import paris

TUESDAY_10 = paris(2026, 3, 10, 10, 0)
DUE = paris(2026, 3, 11, 10, 0)
# 20% of the promised business time (Tuesday 10:00–18:00 and Wednesday 9:00–10:00: 9 hours)
# left: 1 h 48 of business time before the deadline, so on Tuesday at 17:12.
WARNING = paris(2026, 3, 10, 17, 12)
# 20% of the business day (9 hours) left: 1 h 48 before the deadline.


def ask(asker, product):
    with time_machine.travel(TUESDAY_10, tick=False):
        return services.question_ask(
            asker, title="How often should I descale it?", body="Every month?", product=product
        )


def told(member, key):
    return Notification.objects.filter(recipient=member, kind=key).count()


@pytest.fixture
def owned(promise, asker, product, staff):
    question = ask(asker, product)
    with time_machine.travel(TUESDAY_10 + timedelta(minutes=5), tick=False):
        services.ownership_take(staff, question)
    return Question.objects.get(pk=question.pk)


def test_the_warning_and_the_miss_are_enqueued_to_run_at_their_time(
    promise, asker, product, settings, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(asker, product)

    queued = {result.task.name: result for result in task_backends["default"].results}
    assert queued["promise_warn"].task.run_after == WARNING
    assert queued["promise_miss"].task.run_after == DUE
    assert queued["promise_miss"].kwargs == {
        "label": "community.question",
        "pk": question.pk,
        "due": DUE.astimezone(UTC).isoformat(),
    }


def test_the_owner_is_warned_once_before_the_miss(owned, staff, lead):
    with time_machine.travel(WARNING - timedelta(minutes=1), tick=False):
        call_command("check_promises")
    assert told(staff, "promise_due_soon") == 0

    with time_machine.travel(WARNING + timedelta(minutes=1), tick=False):
        call_command("check_promises")
        call_command("check_promises")
        promises.promise_warn.call(label="community.question", pk=owned.pk, due=DUE.isoformat())

    assert told(staff, "promise_due_soon") == 1
    assert told(lead, "promise_due_soon") == 0
    notification = Notification.objects.get(recipient=staff, kind="promise_due_soon")
    assert "Wednesday 11 March 2026, 10:00" in notification.params["due"]


def test_the_miss_tells_the_owner_and_the_teams_lead_once(owned, staff, lead):
    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        promises.promise_miss.call(label="community.question", pk=owned.pk, due=DUE.isoformat())
        promises.promise_miss.call(label="community.question", pk=owned.pk, due=DUE.isoformat())
        call_command("check_promises")

    assert told(staff, "promise_missed") == 1
    assert told(lead, "promise_missed") == 1
    question = Question.objects.get(pk=owned.pk)
    assert question.promise_kept is False
    assert question.promises_missed == 1


def test_without_an_owner_the_team_is_warned(promise, asker, product, staff, colleague, lead):
    question = ask(asker, product)

    with time_machine.travel(WARNING + timedelta(minutes=1), tick=False):
        promises.promise_warn.call(label="community.question", pk=question.pk, due=DUE.isoformat())

    assert told(staff, "promise_due_soon") == 1
    assert told(colleague, "promise_due_soon") == 1
    assert told(lead, "promise_due_soon") == 0


def test_a_task_that_finds_the_question_answered_does_nothing(owned, staff, lead, colleague):
    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        services.answer_create(colleague, owned, body="Every two months is enough.")

    with time_machine.travel(DUE + timedelta(hours=1), tick=False):
        promises.promise_warn.call(label="community.question", pk=owned.pk, due=DUE.isoformat())
        promises.promise_miss.call(label="community.question", pk=owned.pk, due=DUE.isoformat())
        call_command("check_promises")

    assert Notification.objects.filter(kind__startswith="promise_").count() == 0
    assert Question.objects.get(pk=owned.pk).promise_kept is True


def test_a_task_for_an_earlier_deadline_does_nothing_after_a_new_round(
    owned, staff, asker, colleague
):
    with time_machine.travel(TUESDAY_10 + timedelta(hours=1), tick=False):
        answer = services.answer_create(colleague, owned, body="Which water do you use?")
    with time_machine.travel(paris(2026, 3, 11, 9, 0), tick=False):
        services.reply_create(asker, answer, body="Hard water.")

    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        promises.promise_miss.call(label="community.question", pk=owned.pk, due=DUE.isoformat())

    assert told(staff, "promise_missed") == 0
    assert Question.objects.get(pk=owned.pk).promise_due_at == paris(2026, 3, 12, 9, 0)


def test_the_notifications_are_registered_kinds_members_can_turn_off(owned, staff):
    from community.notifications import registry

    assert "promise_due_soon" in registry
    assert "promise_missed" in registry
    assert staff.email and registry.get("promise_missed").email_default
