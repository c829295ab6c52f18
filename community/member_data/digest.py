"""The weekly summary: once a week, one e-mail with the notifications a member has not read.

Members choose it on their preferences page (`PrivacyChoices.digest`):

- "missed": the summary lists the week's unread notifications of the kinds they do not get by
  e-mail, so that turning e-mails off does not mean missing things;
- "only": separate notification e-mails stop, and the summary lists all the week's unread
  notifications instead.

A summary with nothing in it is not sent. It goes out on Monday mornings in the site's time
zone (`DIGEST_WEEKDAY`, `DIGEST_HOUR`), sent by a task that enqueues its next run a week later
with `run_after`. `DigestSchedule` holds the next due time: a run whose due time is not that one
was superseded and stops, so there is only ever one chain, and `digest_sent_at` keeps each
member to one summary a week, whatever runs it. Sites whose task backend cannot run tasks later
run `manage.py send_weekly_digests` from cron instead.
"""

import logging
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from community.member_data.models import DigestSchedule
from community.models import Digest, Notification, PrivacyChoices
from community.notifications import absolute_url, list_email, preferences_table, registry

logger = logging.getLogger(__name__)

DIGEST_WEEKDAY = 0  # Monday
DIGEST_HOUR = 8
# A summary covers at most a week; one is never sent less than six days after the last.
DIGEST_PERIOD = timedelta(days=7)
DIGEST_MIN_GAP = timedelta(days=6)
DIGEST_MAX_ITEMS = 50
UNSUBSCRIBE_SALT = "community.member_data.digest.unsubscribe"


def next_due(after: datetime) -> datetime:
    """The first digest time (Monday 08:00 in the site's time zone) strictly after `after`."""
    local = timezone.localtime(after)
    days_ahead = (DIGEST_WEEKDAY - local.weekday()) % 7
    candidate = timezone.make_aware(
        datetime.combine(local.date() + timedelta(days=days_ahead), time(DIGEST_HOUR)),
        timezone.get_current_timezone(),
    )
    if candidate <= after:
        candidate = timezone.make_aware(
            datetime.combine(candidate.date() + timedelta(days=7), time(DIGEST_HOUR)),
            timezone.get_current_timezone(),
        )
    return candidate


def digest_items(member, choices, now) -> list[Notification]:
    """The unread notifications of the week that the summary lists for this member."""
    since = now - DIGEST_PERIOD
    if choices.digest_sent_at and choices.digest_sent_at > since:
        since = choices.digest_sent_at
    notifications = Notification.objects.filter(
        recipient=member, read_at__isnull=True, created_at__gt=since, created_at__lte=now
    )
    if choices.digest == Digest.MISSED:
        not_emailed = [row["kind"].key for row in preferences_table(member) if not row["email"]]
        notifications = notifications.filter(kind__in=not_emailed)
    else:
        notifications = notifications.exclude(kind__in=registry.sent_at_once())
    return list(notifications.order_by("-created_at", "-pk")[:DIGEST_MAX_ITEMS])


def send_digests(now=None) -> int:
    """Send the summaries due now; returns how many were sent."""
    now = now or timezone.now()
    due = (
        PrivacyChoices.objects.exclude(digest=Digest.OFF)
        .filter(member__is_active=True)
        .exclude(member__email="")
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DIGEST_MIN_GAP))
        .select_related("member")
        .order_by("pk")
    )
    sent = 0
    for choices in due.iterator(chunk_size=200):
        items = digest_items(choices.member, choices, now)
        if not items:
            continue
        try:
            _send(choices.member, items, now)
        except Exception:  # noqa: BLE001 - one bad address must not stop everyone's summary
            logger.exception("The weekly summary to member %s failed", choices.member_id)
            continue
        PrivacyChoices.objects.filter(pk=choices.pk).update(digest_sent_at=now)
        sent += 1
    return sent


def _send(member, items, now) -> None:
    with translation.override(member.preferred_language):
        unsubscribe = settings.SITE_URL + reverse(
            "member_data:digest_unsubscribe", kwargs={"token": unsubscribe_token(member)}
        )
        context = {
            "member": member,
            "items": [
                {
                    "message": item.message,
                    "url": absolute_url(item.url) if item.url else "",
                    "created_at": item.created_at,
                }
                for item in items
            ],
            "count": len(items),
            "notifications_url": settings.SITE_URL + reverse("notification_list"),
            "preferences_url": settings.SITE_URL + reverse("member_data:preferences"),
            "unsubscribe_url": unsubscribe,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "now": now,
        }
        message = list_email(
            to=member.email,
            template="community/member_data/email/digest",
            context=context,
            unsubscribe=unsubscribe,
        )
    message.send()


def digest_run(due_at: str) -> int | None:
    """The task's work: send the summaries and enqueue the next run; None when superseded."""
    with transaction.atomic():
        schedule = DigestSchedule.objects.select_for_update().order_by("pk").first()
        if schedule is not None and schedule.next_due_at != datetime.fromisoformat(due_at):
            return None
        now = timezone.now()
        sent = send_digests(now)
        if schedule is None:
            schedule = DigestSchedule(next_due_at=now)
        schedule.next_due_at = next_due(now)
        schedule.last_run_at = now
        schedule.last_sent_count = sent
        schedule.save()
        next_at = schedule.next_due_at
    _enqueue(next_at)
    return sent


def _enqueue(at) -> bool:
    # The task module imports this one to run the digests; the task is looked up when enqueued.
    from community.member_data.tasks import send_weekly_digests

    if not send_weekly_digests.get_backend().supports_defer:
        return False
    transaction.on_commit(
        lambda: send_weekly_digests.using(run_after=at).enqueue(
            due_at=at.astimezone(UTC).isoformat()
        )
    )
    return True


def digest_schedule_start(now=None, *, force=False) -> DigestSchedule | None:
    """Start the weekly chain when the task backend can run tasks later and no chain is alive
    (after `migrate`, at each release); `force` starts a new chain, superseding the old one."""
    # The task module imports this one to run the digests; the task is looked up when enqueued.
    from community.member_data.tasks import send_weekly_digests

    if not send_weekly_digests.get_backend().supports_defer:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        schedule = DigestSchedule.objects.select_for_update().order_by("pk").first()
        if schedule is not None and schedule.next_due_at > now and not force:
            return schedule
        schedule = schedule or DigestSchedule(next_due_at=now)
        schedule.next_due_at = next_due(now)
        schedule.save()
        _enqueue(schedule.next_due_at)
    return schedule


def unsubscribe_token(member) -> str:
    return signing.dumps({"m": member.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> int:
    """The member id of a token; raises signing.BadSignature when it was tampered with."""
    return signing.loads(token, salt=UNSUBSCRIBE_SALT)["m"]
