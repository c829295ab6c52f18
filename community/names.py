"""How the site names whoever did something: on pages, timelines, notifications and the admin.

One rule everywhere: someone who acted as staff is named by the real name on their staff card
(with its role title where a role is shown), anyone else by their display name, and an account
that no longer exists by the words the caller gives for nobody ("a former member", "—").
Which card counts is the caller's to say: the card captured when the thing was written
(`author_card`, `actor_card`), or the member's staff card now (`staff_card_now`).
"""

from django.utils.translation import gettext as _

from community import permissions
from community.i18n import in_each_language


def name_of(member, *, card=None, nobody="") -> str:
    """The name of whoever acted: `card`'s real name, else `member`'s display name, else
    `nobody` (the account is gone)."""
    if card is not None:
        return card.real_name
    if member is not None:
        return member.display_name
    return str(nobody)


def signature(member, *, card=None, nobody="") -> tuple[str, str]:
    """(name, role title) of whoever acted; the role is empty for someone without a card."""
    return name_of(member, card=card, nobody=nobody), card.role_title if card is not None else ""


def role_in_each_language(card) -> dict | str:
    """A staff card's role title in each site language, for what is read later in the reader's
    language (a notification's parameters); "" without a card."""
    return in_each_language(lambda: card.role_title) if card is not None else ""


def writer_card(content):
    """The staff card a piece of writing is signed with: its author's card when it was written
    as staff, else None."""
    return content.author_card if content.is_staff_writing else None


def writer_name(content, *, nobody="") -> str:
    """The name a review, question, answer, idea or comment is signed with."""
    return name_of(content.author, card=writer_card(content), nobody=nobody)


def staff_card_now(member, *, active_only=True):
    """The staff card `member` has now, read from `member.staff_card` alone (lists join it, so
    no query): only an active one unless `active_only` is False."""
    card = getattr(member, "staff_card", None) if member is not None else None
    if card is None or (active_only and not card.is_active):
        return None
    return card


def acting_signature(member) -> tuple[str, str]:
    """(name, role title) of `member` acting now: as staff with their active staff card, else
    as a member."""
    return signature(member, card=permissions.active_staff_card(member))


def acting_name(member) -> str:
    """How a notification names `member` acting now (see `acting_signature`)."""
    return acting_signature(member)[0]


def step_actor(step) -> str:
    """Who did a step of a question's or a conversation's timeline (a `StaffStep`): by the
    staff card they used then, else by their display name."""
    return name_of(step.actor, card=step.actor_card, nobody=_("A former member"))
