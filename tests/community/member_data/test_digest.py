"""The weekly summary: once a week, with the unread notifications the member chose it for."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from community import notifications
from community.member_data import digest, preferences
from community.member_data.models import DigestSchedule
from community.models import Digest, Notification
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

# Monday 2 March 2026, 08:00 in Paris (07:00 UTC): when the summaries go out.
MONDAY = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
ANSWER = "question_new_answer"  # by e-mail by default
WELCOME = "welcome"  # in the site only by default


def tell(member, key, *, at, url="/somewhere/", **params):
    with time_machine.travel(at, tick=False):
        return Notification.objects.create(
            recipient=member,
            kind=key,
            url=url,
            params={"name": "Olga", "title": "The pump", **params},
        )


def summaries_to(member):
    return [message for message in mail.outbox if message.to == [member.email]]


@pytest.fixture
def missed(member):
    preferences.choices_update(member, digest=Digest.MISSED)
    return member


def test_next_due_is_the_next_monday_at_eight_in_the_sites_time_zone():
    saturday = datetime(2026, 2, 28, 12, 0, tzinfo=UTC)

    assert digest.next_due(saturday) == MONDAY
    assert digest.next_due(MONDAY) == MONDAY + timedelta(days=7)
    assert digest.next_due(MONDAY - timedelta(seconds=1)) == MONDAY


def test_the_summary_lists_the_weeks_unread_notifications_not_sent_by_email(missed):
    tell(missed, WELCOME, at=MONDAY - timedelta(days=2), url="/welcome-link/")
    tell(missed, ANSWER, at=MONDAY - timedelta(days=1), url="/answer-link/")
    read = tell(missed, WELCOME, at=MONDAY - timedelta(days=3), url="/already-read/")
    read.read_at = MONDAY
    read.save()
    tell(missed, WELCOME, at=MONDAY - timedelta(days=8), url="/last-week/")

    with time_machine.travel(MONDAY, tick=False):
        assert digest.send_digests() == 1

    [summary] = summaries_to(missed)
    assert "1 notification" in summary.subject
    assert "http://testserver/welcome-link/" in summary.body
    assert "/answer-link/" not in summary.body, "already e-mailed on its own"
    assert "/already-read/" not in summary.body
    assert "/last-week/" not in summary.body
    assert "/accounts/preferences/summary/stop/" in summary.body
    assert summary.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "welcome-link" in summary.alternatives[0][0]


def test_it_goes_once_a_week_whatever_runs_it(missed):
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1), url="/first-week/")
    with time_machine.travel(MONDAY, tick=False):
        digest.send_digests()
    tell(missed, WELCOME, at=MONDAY + timedelta(days=2), url="/second-week/")

    with time_machine.travel(MONDAY + timedelta(hours=3), tick=False):
        assert digest.send_digests() == 0
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        assert digest.send_digests() == 1

    first, second = summaries_to(missed)
    assert "/first-week/" in first.body
    assert "/second-week/" in second.body
    assert "/first-week/" not in second.body


def test_nothing_unread_sends_nothing(missed):
    with time_machine.travel(MONDAY, tick=False):
        assert digest.send_digests() == 0

    assert summaries_to(missed) == []


def test_members_without_the_summary_get_none(member):
    tell(member, WELCOME, at=MONDAY - timedelta(days=1))

    with time_machine.travel(MONDAY, tick=False):
        assert digest.send_digests() == 0


def test_instead_of_emails_stops_the_separate_emails_and_lists_everything(
    member, django_capture_on_commit_callbacks
):
    preferences.choices_update(member, digest=Digest.ONLY)
    with (
        time_machine.travel(MONDAY - timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notifications.notify(
            member, ANSWER, params={"name": "Olga", "title": "The pump"}, url="/answer-link/"
        )
    assert summaries_to(member) == [], "no separate e-mail"

    with time_machine.travel(MONDAY, tick=False):
        digest.send_digests()

    [summary] = summaries_to(member)
    assert "Olga answered “The pump”." in summary.body
    assert "/answer-link/" in summary.body


def test_a_data_download_is_still_emailed_at_once_with_the_summary_instead(
    member, django_capture_on_commit_callbacks
):
    preferences.choices_update(member, digest=Digest.ONLY)

    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(member, "data_export_ready", params={"until": "soon"}, url="/x/")

    assert len(summaries_to(member)) == 1


def test_the_summary_is_in_the_members_language(missed):
    missed.preferred_language = "fr"
    missed.save()
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1))

    with time_machine.travel(MONDAY, tick=False):
        digest.send_digests()

    [summary] = summaries_to(missed)
    assert "/fr/accounts/preferences/" in summary.body


def test_inactive_members_get_none(missed):
    missed.is_active = False
    missed.save()
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1))

    with time_machine.travel(MONDAY, tick=False):
        assert digest.send_digests() == 0


def test_the_task_sends_then_enqueues_itself_for_next_monday(
    missed, settings, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1))
    DigestSchedule.objects.create(next_due_at=MONDAY)
    due_in_paris = timezone.localtime(MONDAY).isoformat()  # however the time was written

    with (
        time_machine.travel(MONDAY + timedelta(seconds=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sent = digest.digest_run(due_in_paris)
    queued = [r for r in task_backends["default"].results if r.task.name == "send_weekly_digests"]

    assert sent == 1
    schedule = DigestSchedule.objects.get()
    assert schedule.next_due_at == MONDAY + timedelta(days=7)
    assert schedule.last_sent_count == 1
    assert len(queued) == 1
    assert queued[0].task.run_after == MONDAY + timedelta(days=7)
    assert queued[0].kwargs == {"due_at": (MONDAY + timedelta(days=7)).isoformat()}


def test_a_superseded_run_sends_nothing_and_enqueues_nothing(missed, settings):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1))
    DigestSchedule.objects.create(next_due_at=MONDAY + timedelta(days=7))

    with time_machine.travel(MONDAY, tick=False):
        assert digest.digest_run(MONDAY.isoformat()) is None

    assert summaries_to(missed) == []
    assert task_backends["default"].results == []


def test_starting_the_schedule_enqueues_one_chain(settings, django_capture_on_commit_callbacks):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    saturday = MONDAY - timedelta(days=2)

    with (
        time_machine.travel(saturday, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        digest.digest_schedule_start()
        digest.digest_schedule_start()

    assert DigestSchedule.objects.get().next_due_at == MONDAY
    assert len(task_backends["default"].results) == 1


def test_the_immediate_backend_schedules_nothing_and_cron_sends_instead(missed):
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1))

    assert digest.digest_schedule_start(MONDAY) is None
    with time_machine.travel(MONDAY, tick=False):
        call_command("send_weekly_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(summaries_to(missed)) == 1


def test_one_failing_address_does_not_stop_the_others(missed, monkeypatch):
    other = MemberFactory()
    preferences.choices_update(other, digest=Digest.MISSED)
    tell(missed, WELCOME, at=MONDAY - timedelta(days=1))
    tell(other, WELCOME, at=MONDAY - timedelta(days=1))
    real_send = digest._send

    def flaky(member, items, now):
        if member.pk == missed.pk:
            raise OSError("mailbox unavailable")
        real_send(member, items, now)

    monkeypatch.setattr(digest, "_send", flaky)
    with time_machine.travel(MONDAY, tick=False):
        assert digest.send_digests() == 1

    assert summaries_to(other)
    missed.privacy_choices.refresh_from_db()
    assert missed.privacy_choices.digest_sent_at is None, "tried again at the next run"
