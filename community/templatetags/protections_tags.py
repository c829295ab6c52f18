"""Template pieces of the protections: the block button of a member's page, the honeypot field
of public forms, and the notice of a post that must wait a little."""

from django import template
from django.utils.html import format_html

from community import permissions as community_permissions
from community.protections import blocks, permissions
from community.protections.forms import HONEYPOT_FIELD
from community.protections.refusals import wait_text

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


@register.inclusion_tag("protections/wait_notice.html")
def wait_notice(form):
    """The notice of a post refused only for a while (`Refused.is_wait`, kept on the form by
    `community.views.add_errors`): how long is left, why, and that what was typed is kept. One
    notice for every form that writes: questions, answers, replies, reviews, ideas, comments."""
    refusal = getattr(form, "wait_refusal", None)
    if refusal is None:
        return {"refusal": None}
    return {
        "refusal": refusal,
        # Browsers never send chosen files back with the page.
        "files_lost": bool(getattr(form, "files", None)),
        "seconds": refusal.retry_after,
        "time_left": format_html(
            '<span class="wait-notice__left" data-wait-left>{}</span>',
            wait_text(refusal.retry_after),
        ),
    }
