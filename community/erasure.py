"""Erasing a member's personal data, from every part of the site that holds some.

When a member deletes their account, `erase_member(member, choice)` runs every registered
eraser. Each part of the site that keeps data about a member registers one, next to its models:

    from community import erasure

    def erase_conversations(member, choice):
        ...

    erasure.register("conversations", erase_conversations, order=50)

An eraser receives the member (still in the database, deactivated, with their e-mail address
and name intact until the last step) and the member's choice for their public writing:

- `Choice.REMOVE`: what they wrote goes, as far as the community can do without it;
- `Choice.ANONYMISE`: what they wrote stays, signed "a former member" (author set to null).

Whatever the choice, an eraser removes the personal data it keeps (private conversations,
notes, preferences, files...). Erasers run in `order` (lower first), each in its own
transaction (or, registered with `atomic=False`, committing its own batches, for erasers
that may meet thousands of rows), and must be safe to run twice: a deletion interrupted half
way is run again from the start. Files are removed after the commit
(`transaction.on_commit`). The account row itself is erased last, by
`community.account_deletion`, which cascades to whatever still points at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction


class Choice(StrEnum):
    """What happens to the member's public writing (reviews, questions, answers, ideas...)."""

    ANONYMISE = "anonymise"
    REMOVE = "remove"


@dataclass(frozen=True)
class Eraser:
    key: str
    erase: Callable
    order: int = 100
    atomic: bool = True


_erasers: dict[str, Eraser] = {}


def register(key: str, erase: Callable, *, order: int = 100, atomic: bool = True) -> Eraser:
    """Add (or replace, by `key`) an eraser: `erase(member, choice)` removes what it holds."""
    eraser = Eraser(key=key, erase=erase, order=order, atomic=atomic)
    _erasers[key] = eraser
    return eraser


def erasers() -> list[Eraser]:
    """The registered erasers, in the order they run."""
    return sorted(_erasers.values(), key=lambda eraser: (eraser.order, eraser.key))


def erase_member(member, choice: Choice, *, on_step: Callable | None = None) -> None:
    """Run every registered eraser for `member`, in order.

    `on_step(eraser, result)` is called after each one with what it returned (the number of
    rows it handled, when it says), so that the deletion records where it stands.
    """
    choice = Choice(choice)
    for eraser in erasers():
        if eraser.atomic:
            with transaction.atomic():
                result = eraser.erase(member, choice)
        else:
            result = eraser.erase(member, choice)
        if on_step is not None:
            on_step(eraser, result)
