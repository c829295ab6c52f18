"""Suspensions: a moderator stops a member writing and voting for a period, with a reason the
member sees on every page; the member keeps reading. Every suspension and lift is in the audit
log, and the member is told."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import audit
from community.models import Member, Suspension
from community.notifications import notify
from community.protections import permissions
from community.protections.notifications import SUSPENDED, SUSPENSION_LIFTED
from community.protections.refusals import Refused

_CACHE_ATTRIBUTE = "_community_active_suspension"
_NONE = object()

REASON_MIN_LENGTH = 10
LONGEST_SUSPENSION = timedelta(days=3650)

# The periods a moderator chooses from, in days.
DURATIONS = (1, 3, 7, 14, 30, 90, 365)

audit.register_action("protections.suspend", gettext_lazy("Suspended a member"))
audit.register_action("protections.lift", gettext_lazy("Lifted a suspension"))


def active_suspension(member):
    """The suspension in force for `member` now, or None; read once per member object (one
    request), like its roles."""
    if member is None or not getattr(member, "is_authenticated", False) or member.pk is None:
        return None
    cached = getattr(member, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = Suspension.objects.active().filter(member=member).order_by("-until").first()
        cached = cached or _NONE
        setattr(member, _CACHE_ATTRIBUTE, cached)
    # A suspension read earlier may have ended since (a long request, or a clock moved).
    return None if cached is _NONE or not cached.is_active else cached


def remember_suspension(member, suspension) -> None:
    """Record the suspension in force for `member` (None: none), already read with the member,
    so that `active_suspension` does not read it again."""
    setattr(member, _CACHE_ATTRIBUTE, suspension or _NONE)


def is_suspended(member) -> bool:
    return active_suspension(member) is not None


def forget(member) -> None:
    """Drop what was read about `member`'s suspension, after suspending or lifting."""
    if member is not None and hasattr(member, _CACHE_ATTRIBUTE):
        delattr(member, _CACHE_ATTRIBUTE)


def moment_text(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def suspension_message(suspension) -> str:
    """What a suspended member is told when they try to write, vote or report."""
    return _(
        "Your account is suspended until %(until)s, so you can read but not write or vote. "
        "Reason given by the moderators: %(reason)s"
    ) % {"until": moment_text(suspension.until), "reason": suspension.reason}


def refuse_if_suspended(member) -> None:
    suspension = active_suspension(member)
    if suspension is not None:
        raise Refused(suspension_message(suspension), code="suspended", status=403)


PUBLIC_PROFILE_FIELDS = ("display_name", "handle", "bio")


def guard_profile(member, *, cleaned_data: dict, avatar_changes=False) -> None:
    """A suspended member keeps choosing their language, but their public name, handle, bio and
    avatar are public writing, which waits for the end of the suspension."""
    if active_suspension(member) is None:
        return
    # A model form has already copied the new values onto `member`: compare with the database.
    saved = Member.objects.filter(pk=member.pk).values(*PUBLIC_PROFILE_FIELDS).first() or {}
    changed = bool(avatar_changes) or any(
        field in cleaned_data and cleaned_data[field] != saved.get(field)
        for field in PUBLIC_PROFILE_FIELDS
    )
    if changed:
        refuse_if_suspended(member)


def _check_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Please give the member a reason of at least %(count)s characters: "
                    "which guideline, and how it was broken."
                )
                % {"count": REASON_MIN_LENGTH}
            }
        )
    return reason


@transaction.atomic
def suspend(moderator, member, *, until, reason: str) -> Suspension:
    """Suspend `member` until `until`; they are told, with the reason, and it is audited."""
    if not permissions.can_suspend(moderator, member):
        raise PermissionDenied("Only moderators suspend members, and not themselves.")
    reason = _check_reason(reason)
    now = timezone.now()
    if until <= now:
        raise ValidationError({"until": _("The end of a suspension must be in the future.")})
    if until - now > LONGEST_SUSPENSION:
        raise ValidationError({"until": _("A suspension lasts at most ten years.")})
    suspension = Suspension.objects.create(
        member=member, until=until, reason=reason, suspended_by=moderator
    )
    audit.audit(moderator, "protections.suspend", member, reason, until=until.isoformat())
    with translation.override(member.preferred_language):
        notify(
            member,
            SUSPENDED.key,
            params={"until": moment_text(until), "reason": reason},
            url=reverse("protections:suspension"),
        )
    forget(member)
    return suspension


def suspend_for(moderator, member, *, days: int, reason: str) -> Suspension:
    return suspend(moderator, member, until=timezone.now() + timedelta(days=days), reason=reason)


@transaction.atomic
def lift(moderator, suspension, *, reason: str) -> Suspension:
    """End a suspension before its date; the member is told and it is audited."""
    suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
    if not permissions.can_lift(moderator, suspension):
        raise PermissionDenied("Only moderators lift suspensions that are in force.")
    reason = _check_reason(reason)
    suspension.lifted_at = timezone.now()
    suspension.lifted_by = moderator
    suspension.lift_reason = reason
    suspension.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    member = suspension.member
    audit.audit(
        moderator,
        "protections.lift",
        member,
        reason,
        suspended_until=suspension.until.isoformat(),
    )
    notify(member, SUSPENSION_LIFTED.key, params={"reason": reason}, url=member.get_absolute_url())
    forget(member)
    return suspension


def suspensions_of(member):
    """Every suspension of `member`, newest first, with who decided."""
    return Suspension.objects.filter(member=member).select_related("suspended_by", "lifted_by")
