"""Who sees the staff desk: the service figures are for staff, the product team and site
admins; never for members."""

from community.permissions import is_member, is_staff_member
from community.roles import Role


def can_see_figures(user) -> bool:
    return is_staff_member(user) or (
        is_member(user) and (user.has_role(Role.PRODUCT_TEAM) or user.has_role(Role.SITE_ADMIN))
    )
