"""Who may suspend, lift a suspension and block: one function per question, for views,
templates and services alike."""

from community import permissions
from community.trust import has_trusted_role


def can_suspend(user, member) -> bool:
    """Moderators suspend members; never themselves, nor a superuser."""
    return (
        permissions.can_moderate(user)
        and permissions.is_member(member)
        and user.pk != member.pk
        and not member.is_superuser
    )


def can_lift(user, suspension) -> bool:
    return permissions.can_moderate(user) and suspension.is_active


def can_see_suspensions(user) -> bool:
    return permissions.can_moderate(user)


def can_block(user, member) -> bool:
    """Any member may block another member, but not themself, and not staff or moderators,
    whose answers and moderation notices must keep reaching them."""
    return (
        permissions.is_member(user)
        and member is not None
        and member.is_active
        and user.pk != member.pk
        and not has_trusted_role(member)
    )
