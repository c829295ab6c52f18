"""The staff inbox gathers, in one place, what waits on staff in every feature that keeps a
promise clock. The questions feature shows the inbox (its queue of questions); any other
feature adds a section of its own rows by registering an `InboxSection` from its `ready()`,
read with the inbox's filters (product, team, state) so that one filter narrows the whole page.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class InboxSection:
    """`rows(viewer, *, now, product, team, state, limit)` returns the section's rows, most
    urgent first; `key` names them in the inbox page's context."""

    key: str
    rows: Callable
    order: int = 100


_sections: dict[str, InboxSection] = {}


def register(section: InboxSection) -> InboxSection:
    _sections[section.key] = section
    return section


def sections() -> list[InboxSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))
