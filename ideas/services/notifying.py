"""Who is told what about an idea, each in their own language.

A decision can reach thousands of voters, so the services only enqueue the telling, after the
transaction commits (`after_commit`), and a background task goes through the audience here.
Each message reads in the recipient's language: status names, reasons and role titles are
stored in each language (`community.i18n.in_each_language`), the idea's address is the one in
theirs (under /fr/), and the note is quoted as the member of staff wrote it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from community import follows, names
from community.i18n import in_each_language
from community.notifications import notify
from ideas import notifications as kinds
from ideas import permissions
from ideas.models import Comment, Idea, IdeaVote, Importance, Merge, StatusChange


def after_commit(event: str, **kwargs) -> None:
    """Enqueue the background task that tells people about `event`, once the data is saved."""
    # ideas.tasks imports this module to tell people; the tasks are looked up when enqueued.
    from ideas import tasks

    task = getattr(tasks, f"notify_{event}")
    transaction.on_commit(lambda: task.enqueue(**kwargs))


def _url(idea, fragment=""):
    return idea.get_absolute_url() + (f"#{fragment}" if fragment else "")


def decision_audience(idea):
    """Everyone told of a decision: the voters, the author and the followers, once each."""
    voters = IdeaVote.objects.filter(idea=idea).values("member_id")
    followers = follows.followers(idea).values("pk")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=voters) | Q(pk__in=followers) | Q(pk=idea.author_id))
        .order_by("pk")
    )


def tell_decision(change_id: int) -> int:
    """Tell the idea's audience about a signed decision; returns how many were told."""
    change = (
        StatusChange.objects.select_related(
            "idea", "to_status", "decline_reason", "author", "author_card"
        )
        .filter(pk=change_id)
        .first()
    )
    if change is None:
        return 0
    idea = change.idea
    status = change.to_status
    voter_ids = set(IdeaVote.objects.filter(idea=idea).values_list("member_id", flat=True))
    # Names in each language, read in the recipient's when the notification is shown or sent.
    params = {
        "staff_name": names.name_of(change.author, card=change.author_card),
        "role": names.role_in_each_language(change.author_card),
        "title": idea.title,
        "status": in_each_language(lambda: status.name),
        "note": " ".join(change.note.split()),
    }
    if change.decline_reason is not None:
        params["reason"] = in_each_language(lambda: change.decline_reason.label)
    told = 0
    for member in decision_audience(idea).iterator():
        is_voter = member.pk in voter_ids
        if status.is_shipped and is_voter:
            kind, fragment = kinds.SHIPPED, "ship-feedback"
        elif status.is_declined and change.decline_reason is not None:
            kind, fragment = kinds.DECLINED, f"decision-{change.pk}"
        else:
            kind, fragment = kinds.STATUS_CHANGED, f"decision-{change.pk}"
        with translation.override(member.preferred_language):
            url = _url(idea, fragment)
        told += notify(member, kind.key, params=params, url=url, actor=change.author) is not None
    return told


def _merge(merge_id):
    return Merge.objects.select_related("idea", "into", "author").filter(pk=merge_id).first()


def _tell_merged_voters(merge, kind, target):
    members = get_user_model().objects.filter(
        is_active=True, pk__in=merge.votes.values("member_id")
    )
    for member in members.order_by("pk").iterator():
        with translation.override(member.preferred_language):
            url = _url(target)
        notify(
            member,
            kind.key,
            params={"title": merge.idea.title, "kept_title": merge.into.title},
            url=url,
            actor=merge.author,
        )


def tell_merge(merge_id: int) -> None:
    merge = _merge(merge_id)
    if merge is not None:
        _tell_merged_voters(merge, kinds.MERGED, merge.into)


def tell_unmerge(merge_id: int) -> None:
    merge = _merge(merge_id)
    if merge is not None:
        _tell_merged_voters(merge, kinds.UNMERGED, merge.idea)


def tell_vote_recorded(actor, customer, idea, importance) -> None:
    params = {
        "staff_name": names.acting_name(actor),
        "title": idea.title,
        "importance": in_each_language(lambda: Importance(importance).label),
    }
    with translation.override(customer.preferred_language):
        url = _url(idea, "vote")
    notify(customer, kinds.VOTE_RECORDED.key, params=params, url=url, actor=actor)


def tell_mentions(idea_id: int, member_ids: list, comment_id: int | None = None) -> None:
    """Tell members they were mentioned in an idea or a comment (internal notes: staff only)."""
    comment = None
    if comment_id is not None:
        comment = Comment.objects.select_related("idea", "author", "author_card").get(pk=comment_id)
        idea, content = comment.idea, comment
    else:
        idea = Idea.objects.select_related("author", "author_card").get(pk=idea_id)
        content = idea
    for member in get_user_model().objects.filter(pk__in=member_ids, is_active=True):
        if comment is not None and comment.is_internal and not permissions.is_idea_staff(member):
            continue
        with translation.override(member.preferred_language):
            url = _url(idea, f"comment-{comment.pk}" if comment else "")
        notify(
            member,
            kinds.MENTIONED.key,
            params={"name": names.writer_name(content), "title": idea.title},
            url=url,
            actor=content.author,
        )


def tell_comment(comment_id: int, mentioned_ids: list) -> None:
    """A new comment: the author of the comment replied to, the people mentioned, and the
    idea's author and followers each hear once. Internal notes reach staff only."""
    comment = (
        Comment.objects.select_related("idea", "parent", "author", "author_card")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return
    idea = comment.idea
    told = {comment.author_id}
    if mentioned_ids:
        tell_mentions(idea.pk, [pk for pk in mentioned_ids if pk not in told], comment.pk)
        told.update(mentioned_ids)
    parent = comment.parent
    audience = []
    if parent is not None and parent.author_id not in told and parent.author is not None:
        audience.append((parent.author, kinds.REPLIED))
        told.add(parent.author_id)
    others = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=follows.followers(idea).values("pk")) | Q(pk=idea.author_id))
    )
    audience += [(m, kinds.COMMENTED) for m in others.exclude(pk__in=told).order_by("pk")]
    for member, kind in audience:
        if comment.is_internal and not permissions.is_idea_staff(member):
            continue
        with translation.override(member.preferred_language):
            url = _url(idea, f"comment-{comment.pk}")
        notify(
            member,
            kind.key,
            params={"name": names.writer_name(comment), "title": idea.title},
            url=url,
            actor=comment.author,
        )
