"""Comments on ideas, replies (one level), and staff's internal notes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community import follows
from community import permissions as community_permissions
from community.markdown import mentioned_members
from community.moderation.services import held_at_creation, start_moderation
from community.protections.rules import guard_write
from community.services import authorship_for
from community.writing import body_set, content_edit, content_soft_delete, text_clean
from ideas import permissions
from ideas.models import Comment, Idea
from ideas.services.ideas import touch
from ideas.services.notifying import after_commit


@transaction.atomic
def comment_create(member, idea, *, body: str, parent=None, internal: bool = False) -> Comment:
    """Comment on an idea or reply to a comment; the commenter follows the idea from now on.

    Replies stay one level deep: replying to a reply answers its thread. A reply to an internal
    note is internal too, and internal notes never reach members who are not staff. Staff with
    an active card write under it.
    """
    guard_write(member, kind="comment", text=body)
    idea = Idea.objects.select_related("status").get(pk=idea.pk)
    if parent is not None:
        if parent.idea_id != idea.pk or parent.is_deleted:
            raise ValidationError(_("This comment can no longer be replied to."), code="parent")
        if parent.parent_id is not None:
            parent = parent.parent
        internal = parent.is_internal
    if internal:
        if not permissions.can_write_internal_note(member, idea):
            raise PermissionDenied("Only staff write internal notes.")
    elif not permissions.can_comment(member, idea):
        raise PermissionDenied("You cannot comment on this idea.")
    body = text_clean(body, empty_message=_("Please write your comment."))
    comment = Comment(
        idea=idea,
        parent=parent,
        is_internal=internal,
        **authorship_for(member, as_staff=community_permissions.can_write_as_staff(member)),
    )
    body_set(comment, body)
    start_moderation(comment, member, body)
    comment.save()
    if not internal:
        follows.follow(member, idea)
    if not held_at_creation(comment):
        comment_announce(comment)
    return comment


def comment_announce(comment) -> None:
    """Count a published comment on its idea and tell who should hear of it: at once, or when
    a moderator publishes a held comment."""
    touch(comment.idea, comments=0 if comment.is_internal else 1)
    mentioned = [m.pk for m in mentioned_members(comment.body) if m.pk != comment.author_id]
    after_commit("comment", comment_id=comment.pk, mentioned_ids=mentioned)


@transaction.atomic
def comment_edit(actor, comment, *, body: str) -> Comment:
    """The author edits their comment; the earlier version stays in its public history."""
    guard_write(actor, kind="edit", text=body)
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied("Only the author can edit a comment.")
    body = text_clean(body, empty_message=_("Please write your comment."))
    mentioned = content_edit(comment, editor=actor, body=body)
    mentioned = [m.pk for m in mentioned if m.pk != actor.pk]
    if mentioned:
        after_commit(
            "mentioned", idea_id=comment.idea_id, member_ids=mentioned, comment_id=comment.pk
        )
    return comment


@transaction.atomic
def comment_delete(actor, comment) -> None:
    """Delete softly: the thread keeps its shape and says who deleted the comment."""
    if not permissions.can_delete_comment(actor, comment):
        raise PermissionDenied("Only the author or a moderator can delete a comment.")
    counted = comment.is_public
    content_soft_delete(comment, by=actor)
    if not comment.is_internal and counted:
        touch(comment.idea, comments=-1)
