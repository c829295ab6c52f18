"""What moderation asks of a piece of content, whatever its kind.

The kinds themselves are declared by the apps that own them (`community.content_kinds`); this
module answers moderation's questions through that registry and never names a kind: which
kind an object is, its state, a short title, its author, its address. Every moderated model
keeps its state in `moderation_state` (`community.models.Moderated`), except the member, who
is reported and suspended but has no state of their own.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.text import Truncator

from community.content_kinds import MEMBER, ContentKind, registry
from community.markdown import plain_text

EXCERPT_WORDS = 12
THREAD_NEIGHBOURS = 5


def moderated_kinds() -> list[ContentKind]:
    """Every kind moderation works on, the member's profile last."""
    return registry.moderated()


def content_kinds() -> list[ContentKind]:
    """The kinds of writing moderation works on (reported, held, hidden, appealed)."""
    return [kind for kind in registry.moderated() if kind.is_writing]


def kind_of(target) -> ContentKind:
    """The kind of a moderated object; raises KeyError for anything else."""
    kind = registry.of_model(type(target))
    if kind is None or not kind.moderated:
        raise KeyError(target._meta.label)
    return kind


def is_moderated(target) -> bool:
    kind = registry.of_model(type(target))
    return kind is not None and kind.moderated


def is_member(target) -> bool:
    return kind_of(target) is MEMBER


def content_types() -> dict:
    """{content type id: kind} for every moderated kind, in one query (cached by Django)."""
    kinds = moderated_kinds()
    found = ContentType.objects.get_for_models(*(kind.model for kind in kinds))
    return {found[kind.model].pk: kind for kind in kinds}


def state_of(target) -> str:
    return "" if is_member(target) else target.moderation_state


def is_reply(target) -> bool:
    return getattr(target, "parent_id", None) is not None


def kind_label(target):
    """What to call it: "reply" for an answer or a comment under another one."""
    kind = kind_of(target)
    if kind.reply_label is not None and is_reply(target):
        return kind.reply_label
    return kind.label


def title_of(target) -> str:
    """A short name for the content: its title, or the start of its text."""
    kind = kind_of(target)
    if kind is MEMBER:
        return target.display_name
    if kind.has_title and target.title:
        return target.title
    text = getattr(target, kind.text_field, "") or ""
    return Truncator(plain_text(text) if kind.markdown else text).words(EXCERPT_WORDS)


def author_of(target):
    if kind_of(target) is MEMBER:
        return target
    return target.author


def thread_of(target) -> dict:
    """What the moderator reads around the content: what it belongs to (the question of an
    answer, the product of a review), the writing it replies to, and its closest neighbours,
    the newest writing of its kind beside it in the thread."""
    kind = kind_of(target)
    if not kind.parent_field:
        return {"parent": None, "replied_to": None, "neighbours": []}
    thread = {"parent": getattr(target, kind.parent_field), "replied_to": None, "neighbours": []}
    if not hasattr(target, "parent_id"):
        return thread
    siblings = kind.model.objects.filter(
        **{f"{kind.parent_field}_id": getattr(target, f"{kind.parent_field}_id")},
        parent_id=target.parent_id,
        **kind.thread_filter,
    )
    thread["replied_to"] = target.parent
    thread["neighbours"] = list(
        siblings.exclude(pk=target.pk)
        .select_related("author")
        .order_by("-created_at")[:THREAD_NEIGHBOURS]
    )
    return thread


def url_of(target) -> str:
    return target.get_absolute_url()


def is_deleted(target) -> bool:
    return getattr(target, "deleted_at", None) is not None
