"""Template pieces of the protections: the block button of a member's page and the honeypot
field of public forms."""

from django import template

from community import permissions as community_permissions
from community.protections import blocks, permissions
from community.protections.forms import HONEYPOT_FIELD

register = template.Library()


@register.inclusion_tag("protections/block_button.html", takes_context=True)
def block_button(context, member):
    """Block or unblock `member`, for the member looking at their page; a moderator also gets
    the way to suspend them."""
    user = context.get("user")
    is_blocked = community_permissions.is_member(user) and blocks.has_blocked(user, member)
    return {
        "member": member,
        "is_blocked": is_blocked,
        "can_block": not is_blocked and permissions.can_block(user, member),
        "can_suspend": permissions.can_suspend(user, member),
    }


@register.simple_tag
def honeypot(form):
    """The form's honeypot field (`HoneypotForm`), or nothing when the form has none."""
    if form is None or HONEYPOT_FIELD not in getattr(form, "fields", {}):
        return ""
    return form[HONEYPOT_FIELD]
