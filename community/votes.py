"""Votes of every kind (helpful votes on reviews, upvotes on answers, votes on ideas) share this
logic; each kind keeps its own table with its own unique constraint (member, target).

`vote_set` is idempotent, so a double click votes once, and counts stay exact under concurrent
votes: the row is created or deleted first and the target's counter moves only when that
changed something, in the same transaction, with an UPDATE … SET n = n ± 1 that the database
serialises.
"""

from django.db import IntegrityError, transaction
from django.db.models import F


def vote_set(
    *, vote_model, target, target_field: str, member, counter_field: str, on: bool, **extra
):
    """Make `member`'s vote on `target` exist (on=True) or not; returns True when the count moved.

    `extra` fields describe the vote (an idea vote's importance): voting again with other values
    updates the existing vote without counting it twice.
    """
    lookup = {target_field: target, "member": member}
    with transaction.atomic():
        if on:
            try:
                with transaction.atomic():
                    vote_model.objects.create(**lookup, **extra)
            except IntegrityError:
                if extra:
                    vote_model.objects.filter(**lookup).update(**extra)
                return False
            delta = 1
        else:
            deleted, _ = vote_model.objects.filter(**lookup).delete()
            if not deleted:
                return False
            delta = -1
        type(target).objects.filter(pk=target.pk).update(
            **{counter_field: F(counter_field) + delta}
        )
    return True
