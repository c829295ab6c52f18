"""Who may delete their account themselves."""

from community.permissions import is_member
from community.roles import Role


def is_staff_account(user) -> bool:
    """Staff, moderators, the product team and site admins write under their name and role,
    hold questions and decisions: a site admin closes their accounts (hands their questions
    over, decides what happens to their staff card), not a self-service form."""
    return bool(
        user.is_staff
        or user.is_superuser
        or any(user.has_role(role) for role in Role)
        or getattr(user, "staff_card", None) is not None
    )


def can_delete_account(user) -> bool:
    """Any member may delete their own account, verified or not, suspended or not: a
    suspension limits writing, never the right to leave with one's data erased."""
    return is_member(user) and not is_staff_account(user)
