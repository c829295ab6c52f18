"""What the ideas app keeps about a member, in "my data" and in the download, and how it is
erased when they delete their account: their ideas with their pictures, their votes, their
comments, their answers to "does this solve it?", and the backlog exports they asked for.
Registered by `IdeasConfig.ready()` with `community.personal_data` and `community.erasure`.

An idea others voted for, commented on, decided about or merged stays as a tombstone when its
author removes their writing: its votes keep counting where they count, and the others'
comments still read.
"""

from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from community import erasure
from community.personal_data import DataSection, file_name, markdown, public_url, register, when
from ideas.models import (
    Comment,
    ExportJob,
    Idea,
    IdeaImage,
    IdeaVote,
    Merge,
    MergedVote,
    ShipFeedback,
    StatusChange,
)

# My data -------------------------------------------------------------------------------------


def idea_image_path(image) -> str:
    return f"files/ideas/{image.idea_id}/{image.pk}-{file_name(image.image)}"


def describe_idea(idea) -> dict:
    return {
        **markdown(idea),
        "title": idea.title,
        "product": idea.product.title if idea.product_id else "",
        "status": str(idea.status),
        "votes": idea.vote_count,
        "comments": idea.comment_count,
        "images": [
            {"file": idea_image_path(image), "description": image.alt_text}
            for image in idea.images.all()
        ],
    }


def idea_files(idea):
    for image in idea.images.all():
        yield idea_image_path(image), image.image


def ideas_of(member):
    return (
        Idea.objects.filter(author=member)
        .select_related("status", "product")
        .prefetch_related("images")
        .order_by("-created_at", "-pk")
    )


register(
    DataSection(
        key="ideas",
        label=_("Ideas"),
        explanation=_(
            "The ideas you proposed, with their pictures; public ones appear in the ideas list, "
            "on the roadmap and in search. Who voted for them is not part of your data."
        ),
        rows=ideas_of,
        describe=describe_idea,
        files=idea_files,
        url=public_url,
        title=lambda idea: idea.title,
        order=50,
    )
)


def idea_votes_of(member):
    return IdeaVote.objects.filter(member=member).select_related("idea").order_by("-created_at")


register(
    DataSection(
        key="idea_votes",
        label=_("Votes on ideas"),
        explanation=_(
            "The ideas you voted for and how much each matters to you; with your consent your "
            "name appears on the idea's public list of voters."
        ),
        rows=idea_votes_of,
        describe=lambda vote: {
            "idea_id": vote.idea_id,
            "idea": vote.idea.title,
            "importance": vote.importance,
            "importance_label": str(vote.get_importance_display()),
            "recorded_by_staff_for_you": vote.recorded_by_id is not None,
            "voted_at": when(vote.created_at),
            "changed_at": when(vote.updated_at),
        },
        url=lambda vote: public_url(vote.idea),
        title=lambda vote: f"{vote.idea.title} · {vote.get_importance_display()}",
        order=52,
    )
)


def comments_of(member):
    return Comment.objects.filter(author=member).select_related("idea").order_by("-created_at")


def comment_url(comment) -> str:
    return comment.get_absolute_url() if comment.is_public and comment.idea.is_public else ""


register(
    DataSection(
        key="comments",
        label=_("Comments on ideas"),
        explanation=_("Your comments and replies on ideas, shown under each idea."),
        rows=comments_of,
        describe=lambda comment: {
            **markdown(comment),
            "idea_id": comment.idea_id,
            "idea": comment.idea.title,
            "in_reply_to_comment": comment.parent_id,
            "internal_staff_note": comment.is_internal,
        },
        url=comment_url,
        title=lambda comment: comment.idea.title,
        order=54,
    )
)


def feedback_of(member):
    return ShipFeedback.objects.filter(member=member).select_related("idea").order_by("-created_at")


register(
    DataSection(
        key="ship_feedback",
        label=_("Answers to “does this solve it?”"),
        explanation=_(
            "What you said once an idea you voted for shipped; the reason you gave is for staff "
            "only."
        ),
        rows=feedback_of,
        describe=lambda feedback: {
            "idea_id": feedback.idea_id,
            "idea": feedback.idea.title,
            "solves_it": feedback.solves,
            "why_not": feedback.why,
            "answered_at": when(feedback.created_at),
            "changed_at": when(feedback.updated_at),
        },
        url=lambda feedback: public_url(feedback.idea),
        title=lambda feedback: feedback.idea.title,
        order=56,
    )
)

register(
    DataSection(
        key="backlog_exports",
        label=_("Backlog exports"),
        explanation=_("For the product team: the exports of the ideas backlog you asked for."),
        rows=lambda member: ExportJob.objects.filter(requester=member),
        describe=lambda job: {
            "what": job.kind,
            "format": job.format,
            "status": job.status,
            "requested_at": when(job.created_at),
            "available_until": when(job.expires_at),
        },
        title=lambda job: str(job),
        order=82,
    )
)

# Erasure -------------------------------------------------------------------------------------


def recount_comments(idea_ids) -> None:
    """Set the comment counts of the ideas from their standing comments (`counted()`)."""
    idea_ids = list(set(idea_ids))
    if not idea_ids:
        return
    counts = (
        Comment.objects.counted()
        .filter(idea=OuterRef("pk"))
        .order_by()
        .values("idea")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Idea.objects.filter(pk__in=idea_ids).update(comment_count=Coalesce(Subquery(counts), Value(0)))


def erase_idea_votes(member, choice):
    erased = erasure.vote_eraser(IdeaVote, "idea", Idea, "vote_count", "idea")(member, choice)
    # What a merge remembers of the member's vote, to give it back if the merge is undone.
    erased += erasure.in_batches(
        lambda: MergedVote.objects.filter(member=member),
        lambda ids: MergedVote.objects.filter(pk__in=ids).delete(),
    )
    return erased


# Replies first, then comments: a comment with replies of others stays as a tombstone.
erase_comments = erasure.threaded_writing_eraser(
    Comment, thread="idea", recount=recount_comments, kind="idea"
)


def erase_ideas(member, choice):
    """An idea others voted for, commented on, decided about or merged stays as a tombstone:
    its votes keep counting where they count, and the others' comments still read."""
    erasure.forget_own_deleted(Idea, member, title=True, slug=True)
    if choice == erasure.Choice.ANONYMISE:
        return erasure.anonymise(Idea, member, kind="idea")

    def handle(ids):
        with_others = set()
        for model, field in (
            (IdeaVote, "idea_id"),
            (Comment, "idea_id"),
            (StatusChange, "idea_id"),
            (Merge, "idea_id"),
            (Merge, "into_id"),
            (ShipFeedback, "idea_id"),
            (Idea, "merged_into_id"),
        ):
            rows = model.objects.filter(**{f"{field}__in": ids})
            if model is IdeaVote:
                rows = rows.exclude(member=member)
            elif model is Comment:
                rows = rows.exclude(author=member)
            with_others.update(rows.values_list(field, flat=True))
        with_others.update(
            Idea.objects.filter(pk__in=ids, merged_into__isnull=False).values_list("pk", flat=True)
        )
        images = list(IdeaImage.objects.filter(idea_id__in=ids))
        erasure.delete_picture_files(images)
        IdeaImage.objects.filter(pk__in=[image.pk for image in images]).delete()
        erasure.erase_threads(Idea, ids, with_others, kind="idea", replies=Comment, slug=True)

    return erasure.in_batches(lambda: Idea.objects.filter(author=member), handle)


def erase_other_idea_writing(member, choice):
    """Writing in others' ideas that the member signed in passing: decisions and merges stay,
    signed by nobody (staff close their accounts through a site admin, but a former member of
    staff may still have some); their feedback on shipped ideas goes."""
    erased = 0
    for model in (StatusChange, Merge):
        erased += model.objects.filter(author=member).update(author=None)
    erased += ShipFeedback.objects.filter(member=member).delete()[0]
    return erased


def _delete_export_files(member) -> int:
    """Exports a member of the product team asked for, with their files."""
    jobs = list(ExportJob.objects.filter(requester=member))
    names = [job.file_name for job in jobs if job.file_name]

    def remove_files():
        storage = storages["exports"]
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return ExportJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()[0]


def _forget_merge_followers(member) -> int:
    """A merge remembers whom it made follow the kept idea, to undo it exactly."""
    changed = 0
    for merge in Merge.objects.exclude(copied_follower_ids=[]).only("pk", "copied_follower_ids"):
        if member.pk in merge.copied_follower_ids:
            remaining = [pk for pk in merge.copied_follower_ids if pk != member.pk]
            Merge.objects.filter(pk=merge.pk).update(copied_follower_ids=remaining)
            changed += 1
    return changed


def erase_idea_account_data(member, choice):
    """The rest of what the ideas app keeps about the member, whatever they chose."""
    return _delete_export_files(member) + _forget_merge_followers(member)


erasure.register("votes.ideas", erase_idea_votes, order=10, atomic=False)
erasure.register("writing.comments", erase_comments, order=40, atomic=False)
erasure.register("writing.ideas", erase_ideas, order=45, atomic=False)
erasure.register("writing.other.ideas", erase_other_idea_writing, order=70)
erasure.register("account.ideas", erase_idea_account_data, order=200)
