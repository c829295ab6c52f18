"""Merging duplicate ideas, and undoing a merge exactly.

A merge moves the duplicate's voters to the kept idea without counting anyone twice: a member
who voted for both keeps one vote, with the higher importance. Followers are copied; comments
stay on the duplicate, whose page still shows them and points to the kept idea. Everything the
merge did is recorded (`Merge`, `MergedVote`), so that undoing it gives both ideas back exactly
the votes, importances and followers they had.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import follows, webhooks
from community import permissions as community_permissions
from community.markdown import render_markdown
from community.products import refresh_product_stats
from community.services import authorship_for
from ideas import permissions
from ideas.models import Idea, IdeaVote, Merge, MergedVote
from ideas.services.notifying import after_commit
from ideas.webhooks import IDEA_MERGED


def _lock_both(first, second):
    """Both ideas, locked in the order of their ids so that two merges cannot deadlock."""
    rows = {
        idea.pk: idea
        for idea in Idea.objects.select_for_update()
        .filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
    }
    return rows[first.pk], rows[second.pk]


def merge_check(idea, into) -> None:
    """Raise the ValidationError that merging `idea` into `into` would meet, if any: what the
    merge refuses, said before staff confirm it as well as when they do."""
    if into is None:
        raise ValidationError({"into": _("Choose the idea to keep.")}, code="required")
    if into.pk == idea.pk:
        raise ValidationError({"into": _("An idea cannot be merged into itself.")}, code="self")
    if idea.is_deleted or into.is_deleted:
        raise ValidationError({"into": _("A deleted idea cannot be merged.")}, code="deleted")
    if idea.is_merged:
        raise ValidationError(
            _("This idea is already merged into “%(title)s”.") % {"title": idea.merged_into.title},
            code="merged",
        )
    if into.is_merged:
        raise ValidationError(
            {
                "into": _(
                    "“%(title)s” is itself merged into “%(kept)s”. Merge into “%(kept)s” instead."
                )
                % {"title": into.title, "kept": into.merged_into.title}
            },
            code="into_merged",
        )
    if Idea.objects.filter(merged_into=idea).exists():
        raise ValidationError(
            _(
                "Other ideas are merged into this one. Merge the other idea into this one "
                "instead, or undo those merges first: merges never form chains."
            ),
            code="chain",
        )


@transaction.atomic
def idea_merge(actor, idea, into, *, note: str = "", notify_people: bool = True) -> Merge:
    """Merge `idea` (the duplicate) into `into` (the idea kept); its voters are told."""
    if not permissions.can_merge(actor):
        raise PermissionDenied("Only staff merge ideas.")
    if into is not None and into.pk != idea.pk:
        idea, into = _lock_both(idea, into)
    merge_check(idea, into)
    note = (note or "").strip()
    merge = Merge.objects.create(
        idea=idea,
        into=into,
        note=note,
        note_html=render_markdown(note) if note else "",
        **authorship_for(actor, as_staff=community_permissions.can_write_as_staff(actor)),
    )
    now = timezone.now()

    duplicate_votes = list(IdeaVote.objects.filter(idea=idea))
    kept_votes = {
        vote.member_id: vote
        for vote in IdeaVote.objects.filter(
            idea=into, member_id__in=[vote.member_id for vote in duplicate_votes]
        )
    }
    records, moved_ids, raised = [], [], defaultdict(list)
    for vote in duplicate_votes:
        kept = kept_votes.get(vote.member_id)
        if kept is None:
            outcome = MergedVote.Outcome.MOVED
            moved_ids.append(vote.pk)
        elif vote.importance > kept.importance:
            outcome = MergedVote.Outcome.RAISED
            raised[vote.importance].append(kept.pk)
        else:
            outcome = MergedVote.Outcome.ALREADY
        records.append(
            MergedVote(
                merge=merge,
                member_id=vote.member_id,
                importance=vote.importance,
                recorded_by_id=vote.recorded_by_id,
                voted_at=vote.created_at,
                changed_at=vote.updated_at,
                outcome=outcome,
                kept_importance_before=kept.importance if kept is not None else None,
                kept_changed_before=kept.updated_at if kept is not None else None,
            )
        )
    MergedVote.objects.bulk_create(records, batch_size=500)
    # A moved vote keeps its row, and with it the date it was cast.
    IdeaVote.objects.filter(pk__in=moved_ids).update(idea=into)
    for importance, vote_ids in raised.items():
        IdeaVote.objects.filter(pk__in=vote_ids).update(importance=importance, updated_at=now)
    IdeaVote.objects.filter(idea=idea).delete()
    Idea.objects.filter(pk=into.pk).update(
        vote_count=F("vote_count") + len(moved_ids), last_activity_at=now
    )
    Idea.objects.filter(pk=idea.pk).update(
        vote_count=F("vote_count") - len(duplicate_votes),
        merged_into=into,
        last_activity_at=now,
    )
    refresh_product_stats([idea.product_id], kinds=("idea",))

    already_following = set(follows.followers(into).values_list("pk", flat=True))
    merge.copied_follower_ids = sorted(
        set(follows.followers(idea).values_list("pk", flat=True)) - already_following
    )
    merge.save(update_fields=["copied_follower_ids"])
    follows.follows_copy(idea, into)
    webhooks.emit(IDEA_MERGED, merge)

    if notify_people:
        after_commit("merge", merge_id=merge.pk)
    return merge


@transaction.atomic
def idea_unmerge(actor, idea, *, notify_people: bool = True) -> Merge:
    """Undo the merge of `idea`: both ideas get back the votes and followers they had.

    A vote that moved returns to the duplicate; a vote on the kept idea whose importance the
    merge raised goes back to its earlier importance (unless its member changed it since).
    """
    if not permissions.can_unmerge(actor):
        raise PermissionDenied("Only staff undo merges.")
    merge = (
        Merge.objects.select_related("into")
        .filter(idea=idea, undone_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if merge is None:
        raise ValidationError(_("This idea is not merged."), code="not_merged")
    idea, into = _lock_both(idea, merge.into)
    if idea.merged_into_id != into.pk:
        raise ValidationError(_("This idea is not merged."), code="not_merged")
    now = timezone.now()
    records = list(merge.votes.all())
    kept_votes = {
        vote.member_id: vote
        for vote in IdeaVote.objects.filter(
            idea=into, member_id__in=[record.member_id for record in records]
        )
    }
    removed_ids, lowered = [], []
    for record in records:
        kept = kept_votes.get(record.member_id)
        if kept is None:
            continue
        if record.outcome == MergedVote.Outcome.MOVED:
            removed_ids.append(kept.pk)
        elif record.outcome == MergedVote.Outcome.RAISED and kept.importance == record.importance:
            kept.importance = record.kept_importance_before
            kept.updated_at = record.kept_changed_before
            lowered.append(kept)
    IdeaVote.objects.filter(pk__in=removed_ids).delete()
    IdeaVote.objects.bulk_update(lowered, ["importance", "updated_at"], batch_size=500)
    IdeaVote.objects.bulk_create(
        [
            IdeaVote(
                idea=idea,
                member_id=record.member_id,
                importance=record.importance,
                recorded_by_id=record.recorded_by_id,
                created_at=record.voted_at,
                updated_at=record.changed_at,
            )
            for record in records
        ],
        batch_size=500,
    )
    Idea.objects.filter(pk=into.pk).update(
        vote_count=F("vote_count") - len(removed_ids), last_activity_at=now
    )
    Idea.objects.filter(pk=idea.pk).update(
        vote_count=F("vote_count") + len(records), merged_into=None, last_activity_at=now
    )
    refresh_product_stats([idea.product_id], kinds=("idea",))
    for member in follows.followers(into).filter(pk__in=merge.copied_follower_ids):
        follows.unfollow(member, into)
    merge.undone_at = now
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by"])
    if notify_people:
        after_commit("unmerge", merge_id=merge.pk)
    return merge
