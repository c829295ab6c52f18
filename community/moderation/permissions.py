"""Who may do what in moderation: one function per question, for views, templates and services.

Moderators (and superusers) claim and decide; moderators and site admins read the audit log.
Staff and the product team do not moderate unless they are moderators too: answering customers
and judging their writing are different jobs.
"""

from community import permissions as community
from community.models import ModerationState
from community.moderation import kinds
from community.roles import Role


def can_report(user, target) -> bool:
    """Verified members report content they did not write, and members other than themselves."""
    if not community.can_write(user):
        return False
    if getattr(target, "author_id", None) == user.pk or target == user:
        return False
    return getattr(target, "deleted_at", None) is None


def can_moderate(user) -> bool:
    return community.can_moderate(user)


def can_claim(user) -> bool:
    return can_moderate(user)


def can_decide(user, target=None) -> bool:
    """Moderators decide, never about what they wrote themselves nor about their own account."""
    if not can_moderate(user):
        return False
    if target is None:
        return True
    return getattr(target, "author_id", None) != user.pk and target != user


def can_read_audit_log(user) -> bool:
    return can_moderate(user) or (community.is_member(user) and user.has_role(Role.SITE_ADMIN))


def can_see(user, content) -> bool:
    """Held or hidden content is seen by its author (with the receipt) and by moderators.

    Deleted content is the app's business (its page says who deleted it): only the moderation
    state is judged here."""
    if kinds.state_of(content) == ModerationState.PUBLISHED:
        return True
    if not community.is_member(user):
        return False
    return content.author_id == user.pk or can_moderate(user)


def can_see_receipt(user, content) -> bool:
    """The reason and the moderator's name, for the author and moderators."""
    return community.is_member(user) and (content.author_id == user.pk or can_moderate(user))


def can_decide_appeal(user, appeal) -> bool:
    """A different moderator: never the one who made the decision appealed, nor the appellant."""
    return (
        can_moderate(user)
        and appeal.original_moderator_id != user.pk
        and appeal.appellant_id != user.pk
    )
