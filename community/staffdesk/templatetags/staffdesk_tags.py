"""Template helpers of the staff desk: whether to show the staff inbox and the service figures."""

from django import template

from community.permissions import can_see_inbox as _can_see_inbox
from community.staffdesk.permissions import can_see_figures as _can_see_figures

register = template.Library()


@register.filter
def can_see_inbox(user) -> bool:
    return _can_see_inbox(user)


@register.filter
def can_see_figures(user) -> bool:
    return _can_see_figures(user)
