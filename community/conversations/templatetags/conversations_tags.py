"""Template pieces of private conversations: what a public thread shows of them (to the member
and staff only), the staff link to a member's page, and names in a conversation's history."""

from django import template
from django.utils.translation import gettext as _

from community import names
from community import permissions as community_permissions
from community.conversations import permissions, selectors

register = template.Library()

_REVIEW_CACHE = "_conversations_by_review"


@register.inclusion_tag("community/conversations/includes/question_panel.html", takes_context=True)
def question_conversations(context, question):
    """On a question: its private conversations and "talk to a person", for the asker and
    staff; nothing at all for anyone else (no query either)."""
    request = context["request"]
    viewer = request.user
    is_asker = community_permissions.is_member(viewer) and question.author_id == viewer.pk
    is_staff = community_permissions.is_staff_member(viewer)
    if question.is_deleted or not (is_asker or is_staff):
        return {"show": False}
    conversations = list(selectors.thread_conversations(viewer, question=question))
    has_open = any(c.is_open and c.member_id == viewer.pk for c in conversations)
    return {
        "show": bool(conversations) or permissions.can_open_from(viewer, question),
        "conversations": conversations,
        "can_open": permissions.can_open_from(viewer, question) and not has_open,
        "is_staff": is_staff,
        "question": question,
    }


@register.inclusion_tag("community/conversations/includes/review_panel.html", takes_context=True)
def review_conversations(context, review):
    """Under a review: its private conversations and "talk to a person" for the reviewer, and
    "turn into a private conversation" for staff. The conversations of all the reviews of the
    product are read once per page."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if viewer is None:
        return {"show": False}
    is_author = community_permissions.is_member(viewer) and review.author_id == viewer.pk
    is_staff = community_permissions.is_staff_member(viewer)
    if not (is_author or is_staff):
        return {"show": False}
    cache = getattr(request, _REVIEW_CACHE, None)
    if cache is None:
        cache = {}
        setattr(request, _REVIEW_CACHE, cache)
    if review.product_id not in cache:
        cache[review.product_id] = selectors.product_review_conversations(viewer, review.product_id)
    conversations = cache[review.product_id].get(review.pk, [])
    has_open = any(c.is_open for c in conversations)
    can_open = is_author and permissions.can_open_from(viewer, review) and not has_open
    can_complaint = is_staff and not has_open and permissions.can_open_complaint(viewer, review)
    return {
        "show": bool(conversations or can_open or can_complaint),
        "conversations": conversations,
        "can_open": can_open,
        "can_complaint": can_complaint,
        "is_staff": is_staff,
        "review": review,
    }


@register.inclusion_tag(
    "community/conversations/includes/member_file_link.html", takes_context=True
)
def member_file_link(context, member):
    """For staff only: a link to everything the community knows about `member`."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {
        "show": member is not None and permissions.can_see_member_file(viewer),
        "member": member,
    }


register.filter("event_actor", names.step_actor)


@register.filter
def event_recipient(event):
    return names.name_of(None, card=event.to_card, nobody=_("a former member of staff"))
