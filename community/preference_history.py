"""The history of a member's preferences (`PreferenceChange`): every change to a
notification choice, a consent or the weekly summary, with what it was, what it became and
when. Kept on the ground floor, so that notification choices (`community.notifications
.set_preference`) and every other choice a member makes are written to it the same way."""

from django.utils import timezone

from community.models import PreferenceChange

NOTIFICATION_PREFIX = "notification:"


def on_off(value: bool) -> str:
    return "on" if value else "off"


def record_change(member, setting: str, old: str, new: str, *, at=None) -> PreferenceChange | None:
    """Keep one change in the member's history; nothing when the value did not change."""
    if old == new:
        return None
    return PreferenceChange.objects.create(
        member=member,
        setting=setting,
        old_value=old,
        new_value=new,
        changed_at=at or timezone.now(),
    )


def record_notification_change(member, key: str, before: tuple, after: tuple) -> None:
    """Keep the changes of one kind's (in_site, email) choice in the member's history."""
    now = timezone.now()
    for channel, old, new in zip(("in_site", "email"), before, after, strict=True):
        record_change(
            member, f"{NOTIFICATION_PREFIX}{key}:{channel}", on_off(old), on_off(new), at=now
        )
