"""Every write of moderation, in a transaction, with its permission check and its audit entry.

New posts: each create service calls `start_moderation` before saving (the state the post
starts in) and `held_at_creation` after (a held post enters the queue and its author is told).
Reports: `community.reports.report_create` calls `report_received`, which puts the target in
the queue and holds content reported by enough trusted members. Moderators `claim` an item and
`decide` it; the author of hidden content or a suspended member appeals once
(`appeal_create`), and another moderator decides the appeal (`appeal_decide`).

Counters stay exact: content counts (an answer in its question's answer count, a comment in
its idea's) only while it is public, and every change of state moves them in the same
transaction.
"""

import statistics
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import names, products, trust
from community import permissions as community_permissions
from community.audit import audit
from community.content_kinds import MEMBER
from community.models import (
    GUIDELINE_REASONS,
    Appeal,
    CommunitySettings,
    Decision,
    ModerationReason,
    ModerationState,
    QueueItem,
    Report,
    Suspension,
)
from community.moderation import kinds, permissions
from community.moderation import notifications as messages
from community.notifications import Mute, notify
from community.protections.rules import count_links
from community.protections.suspensions import lift
from community.writing import content_edit, content_soft_delete

CLAIM_DURATION = timedelta(minutes=15)
REASON_MIN_LENGTH = 10
APPEAL_MIN_LENGTH = 20
RECENT_DECISIONS = 200

ACTION_NOTIFICATIONS = {
    Decision.Action.PUBLISH: messages.PUBLISHED,
    Decision.Action.HIDE: messages.HIDDEN,
    Decision.Action.EDIT: messages.EDITED,
    Decision.Action.DELETE: messages.DELETED,
}
CONTENT_ACTIONS = (
    Decision.Action.PUBLISH,
    Decision.Action.HIDE,
    Decision.Action.EDIT,
    Decision.Action.DELETE,
)
MEMBER_ACTIONS = (Decision.Action.UPHOLD, Decision.Action.DISMISS)
# Actions that find the reports on the item right; the others dismiss them.
UPHOLDING_ACTIONS = (
    Decision.Action.HIDE,
    Decision.Action.EDIT,
    Decision.Action.DELETE,
    Decision.Action.UPHOLD,
)


_mute = Mute("moderation_notifications_muted")
# Moderate without telling anyone: the demo is seeded this way.
notifications_muted = _mute.on


def _notify(recipient, key, **kwargs):
    if not _mute.is_on():
        notify(recipient, key, **kwargs)


def moderator_name(member) -> str:
    """Moderators are named people: their active staff card's real name, or their display
    name. Reads only the staff card, which lists join (`moderated_by__staff_card`)."""
    return names.name_of(
        member, card=names.staff_card_now(member), nobody=_("the community's rules")
    )


def _content_type(target):
    return ContentType.objects.get_for_model(target)


def _for_target(queryset, target):
    return queryset.filter(content_type=_content_type(target), object_id=target.pk)


# --- Waiting time ---------------------------------------------------------------------------


def usual_wait() -> timedelta | None:
    """The median time recent decisions took, from entering the queue to a moderator's
    decision: what the author of held content is told to expect. None before any decision."""
    waits = list(
        Decision.objects.filter(moderator__isnull=False, wait_seconds__isnull=False)
        .order_by("-created_at")
        .values_list("wait_seconds", flat=True)[:RECENT_DECISIONS]
    )
    if not waits:
        return None
    return timedelta(seconds=round(statistics.median(waits)))


def duration_text(duration: timedelta | None) -> str:
    """ "about 3 hours", in the active language; a day when nothing is known yet."""
    if duration is None:
        duration = timedelta(days=1)
    minutes = max(1, round(duration.total_seconds() / 60))
    if minutes < 60:
        return ngettext("about %(count)s minute", "about %(count)s minutes", minutes) % {
            "count": minutes
        }
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("about %(count)s hour", "about %(count)s hours", hours) % {"count": hours}
    days = round(hours / 24)
    return ngettext("about %(count)s day", "about %(count)s days", days) % {"count": days}


# --- Holding new posts ----------------------------------------------------------------------


def initial_state(member, text: str) -> tuple[str, str]:
    """(state, reason code) a new post by `member` starts in.

    Staff, moderators and site admins publish at once. Anyone else's post is held when it has
    many links (`links_to_hold`), when new members' posts are held and `member` is not trusted
    yet, or when first contributions are held and this is their first.
    """
    if trust.has_trusted_role(member):
        return ModerationState.PUBLISHED, ""
    # What the member published may have changed since their standing was read (a moderator
    # published their first post): read it afresh.
    trust.forget(member)
    settings = CommunitySettings.load()
    if settings.links_to_hold and count_links(text) >= settings.links_to_hold:
        return ModerationState.HELD, ModerationReason.LINKS
    if settings.hold_new_members_posts and not trust.is_trusted(member):
        return ModerationState.HELD, ModerationReason.NEW_MEMBER
    if settings.hold_first_contribution and trust.published_contribution_count(member) == 0:
        return ModerationState.HELD, ModerationReason.NEW_MEMBER
    return ModerationState.PUBLISHED, ""


def _reason_text(code, member) -> str:
    """The label of a reason code, in the language of the member who will read it."""
    language = getattr(member, "preferred_language", None)
    with translation.override(language):
        return str(ModerationReason(code).label) if code else ""


def start_moderation(content, member, text: str) -> None:
    """Give a new post (not saved yet) the state it starts in; see `initial_state`."""
    state, code = initial_state(member, text)
    now = timezone.now()
    content.moderation_state = state
    if state == ModerationState.PUBLISHED:
        content.published_at = now
    else:
        content.moderation_reason = _reason_text(code, member)
        content.moderated_at = now
    content._moderation_reason_code = code


def held_at_creation(content) -> bool:
    """Once a new post is saved: True when it waits for a moderator. It is then in the queue,
    the hold is recorded and audited, and its author is told why and how long it usually takes.

    The create service stops there: followers and mentioned members hear of the post when a
    moderator publishes it (its kind's `announce`, `community.content_kinds`).
    """
    if kinds.state_of(content) != ModerationState.HELD:
        return False
    item = _open_item(content, QueueItem.Cause.HELD)
    code = getattr(content, "_moderation_reason_code", "") or ModerationReason.NEW_MEMBER
    Decision.objects.create(
        content_type=_content_type(content),
        object_id=content.pk,
        author=content.author,
        action=Decision.Action.HOLD,
        reason_code=code,
        reason=content.moderation_reason,
        queue_item=item,
    )
    audit(None, "moderation.hold", content, content.moderation_reason, cause=code)
    _tell_held(content)
    return True


def _tell_held(content):
    author = content.author
    if author is None:
        return
    with translation.override(author.preferred_language):
        _notify(
            author,
            messages.HELD.key,
            params={
                "title": kinds.title_of(content),
                "reason": content.moderation_reason,
                "wait": duration_text(usual_wait()),
            },
            url=kinds.url_of(content),
        )


# --- The queue ------------------------------------------------------------------------------


def _open_item(target, cause) -> QueueItem:
    """The target's open queue item, opened now if there is none; "held" outranks "reported"."""
    content_type = _content_type(target)
    item = (
        QueueItem.objects.select_for_update()
        .filter(content_type=content_type, object_id=target.pk, closed_at__isnull=True)
        .first()
    )
    if item is None:
        try:
            with transaction.atomic():
                return QueueItem.objects.create(
                    content_type=content_type,
                    object_id=target.pk,
                    cause=cause,
                    author=kinds.author_of(target),
                )
        except IntegrityError:
            item = QueueItem.objects.select_for_update().get(
                content_type=content_type, object_id=target.pk, closed_at__isnull=True
            )
    if cause == QueueItem.Cause.HELD and item.cause != cause:
        item.cause = cause
        item.save(update_fields=["cause"])
    return item


@transaction.atomic
def claim(moderator, item) -> QueueItem:
    """Claim an item for `CLAIM_DURATION`: other moderators see who works on it and cannot
    decide it meanwhile. Claiming again extends one's own claim; an expired claim is free."""
    if not permissions.can_claim(moderator):
        raise PermissionDenied("Only moderators claim items in the queue.")
    now = timezone.now()
    taken = (
        QueueItem.objects.filter(pk=item.pk, closed_at__isnull=True)
        .filter(Q(claimed_by__isnull=True) | Q(claimed_by=moderator) | Q(claim_expires_at__lte=now))
        .update(claimed_by=moderator, claim_expires_at=now + CLAIM_DURATION)
    )
    item.refresh_from_db()
    if not taken:
        if item.closed_at is not None:
            raise ValidationError(_("This item has already been decided."), code="closed")
        raise ValidationError(
            _("%(name)s is working on this item until %(time)s.")
            % {
                "name": moderator_name(item.claimed_by),
                "time": timezone.localtime(item.claim_expires_at).strftime("%H:%M"),
            },
            code="claimed",
        )
    audit(moderator, "moderation.claim", item.target, "", subject=item.author)
    return item


@transaction.atomic
def release(moderator, item) -> QueueItem:
    """Give a claimed item back to the queue before the claim expires."""
    released = QueueItem.objects.filter(pk=item.pk, claimed_by=moderator).update(
        claimed_by=None, claim_expires_at=None
    )
    item.refresh_from_db()
    if released:
        audit(moderator, "moderation.release", item.target, "", subject=item.author)
    return item


def _take_for_decision(moderator, item, now) -> None:
    """Deciding claims the item; it is refused while another moderator's claim runs."""
    if (
        item.claimed_by_id not in (None, moderator.pk)
        and item.claim_expires_at is not None
        and item.claim_expires_at > now
    ):
        raise ValidationError(
            _("%(name)s is working on this item. Choose another one, or wait until %(time)s.")
            % {
                "name": moderator_name(item.claimed_by),
                "time": timezone.localtime(item.claim_expires_at).strftime("%H:%M"),
            },
            code="claimed",
        )


# --- Changing state -------------------------------------------------------------------------


def _set_state(target, state, *, moderator, reason: str, now) -> None:
    """Move `target` to `state` with the reason its author sees, and keep counters exact.

    Content held from the start is announced the first time it is published (its followers
    and mentioned members are told, and it counts from then on); later changes only move the
    counters of what it belongs to.
    """
    kind = kinds.kind_of(target)
    was_public = target.is_public
    target.moderation_state = state
    target.moderation_reason = reason
    target.moderated_by = moderator
    target.moderated_at = now
    fields = ["moderation_state", "moderation_reason", "moderated_by", "moderated_at"]
    first_publication = state == ModerationState.PUBLISHED and target.published_at is None
    if first_publication:
        target.published_at = now
        fields.append("published_at")
    target.save(update_fields=fields)
    products.recount(target)
    if target.is_public and not was_public and kind.entered_public is not None:
        kind.entered_public(target)
    if first_publication and target.is_public:
        if kind.announce is not None:
            kind.announce(target)
    elif target.is_public != was_public and kind.counter_move is not None:
        kind.counter_move(target, 1 if target.is_public else -1)
    trust.forget(target.author)


def _hold_on_reports(target, item, now) -> None:
    reason = _reason_text(ModerationReason.REPORTS, target.author)
    _set_state(target, ModerationState.HELD, moderator=None, reason=reason, now=now)
    item.cause = QueueItem.Cause.HELD
    item.save(update_fields=["cause"])
    Decision.objects.create(
        content_type=_content_type(target),
        object_id=target.pk,
        author=target.author,
        action=Decision.Action.HOLD,
        reason_code=ModerationReason.REPORTS,
        reason=reason,
        queue_item=item,
    )
    audit(None, "moderation.hold", target, reason, cause=ModerationReason.REPORTS)
    _tell_held(target)


@transaction.atomic
def report_received(report) -> None:
    """A new report puts its target in the queue; content reported by `reports_to_hold` trusted
    members is held until a moderator decides (its author's own request for removal does not
    count: the moderator decides it)."""
    target = report.content_object
    if target is None or not kinds.is_moderated(target):
        return
    item = _open_item(target, QueueItem.Cause.REPORTED)
    if kinds.is_member(target) or kinds.is_deleted(target):
        return
    threshold = CommunitySettings.load().reports_to_hold
    if not threshold or kinds.state_of(target) != ModerationState.PUBLISHED:
        return
    reporters = [
        open_report.reporter
        for open_report in _for_target(Report.objects, target)
        .filter(status=Report.Status.OPEN, reporter__isnull=False)
        .exclude(reason=Report.Reason.AUTHOR_REQUEST)
        .select_related("reporter")
    ]
    if sum(1 for reporter in reporters if trust.is_trusted(reporter)) >= threshold:
        target = type(target).objects.select_for_update().get(pk=target.pk)
        _hold_on_reports(target, item, timezone.now())


# --- Deciding -------------------------------------------------------------------------------


def _check_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Please write the reason the author will read (at least %(count)s "
                    "characters): which guideline, and how."
                )
                % {"count": REASON_MIN_LENGTH}
            },
            code="reason",
        )
    return reason


def _check_reason_code(action, reason_code) -> str:
    """Hiding, editing and deleting name the guideline broken. Disagreement is not one: an
    unfavourable review or a critical answer stays."""
    if action == Decision.Action.PUBLISH:
        return ModerationReason.WITHIN_GUIDELINES
    if action in (Decision.Action.UPHOLD, Decision.Action.DISMISS):
        return reason_code if reason_code in GUIDELINE_REASONS else ""
    if reason_code == "negative_opinion":
        raise ValidationError(
            {
                "reason_code": _(
                    "A negative opinion breaks no guideline: unfavourable reviews and critical "
                    "posts stay. Choose the guideline this content breaks, or publish it."
                )
            },
            code="negative_opinion",
        )
    if action == Decision.Action.DELETE and reason_code == ModerationReason.AUTHOR_REQUEST:
        # Content its author may no longer delete (a question others answered) goes when they
        # ask and a moderator agrees: no guideline was broken.
        return reason_code
    if reason_code not in GUIDELINE_REASONS:
        raise ValidationError(
            {"reason_code": _("Please choose the guideline this content breaks.")},
            code="reason_code",
        )
    return reason_code


def _apply_edit(target, moderator, edits: dict, reason: str, now) -> None:
    """The moderator's edit of the text; the content then shows "edited by <name>: <reason>"."""
    kind = kinds.kind_of(target)
    values = {name: (edits.get(name) or "").strip() for name in kind.edit_fields}
    required = [name for name in kind.edit_fields if name in ("title", "body", "text")]
    missing = [name for name in required if not values[name]]
    if missing:
        raise ValidationError(
            {name: _("This cannot be empty: hide or delete it instead.") for name in missing},
            code="required",
        )
    if kind.soft_delete:
        content_edit(
            target,
            editor=moderator,
            body=values["body"],
            title=values.get("title") if kind.has_title else None,
            reason=reason[:300],
        )
    else:
        for name, value in values.items():
            setattr(target, name, value)
        target.full_clean(exclude=["author", "product"])
        target.edited_at = now
        target.save(update_fields=[*kind.edit_fields, "edited_at"])
    target.moderator_edit_reason = reason[:300]
    target.moderator_edited_by = moderator
    target.moderator_edited_at = now
    target.save(
        update_fields=["moderator_edit_reason", "moderator_edited_by", "moderator_edited_at"]
    )


def _delete(target, moderator) -> None:
    """Delete as the app does, moving counters only if the content still counted."""
    kind = kinds.kind_of(target)
    if not kind.soft_delete:
        kind.delete(moderator, target)
        return
    if kinds.is_deleted(target):
        return
    was_public = target.is_public
    content_soft_delete(target, by=moderator)
    if was_public and kind.counter_move is not None:
        kind.counter_move(target, -1)


def _close_reports(content_type, object_id, moderator, *, upheld: bool, now) -> tuple:
    """Close the open reports as upheld or dismissed: (how many, their reporters)."""
    status = Report.Status.UPHELD if upheld else Report.Status.DISMISSED
    reports = Report.objects.filter(
        content_type=content_type, object_id=object_id, status=Report.Status.OPEN
    )
    reporters = list(reports.exclude(reporter=None).select_related("reporter"))
    closed = reports.update(status=status, decided_at=now, decided_by=moderator)
    return closed, [report.reporter for report in reporters]


def _locked(target):
    return type(target)._base_manager.select_for_update().get(pk=target.pk)


@transaction.atomic
def decide(
    moderator,
    target,
    *,
    action: str,
    reason: str,
    reason_code: str = "",
    edits=None,
    item=None,
) -> Decision:
    """Decide about reported or held content, or a reported member, with a reason.

    Content: publish (the reports are dismissed), hide, edit or delete (the reports are
    upheld). A member: uphold or dismiss the reports (a suspension is a separate step). The
    author is told with the reason and the moderator's name; reporters hear the outcome; the
    queue item closes and the decision is audited. With `item` (the queue item the moderator
    looked at), the decision is refused if someone decided that item in the meantime.
    """
    if not permissions.can_decide(moderator, target):
        raise PermissionDenied("Only moderators decide, and never about their own writing.")
    kind = kinds.kind_of(target)
    allowed = MEMBER_ACTIONS if kind is MEMBER else CONTENT_ACTIONS
    if action not in allowed:
        raise ValidationError({"action": _("Please choose a decision.")}, code="action")
    reason = _check_reason(reason)
    reason_code = _check_reason_code(action, reason_code)
    return _carry_out(
        moderator,
        target,
        action=action,
        reason=reason,
        reason_code=reason_code,
        edits=edits,
        expected_item=item,
    )


@transaction.atomic
def record_state_change(moderator, target, *, state: str, reason: str) -> Decision:
    """A moderator sets the state of content from its own admin screen (the reviews list):
    the same decision as in the queue (reports closed, queue item closed or opened, audit),
    while the app tells the author in its own words."""
    if not permissions.can_decide(moderator, target):
        raise PermissionDenied("Only moderators decide, and never about their own writing.")
    action = {
        ModerationState.PUBLISHED: Decision.Action.PUBLISH,
        ModerationState.HIDDEN: Decision.Action.HIDE,
        ModerationState.HELD: Decision.Action.HOLD,
    }[state]
    reason_code = {
        Decision.Action.PUBLISH: ModerationReason.WITHIN_GUIDELINES,
        Decision.Action.HIDE: ModerationReason.OTHER,
        Decision.Action.HOLD: ModerationReason.OTHER,
    }[action]
    return _carry_out(
        moderator,
        target,
        action=action,
        reason=" ".join((reason or "").split()),
        reason_code=reason_code,
        tell_author=False,
        refuse_unchanged=False,
    )


RESULTING_STATES = {
    Decision.Action.PUBLISH: ModerationState.PUBLISHED,
    Decision.Action.HIDE: ModerationState.HIDDEN,
    Decision.Action.HOLD: ModerationState.HELD,
}


def _carry_out(
    moderator,
    target,
    *,
    action,
    reason,
    reason_code,
    edits=None,
    tell_author=True,
    expected_item=None,
    refuse_unchanged=True,
) -> Decision:
    kind = kinds.kind_of(target)
    now = timezone.now()
    item = (
        _for_target(QueueItem.objects.select_for_update(of=("self",)), target)
        .filter(closed_at__isnull=True)
        .select_related("claimed_by")
        .first()
    )
    if expected_item is not None and (item is None or item.pk != expected_item.pk):
        raise ValidationError(_("Another moderator has just decided this item."), code="closed")
    if item is not None:
        _take_for_decision(moderator, item, now)
    given, target = target, _locked(target)
    if refuse_unchanged and item is None and kind is not MEMBER:
        # Nothing waits in the queue: a decision that changes nothing was already taken, by
        # another moderator at the same moment or earlier.
        unchanged = RESULTING_STATES.get(action) == kinds.state_of(target)
        if unchanged or (action == Decision.Action.DELETE and kinds.is_deleted(target)):
            raise ValidationError(_("This has already been decided."), code="decided")
    content_type, object_id = _content_type(target), target.pk
    author = kinds.author_of(target)
    title = kinds.title_of(target)
    url = "" if action == Decision.Action.DELETE else kinds.url_of(target)
    if action == Decision.Action.PUBLISH:
        _set_state(target, ModerationState.PUBLISHED, moderator=moderator, reason=reason, now=now)
    elif action == Decision.Action.HIDE:
        _set_state(target, ModerationState.HIDDEN, moderator=moderator, reason=reason, now=now)
    elif action == Decision.Action.HOLD:
        _set_state(target, ModerationState.HELD, moderator=moderator, reason=reason, now=now)
    elif action == Decision.Action.EDIT:
        _apply_edit(target, moderator, edits or {}, reason, now)
        if kinds.state_of(target) != ModerationState.PUBLISHED:
            _set_state(
                target, ModerationState.PUBLISHED, moderator=moderator, reason=reason, now=now
            )
    elif action == Decision.Action.DELETE:
        _delete(target, moderator)
    closed, reporters, upheld = 0, [], action in UPHOLDING_ACTIONS
    if action == Decision.Action.HOLD:
        item = item or _open_item(target, QueueItem.Cause.HELD)
    else:
        closed, reporters = _close_reports(
            content_type, object_id, moderator, upheld=upheld, now=now
        )
    decision = Decision.objects.create(
        content_type=content_type,
        object_id=object_id,
        author=author,
        action=action,
        reason_code=reason_code,
        reason=reason,
        moderator=moderator,
        queue_item=item,
        wait_seconds=(
            int((now - item.opened_at).total_seconds())
            if item is not None and action != Decision.Action.HOLD
            else None
        ),
        reports_upheld=closed if upheld else 0,
        reports_dismissed=0 if upheld else closed,
    )
    if item is not None and action != Decision.Action.HOLD:
        QueueItem.objects.filter(pk=item.pk).update(
            closed_at=now, claimed_by=None, claim_expires_at=None
        )
    audit(
        moderator,
        f"moderation.{action}",
        target if action != Decision.Action.DELETE or kind.soft_delete else None,
        reason,
        subject=author,
        kind=kind.key,
        object_id=object_id,
        reason_code=reason_code,
        reports_upheld=decision.reports_upheld,
        reports_dismissed=decision.reports_dismissed,
    )
    if tell_author and author is not None and action in ACTION_NOTIFICATIONS:
        _notify(
            author,
            ACTION_NOTIFICATIONS[action].key,
            params={"moderator": moderator_name(moderator), "title": title, "reason": reason},
            url=url,
            actor=moderator,
        )
    _tell_reporters(reporters, upheld=upheld, title=title, reason=reason, moderator=moderator)
    trust.forget(author)
    if target.pk is not None:
        given.refresh_from_db()
    return decision


def _tell_reporters(reporters, *, upheld, title, reason, moderator):
    kind = messages.REPORT_UPHELD if upheld else messages.REPORT_DISMISSED
    for reporter in reporters:
        _notify(reporter, kind.key, params={"title": title, "reason": reason}, actor=moderator)


# --- Appeals --------------------------------------------------------------------------------


def appealable_decision(content):
    """The decision that hid `content`, which its author may appeal; None when not hidden."""
    if kinds.state_of(content) != ModerationState.HIDDEN:
        return None
    return (
        _for_target(Decision.objects, content)
        .filter(action=Decision.Action.HIDE)
        .select_related("moderator")
        .order_by("-created_at", "-pk")
        .first()
    )


def has_appealed(member, target) -> bool:
    return _for_target(Appeal.objects, target).filter(appellant=member).exists()


def can_appeal(member, target) -> bool:
    """The author of hidden content, or the member of a suspension in force, appeals once."""
    if not community_permissions.is_member(member):
        return False
    if isinstance(target, Suspension):
        allowed = target.member_id == member.pk and target.is_active
    else:
        allowed = (
            kinds.is_moderated(target)
            and not kinds.is_member(target)
            and target.author_id == member.pk
            and kinds.state_of(target) == ModerationState.HIDDEN
            and not kinds.is_deleted(target)
        )
    return allowed and not has_appealed(member, target)


@transaction.atomic
def appeal_create(member, target, *, text: str) -> Appeal:
    """Appeal once against hidden content or a suspension; a different moderator decides."""
    if has_appealed(member, target):
        raise ValidationError(
            _("You have already appealed. A moderator will tell you the outcome."),
            code="duplicate",
        )
    if not can_appeal(member, target):
        raise PermissionDenied("Only the author of hidden content or a suspended member appeals.")
    text = (text or "").strip()
    if len(text) < APPEAL_MIN_LENGTH:
        raise ValidationError(
            {
                "text": _(
                    "Please explain in at least %(count)s characters why the decision should "
                    "change."
                )
                % {"count": APPEAL_MIN_LENGTH}
            },
            code="text",
        )
    if isinstance(target, Suspension):
        decision, original = None, target.suspended_by
    else:
        decision = appealable_decision(target)
        original = decision.moderator if decision is not None else target.moderated_by
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                content_type=_content_type(target),
                object_id=target.pk,
                appellant=member,
                decision=decision,
                original_moderator=original,
                text=text,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have already appealed. A moderator will tell you the outcome."),
            code="duplicate",
        ) from error
    audit(member, "moderation.appeal", target, "", subject=member)
    return appeal


def _appeal_subject_text(appeal, language) -> str:
    target = appeal.target
    with translation.override(language):
        if isinstance(target, Suspension):
            return _("your suspension")
        return f"“{kinds.title_of(target)}”"


@transaction.atomic
def appeal_decide(moderator, appeal, *, uphold: bool, statement: str) -> Appeal:
    """Another moderator decides an appeal with a statement of reasons the member reads.

    Upheld: hidden content is published again and the reports that hid it no longer count
    against its author; a suspension is lifted. Rejected: the decision stands.
    """
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not permissions.can_decide_appeal(moderator, appeal):
        raise PermissionDenied("A moderator other than the one who decided reviews an appeal.")
    if appeal.status != Appeal.Status.PENDING:
        raise ValidationError(_("This appeal has already been decided."), code="decided")
    statement = _check_reason(statement)
    now = timezone.now()
    target = appeal.target
    if uphold and target is not None:
        if isinstance(target, Suspension):
            if target.is_active:
                lift(moderator, target, reason=statement)
        elif kinds.state_of(target) == ModerationState.HIDDEN:
            target = _locked(target)
            _set_state(
                target, ModerationState.PUBLISHED, moderator=moderator, reason=statement, now=now
            )
            _for_target(Report.objects, target).filter(status=Report.Status.UPHELD).update(
                status=Report.Status.DISMISSED, decided_at=now, decided_by=moderator
            )
            Decision.objects.create(
                content_type=_content_type(target),
                object_id=target.pk,
                author=target.author,
                action=Decision.Action.PUBLISH,
                reason_code=ModerationReason.WITHIN_GUIDELINES,
                reason=statement,
                moderator=moderator,
            )
    appeal.status = Appeal.Status.UPHELD if uphold else Appeal.Status.REJECTED
    appeal.decided_by = moderator
    appeal.decided_at = now
    appeal.statement = statement
    appeal.save(update_fields=["status", "decided_by", "decided_at", "statement"])
    audit(
        moderator,
        "moderation.appeal_upheld" if uphold else "moderation.appeal_rejected",
        target,
        statement,
        subject=appeal.appellant,
        appeal=appeal.pk,
    )
    member = appeal.appellant
    if member is not None:
        kind = messages.APPEAL_UPHELD if uphold else messages.APPEAL_REJECTED
        _notify(
            member,
            kind.key,
            params={
                "moderator": moderator_name(moderator),
                "what": _appeal_subject_text(appeal, member.preferred_language),
                "statement": statement,
            },
            url=_appeal_url(target),
            actor=moderator,
        )
    trust.forget(member)
    return appeal


def _appeal_url(target) -> str:
    if target is None:
        return ""
    if isinstance(target, Suspension):
        return reverse("protections:suspension")
    return kinds.url_of(target)
