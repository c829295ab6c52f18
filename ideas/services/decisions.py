"""Signed decisions about ideas, and voters' answers once an idea has shipped."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import webhooks
from community.markdown import render_markdown
from community.services import authorship_for
from ideas import permissions
from ideas.models import Idea, IdeaVote, ShipFeedback, StatusChange
from ideas.services.notifying import after_commit
from ideas.services.votes import locked
from ideas.webhooks import IDEA_STATUS_CHANGED


@transaction.atomic
def idea_status_change(
    actor,
    idea,
    *,
    to_status,
    note: str,
    decline_reason=None,
    workaround: str = "",
    revisit_on=None,
    revisit_at_votes=None,
    notify_people: bool = True,
) -> StatusChange:
    """Move an idea to another status with a public note, signed with the actor's staff card.

    The decision is added to the idea's timeline and never changed afterwards. A decline needs
    a reason from the admins' list, and may carry a workaround and a date or a number of votes
    at which it will be looked at again. Voters, the author and followers are told, in their
    language, with the note as written (`notify_people=False` is for imports and demo data).
    """
    if not permissions.can_change_status(actor):
        raise PermissionDenied("Only staff with an active staff card can change a status.")
    idea = locked(idea)
    if idea.is_deleted:
        raise ValidationError(_("This idea was deleted."), code="deleted")
    if idea.is_merged:
        raise ValidationError(
            _("This idea is merged into another one: decide about that one instead."),
            code="merged",
        )
    errors = {}
    note = (note or "").strip()
    if not note:
        errors["note"] = _(
            "Please write a public note: voters are told what changed, and why, in your words."
        )
    if to_status is None:
        errors["to_status"] = _("Please choose the new status.")
    elif to_status.pk == idea.status_id:
        errors["to_status"] = _("The idea is already “%(status)s”. Choose another status.") % {
            "status": to_status.name
        }
    is_decline = to_status is not None and to_status.is_declined
    if is_decline and decline_reason is None:
        errors["decline_reason"] = _("Please choose why the idea is declined.")
    elif is_decline and not decline_reason.active:
        errors["decline_reason"] = _("This reason is no longer offered. Please choose another.")
    if is_decline and revisit_on is not None and revisit_on <= timezone.localdate():
        errors["revisit_on"] = _("Choose a date in the future.")
    if is_decline and revisit_at_votes is not None and revisit_at_votes <= idea.vote_count:
        errors["revisit_at_votes"] = ngettext(
            "The idea already has %(count)s vote: choose a higher number.",
            "The idea already has %(count)s votes: choose a higher number.",
            idea.vote_count,
        ) % {"count": idea.vote_count}
    if errors:
        raise ValidationError(errors)
    workaround = (workaround or "").strip() if is_decline else ""
    change = StatusChange(
        idea=idea,
        from_status=idea.status,
        to_status=to_status,
        note=note,
        note_html=render_markdown(note),
        decline_reason=decline_reason if is_decline else None,
        workaround=workaround,
        workaround_html=render_markdown(workaround) if workaround else "",
        revisit_on=revisit_on if is_decline else None,
        revisit_at_votes=revisit_at_votes if is_decline else None,
        vote_count=idea.vote_count,
        **authorship_for(actor, as_staff=True),
    )
    change.save()
    idea.status = to_status
    idea.status_changed_at = change.created_at
    idea.last_status_change = change
    idea.last_activity_at = change.created_at
    idea.save(
        update_fields=["status", "status_changed_at", "last_status_change", "last_activity_at"]
    )
    webhooks.emit(IDEA_STATUS_CHANGED, change)
    if notify_people:
        after_commit("decision", change_id=change.pk)
    return change


@transaction.atomic
def ship_feedback_save(member, idea, *, solves: bool, why: str = "") -> ShipFeedback:
    """A voter says whether the shipped idea solves it for them; they may change their answer.

    Why it does not is kept only with a "no", and only staff read it.
    """
    idea = Idea.objects.select_related("status").get(pk=idea.pk)
    has_voted = IdeaVote.objects.filter(idea=idea, member=member).exists()
    if not permissions.can_give_ship_feedback(member, idea, has_voted=has_voted):
        raise PermissionDenied("Only voters of a shipped idea answer whether it solves it.")
    feedback, _created = ShipFeedback.objects.update_or_create(
        idea=idea,
        member=member,
        defaults={"solves": solves, "why": "" if solves else (why or "").strip()[:2000]},
    )
    return feedback
