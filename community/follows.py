"""Following questions and ideas: one mechanism for every kind of thing that can be followed."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from community.models import Follow, Member


def _lookup(target) -> dict:
    return {"content_type": ContentType.objects.get_for_model(target), "object_id": target.pk}


def follow(member, target) -> bool:
    """Make `member` follow `target`; returns True when they did not already. Idempotent."""
    try:
        with transaction.atomic():
            Follow.objects.create(member=member, **_lookup(target))
    except IntegrityError:
        return False
    return True


def unfollow(member, target) -> bool:
    deleted, _ = Follow.objects.filter(member=member, **_lookup(target)).delete()
    return bool(deleted)


def is_following(member, target) -> bool:
    if not member.is_authenticated:
        return False
    return Follow.objects.filter(member=member, **_lookup(target)).exists()


def followers(target):
    """The active members following `target`."""
    return Member.objects.filter(
        is_active=True,
        follows__content_type=ContentType.objects.get_for_model(target),
        follows__object_id=target.pk,
    )


def follows_copy(source, destination) -> int:
    """Make `source`'s followers follow `destination` too (merges, duplicates), without doubles."""
    already = set(followers(destination).values_list("pk", flat=True))
    moved = 0
    for member in followers(source).exclude(pk__in=already):
        moved += follow(member, destination)
    return moved
