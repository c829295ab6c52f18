"""Blocks: a member stops another member's mentions and notifications reaching them.

A block is private and one-way: the blocked member is not told and keeps reading and writing;
only what would reach the blocker because of them is stopped (`community.notifications.notify`
asks `has_blocked` before telling anyone anything another member did).
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from community.models import Block
from community.protections import permissions


def has_blocked(member, other) -> bool:
    """Whether `member` blocked `other`."""
    if member is None or other is None or member.pk is None or other.pk is None:
        return False
    return Block.objects.filter(blocker_id=member.pk, blocked_id=other.pk).exists()


def block(member, other) -> Block:
    """`member` blocks `other`; blocking twice keeps one block."""
    if not permissions.can_block(member, other):
        raise PermissionDenied("Members block other members, not themselves, staff or moderators.")
    try:
        with transaction.atomic():
            return Block.objects.create(blocker=member, blocked=other)
    except IntegrityError:
        return Block.objects.get(blocker=member, blocked=other)


def unblock(member, other) -> bool:
    """`member` lifts their block of `other`; returns False when there was none."""
    deleted, _ = Block.objects.filter(blocker_id=member.pk, blocked_id=other.pk).delete()
    return bool(deleted)


def blocked_by(member):
    """The blocks `member` made, newest first, with the blocked members for the list page."""
    return Block.objects.filter(blocker=member).select_related("blocked").order_by("-created_at")
