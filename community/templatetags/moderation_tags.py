"""Moderation on the site's pages: the receipt on held, hidden or moderator-edited content, and
whether a reader may see a piece of content at all."""

from datetime import timedelta

from django import template
from django.urls import reverse

from community.moderation import kinds, permissions, selectors, services

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.filter
def duration_words(seconds) -> str:
    """A number of seconds as "about 3 hours", in the reader's language."""
    return services.duration_text(timedelta(seconds=int(seconds)))


@register.filter
def may_report(user, target) -> bool:
    """Whether `user` may report `target` (a member, or content)."""
    return permissions.can_report(user, target)


@register.filter
def visible_to(content, user) -> bool:
    """Held or hidden content shows in full to its author and moderators only; others see a
    "hidden by a moderator" placeholder in its place (held content is not listed for them)."""
    return permissions.can_see(user, content)


@register.inclusion_tag("community/moderation/includes/receipt.html", takes_context=True)
def moderation_receipt(context, content):
    """The receipt on a piece of content.

    Its author and moderators see why it is held or hidden, who decided and, while held, how
    long a decision usually takes, with the way to appeal a hidden post. Everybody sees
    "edited by <moderator>: <reason>" on content a moderator edited.
    """
    viewer = _viewer(context)
    data = {"content": content, "receipt": None, "edited": None}
    if content.moderator_edited_by_id:
        data["edited"] = {
            "name": services.moderator_name(content.moderator_edited_by),
            "reason": content.moderator_edit_reason,
            "at": content.moderator_edited_at,
        }
    if kinds.state_of(content) != "published" and permissions.can_see_receipt(viewer, content):
        receipt = selectors.receipt(content)
        if receipt["state"] == "held":
            receipt["wait_text"] = services.duration_text(receipt["usual_wait"])
        is_author = viewer is not None and content.author_id == viewer.pk
        if receipt["state"] == "hidden" and is_author:
            receipt["appeal_url"] = reverse(
                "moderation:appeal", kwargs={"kind": kinds.kind_of(content).key, "pk": content.pk}
            )
            receipt["appealed"] = selectors.appeal_for(viewer, content) is not None
        receipt["is_author"] = is_author
        data["receipt"] = receipt
    return data
