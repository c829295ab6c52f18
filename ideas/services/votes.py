"""Votes on ideas: one per member, with how much it matters to them, exact under concurrency.

`community.votes.vote_set` creates or deletes the vote and moves the idea's `vote_count` in the
same transaction; the importance is an extra field, so voting again with another importance
changes the vote without counting it twice. The idea's row is locked first, so that a vote and
a decision or a merge of the same idea never cross: a vote cannot land on an idea that has just
been merged or shipped.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import permissions as community_permissions
from community.protections.rules import guard_action
from community.votes import vote_set
from ideas import permissions
from ideas.models import Idea, IdeaVote, Importance
from ideas.services.notifying import tell_vote_recorded


def locked(idea) -> Idea:
    """The idea read again with its row locked until the transaction ends (PostgreSQL).

    Without a join: PostgreSQL rechecks a locked row that another transaction changed against
    the joined rows it read first, so a status changed meanwhile would make the idea vanish.
    Its status is read after the lock, as it is now.
    """
    return Idea.objects.select_for_update().get(pk=idea.pk)


def _check_open(idea):
    reason = permissions.voting_closed_reason(idea)
    if reason:
        raise ValidationError(reason, code="closed")


def _check_importance(importance):
    if importance not in Importance.values:
        raise ValidationError(
            {"importance": _("Choose how much this idea matters to you.")}, code="importance"
        )


def cast_vote(idea, member, *, importance, recorded_by=None) -> bool:
    """Record `member`'s vote (or change its importance); True when the count moved.

    The caller has checked permissions and holds the idea's lock.
    """
    return vote_set(
        vote_model=IdeaVote,
        target=idea,
        target_field="idea",
        member=member,
        counter_field="vote_count",
        on=True,
        importance=importance,
        recorded_by=recorded_by,
        updated_at=timezone.now(),
    )


def idea_vote(member, idea, *, importance: int) -> bool:
    """Vote for an idea, or change how much it matters; a double click votes once."""
    guard_action(member, "vote")
    if not community_permissions.can_write(member):
        raise PermissionDenied("Verify your e-mail address before voting.")
    _check_importance(importance)
    with transaction.atomic():
        idea = locked(idea)
        _check_open(idea)
        return cast_vote(idea, member, importance=importance)


def idea_unvote(member, idea) -> bool:
    """Take a vote back; True when there was one."""
    guard_action(member, "vote")
    if not community_permissions.can_write(member):
        raise PermissionDenied("Verify your e-mail address before voting.")
    with transaction.atomic():
        idea = locked(idea)
        _check_open(idea)
        return vote_set(
            vote_model=IdeaVote,
            target=idea,
            target_field="idea",
            member=member,
            counter_field="vote_count",
            on=False,
        )


def vote_record_for(actor, customer, idea, *, importance: int) -> bool:
    """Staff record a customer's vote (after a call, say); the customer is told who did.

    Recording again changes the importance. The vote shows who recorded it until the customer
    changes it themselves.
    """
    if not permissions.is_idea_staff(actor) or not community_permissions.can_write(actor):
        raise PermissionDenied("Only staff record votes for customers.")
    _check_importance(importance)
    if customer is None or not customer.is_active:
        raise ValidationError(
            {"member": _("No active member has this e-mail address or handle.")}, code="member"
        )
    if customer.pk == actor.pk:
        raise ValidationError(
            {"member": _("This is your own account: vote with the buttons above instead.")},
            code="self",
        )
    with transaction.atomic():
        idea = locked(idea)
        _check_open(idea)
        created = cast_vote(idea, customer, importance=importance, recorded_by=actor)
        tell_vote_recorded(actor, customer, idea, importance)
    return created
