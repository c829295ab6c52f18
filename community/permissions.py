"""Who may do what in the community's own room: one function per question.

Views, templates and services all ask these functions, so a rule is written once. Later apps
keep their own `permissions.py` and build on `can_write` and `can_write_as_staff`.
"""

from community.protections.suspensions import is_suspended
from community.roles import ROLES_REQUIRING_MFA, Role


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_write(user) -> bool:
    """Writing and voting need an account whose e-mail address has been verified, and that is
    not suspended (a suspended member keeps reading)."""
    return is_member(user) and user.has_verified_email and not is_suspended(user)


def is_staff_member(user) -> bool:
    return is_member(user) and (user.has_role(Role.STAFF) or user.is_superuser)


def active_staff_card(user):
    """The staff card `user` writes under now, or None when they write as a member."""
    if not is_staff_member(user):
        return None
    card = getattr(user, "staff_card", None)
    return card if card is not None and card.is_active else None


def can_write_as_staff(user) -> bool:
    """Staff write as staff only with an active card: never as an anonymous "Admin"."""
    return active_staff_card(user) is not None and can_write(user)


def can_see_inbox(user) -> bool:
    """The staff inbox (questions and private conversations waiting on staff) is for staff."""
    return is_staff_member(user)


def can_edit_profile(user, member) -> bool:
    return is_member(user) and user.pk == member.pk


def must_use_two_factor(user) -> bool:
    """Staff, moderators, the product team and site admins sign in with a second factor."""
    return is_member(user) and (
        user.is_superuser or any(user.has_role(role) for role in ROLES_REQUIRING_MFA)
    )


def can_moderate(user) -> bool:
    return is_member(user) and (user.has_role(Role.MODERATOR) or user.is_superuser)


def is_site_admin(user) -> bool:
    """A site admin: a superuser, or a member of the Site admins role. They may set right what
    others wrote where a role's own rule would not let anyone else (a colleague's staff note)."""
    return is_member(user) and (user.is_superuser or user.has_role(Role.SITE_ADMIN))


def can_view_operations(user) -> bool:
    """The admin's page about background tasks is for site admins: it shows tracebacks."""
    return is_member(user) and (user.is_superuser or user.has_role(Role.SITE_ADMIN))


def can_manage_api(user) -> bool:
    """API tokens open the community's data to other tools: site admins create and revoke them
    (the role holds the permissions, see `roles.ROLE_PERMISSIONS`)."""
    return is_member(user) and user.has_perm("community.add_apitoken")


def can_manage_webhooks(user) -> bool:
    """Webhooks send events to other tools: site admins register them."""
    return is_member(user) and user.has_perm("community.add_webhook")


def can_set_segments(user) -> bool:
    """Staff set members' segments (by hand or from a CSV); the role holds the permission."""
    return is_member(user) and user.has_perm("community.assign_segment")
