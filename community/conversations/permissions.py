"""Who may do what with private conversations and the member page for staff: one function per
question, for views, templates and services alike.

A conversation is seen by its member and by staff, nobody else: not other members, not
moderators or the product team unless they are staff too. Staff act in it (reply, take, hand
over, close, ask for a summary) only with an active staff card, so that every step names a
person. Members write in their own conversations while they can write anywhere (verified, not
suspended); agreeing to a summary or declining it is theirs whatever their standing.
"""

from community import permissions as community
from community.content_kinds import registry


def is_conversation_member(user, conversation) -> bool:
    return community.is_member(user) and conversation.member_id == user.pk


def acts_as_staff(user) -> bool:
    return community.can_write_as_staff(user)


def can_see(user, conversation) -> bool:
    """Only the member and staff; everyone else gets a 404, as if it did not exist."""
    return is_conversation_member(user, conversation) or community.is_staff_member(user)


def can_open_from(user, thread) -> bool:
    """The author opens a private conversation from their own thread (a question while it
    stands, a review), as its kind says (`ContentKind.private_talk`)."""
    kind = registry.of_model(type(thread)) if thread is not None else None
    talk = kind.private_talk if kind is not None else None
    return talk is not None and talk.can_start(user, thread)


def can_open_complaint(user, review) -> bool:
    """Staff turn a published review into a private conversation with its reviewer."""
    return (
        acts_as_staff(user)
        and review.is_published
        and review.author_id is not None
        and review.author_id != user.pk
        and review.author.is_active
    )


def can_reply(user, conversation) -> bool:
    if not conversation.is_open:
        return False
    if is_conversation_member(user, conversation):
        return community.can_write(user)
    return acts_as_staff(user)


def can_take(user, conversation) -> bool:
    """Staff take on a conversation nobody looks after; one that has an owner changes hands by a
    hand-over with a note."""
    return acts_as_staff(user) and not conversation.has_active_owner


def can_hand_over(user, conversation) -> bool:
    return acts_as_staff(user) and conversation.owner_id == user.pk


def can_receive_hand_over(member) -> bool:
    return community.active_staff_card(member) is not None


def can_close(user, conversation) -> bool:
    if not conversation.is_open:
        return False
    if is_conversation_member(user, conversation):
        return community.can_write(user)
    return acts_as_staff(user)


def can_reopen(user, conversation) -> bool:
    if not conversation.is_closed:
        return False
    if is_conversation_member(user, conversation):
        return community.can_write(user)
    return acts_as_staff(user)


def thread_takes_summary(conversation) -> bool:
    """The linked thread can still carry a summary: a question that takes answers, or a
    published review."""
    if conversation.question_id is not None:
        question = conversation.question
        return question.is_public and not question.is_duplicate
    if conversation.review_id is not None:
        return conversation.review.is_published and conversation.review.author_id != (
            conversation.owner_id
        )
    return False


def can_propose_summary(user, conversation) -> bool:
    """The owner asks to post a public summary once the conversation has ended."""
    return (
        acts_as_staff(user)
        and conversation.owner_id == user.pk
        and conversation.is_closed
        and thread_takes_summary(conversation)
    )


def can_decide_summary(user, request) -> bool:
    """Only the member answers "may we post this summary?", and only once."""
    return request.is_pending and is_conversation_member(user, request.conversation)


# --- The member page for staff --------------------------------------------------------------


def can_see_member_file(user) -> bool:
    return community.is_staff_member(user)


def can_add_note(user) -> bool:
    """Notes are signed with a staff card, like everything staff write."""
    return acts_as_staff(user)


def can_change_note(user, note) -> bool:
    """A note is its author's to edit or delete while they are staff, and a site admin's (a note
    whose author has left, or one that must not stay); never a colleague's. Every edit keeps the
    earlier text (`MemberNoteRevision`)."""
    if community.is_site_admin(user):
        return True
    return (
        community.is_staff_member(user) and note.author_id is not None and note.author_id == user.pk
    )


def can_reach_notes(user) -> bool:
    """Who may open a note's own pages at all: staff, and site admins who set notes right."""
    return can_see_member_file(user) or community.is_site_admin(user)
