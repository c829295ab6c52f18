"""Who may do what with questions and answers: one function per question, for views, templates
and services alike.

Members whose e-mail address is not verified read everything but cannot write or vote. Staff
act as staff (ownership, hand-offs, duplicates) only with an active staff card, so every such
step names a person.
"""

from dataclasses import dataclass

from community import permissions as community
from community.moderation.permissions import can_see


@dataclass(frozen=True)
class ViewerRights:
    """What one reader may do with answers and replies, their standing worked out once.

    Whether the reader is a member, can write, moderates or writes as staff is the same for
    every answer of a page, and costs a few lookups (suspensions, roles, the staff card): a
    question page asks it once (`viewer_rights`) and then, for each answer, only what is the
    answer's own (whether the reader wrote it, whether it stands). The per-answer functions
    below ask the same object, so the rules are written once.
    """

    member_id: int | None
    can_write: bool
    can_moderate: bool
    acts_as_staff: bool

    def is_author(self, content) -> bool:
        return self.member_id is not None and content.author_id == self.member_id

    def is_asker(self, question) -> bool:
        return self.is_author(question)

    def can_answer(self, question) -> bool:
        return self.can_write and question.is_public and not question.is_duplicate

    def can_reply(self, answer) -> bool:
        return self.can_answer(answer.question) and not answer.is_reply and answer.is_public

    def can_edit(self, content) -> bool:
        return self.is_author(content) and self.can_write and not content.is_deleted

    def can_delete_answer(self, answer) -> bool:
        return not answer.is_deleted and (self.is_author(answer) or self.can_moderate)

    def can_vote(self, answer) -> bool:
        return (
            self.can_write
            and not answer.is_reply
            and answer.is_public
            and answer.question.is_public
            and not self.is_author(answer)
        )

    def can_accept(self, answer) -> bool:
        question = answer.question
        if answer.is_reply or not answer.is_public or not question.is_public:
            return False
        if question.is_duplicate:
            return False
        return (self.is_asker(question) and self.can_write) or self.acts_as_staff

    def can_report(self, content) -> bool:
        return self.can_write and not self.is_author(content) and content.is_public


def viewer_rights(user) -> ViewerRights:
    """The reader's standing, for the rules of `ViewerRights`."""
    is_member = community.is_member(user)
    return ViewerRights(
        member_id=user.pk if is_member else None,
        can_write=community.can_write(user),
        can_moderate=community.can_moderate(user),
        acts_as_staff=community.can_write_as_staff(user),
    )


def is_asker(user, question) -> bool:
    return community.is_member(user) and question.author_id == user.pk


def is_author(user, content) -> bool:
    return community.is_member(user) and content.author_id == user.pk


def acts_as_staff(user) -> bool:
    """Staff who can sign what they do with their staff card."""
    return community.can_write_as_staff(user)


def can_ask(user) -> bool:
    return community.can_write(user)


def can_answer(user, question) -> bool:
    """Anyone who can write answers, until the question is deleted or marked a duplicate (its
    answers belong on the other question); held or hidden questions take no answers."""
    return viewer_rights(user).can_answer(question)


def can_reply(user, answer) -> bool:
    """Replies go one level under an answer, never under a reply."""
    return viewer_rights(user).can_reply(answer)


def can_edit(user, content) -> bool:
    """Authors edit their own question, answer or reply while it stands."""
    return viewer_rights(user).can_edit(content)


def others_have_answered(question) -> bool:
    """Someone other than the asker wrote an answer or a reply that is not deleted (published,
    held or hidden): deleting the question would take their writing with it."""
    return (
        question.answers.filter(deleted_at__isnull=True)
        .exclude(author_id=question.author_id)
        .exists()
    )


def can_delete_question(user, question) -> bool:
    """The asker deletes their question only until someone else has answered it: answers
    written for them stay useful to others, so the asker then closes it or asks the moderators
    to remove it (`can_request_removal`). Moderators may delete any question."""
    if question.is_deleted:
        return False
    if community.can_moderate(user):
        return True
    return is_asker(user, question) and not others_have_answered(question)


def can_request_removal(user, question) -> bool:
    """The asker who may no longer delete their question asks the moderators to remove it
    (once: the view says when they already have)."""
    return (
        is_asker(user, question)
        and community.can_write(user)
        and not question.is_deleted
        and not community.can_moderate(user)
        and others_have_answered(question)
    )


def can_delete_answer(user, answer) -> bool:
    return viewer_rights(user).can_delete_answer(answer)


def can_vote(user, answer) -> bool:
    """Upvotes are on answers (not replies), once per member, never on one's own."""
    return viewer_rights(user).can_vote(answer)


def can_vote_question(user, question) -> bool:
    """ "I have this question too", for anyone but the asker."""
    return community.can_write(user) and question.is_public and not is_asker(user, question)


def can_accept(user, answer) -> bool:
    """The asker or staff mark an answer (not a reply) as the solution."""
    return viewer_rights(user).can_accept(answer)


def can_take_ownership(user, question) -> bool:
    """Staff take on a question nobody looks after; a question someone looks after changes
    hands only by a hand-off with a note."""
    return (
        acts_as_staff(user)
        and not question.is_deleted
        and not question.is_duplicate
        and not question.has_active_owner
    )


def can_hand_off(user, question) -> bool:
    """The owner hands the question to a colleague, with a note."""
    return (
        acts_as_staff(user)
        and question.owner_id == user.pk
        and not question.is_deleted
        and not question.is_duplicate
    )


def can_receive_hand_off(member) -> bool:
    """Questions go to people who can answer as staff: an active staff card, and an account."""
    return community.active_staff_card(member) is not None


def can_ask_for_staff(user, question) -> bool:
    """The asker asks for a person while the question is open, no request is pending and no
    member of staff is on it yet: once someone looks after it or staff have answered, a person
    is already there, and the asker's reply brings it back to them."""
    return (
        is_asker(user, question)
        and community.can_write(user)
        and question.is_open
        and not question.is_deleted
        and question.asked_for_staff_at is None
        and not question.has_active_owner
        and question.first_staff_answer_at is None
    )


def can_mark_duplicate(user, question) -> bool:
    return (acts_as_staff(user) or community.can_moderate(user)) and (
        question.is_open and not question.is_deleted
    )


def can_close(user, question) -> bool:
    """Closing is only ever "as answered", and needs at least one answer: a question with no
    answer cannot be closed away."""
    return ((is_asker(user, question) and community.can_write(user)) or acts_as_staff(user)) and (
        question.is_open and not question.is_deleted and question.answer_count > 0
    )


def can_reopen(user, question) -> bool:
    """A question closed as answered opens again for its asker or staff; a duplicate is undone
    by staff."""
    if question.is_deleted:
        return False
    if question.status == "answered":
        return (is_asker(user, question) and community.can_write(user)) or acts_as_staff(user)
    if question.is_duplicate:
        return acts_as_staff(user) or community.can_moderate(user)
    return False


def can_follow(user, question) -> bool:
    """Following is reading with notifications: any signed-in member may."""
    return community.is_member(user) and not question.is_deleted


def can_report(user, content) -> bool:
    return viewer_rights(user).can_report(content)


can_see_inbox = community.can_see_inbox


def can_talk_privately(user, question) -> bool:
    """The asker talks privately with staff about their own question while it stands."""
    return (
        community.can_write(user)
        and question.author_id is not None
        and question.author_id == user.pk
        and not question.is_deleted
    )


def can_see_history(user, content) -> bool:
    """The edit history is public, like the "edited" mark, while the content stands (held or
    hidden content: for its author and moderators)."""
    return not content.is_deleted and can_see(user, content)
