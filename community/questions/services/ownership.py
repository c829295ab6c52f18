"""A named person stays with a question: taking it on, handing it off with a note, and the
asker asking for a member of staff."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community import follows, promises
from community.names import role_in_each_language
from community.ownership import Ownership
from community.questions import notifications as kinds
from community.questions import permissions
from community.questions.models import Question, QuestionEvent
from community.questions.services.common import (
    locked,
    record_event,
    tell,
    touch,
)

# --- A named person stays with it -----------------------------------------------------------


class QuestionOwnership(Ownership):
    """A question changes hands on its row (as activity) and its timeline; the colleague hears
    unless notifications are muted."""

    taken = QuestionEvent.Kind.TAKEN
    handed_over = QuestionEvent.Kind.HANDED_OFF
    handed_to_you = kinds.HANDED_TO_YOU
    already_yours = _("You already look after this question: choose a colleague.")
    note_required = _("Please write a short note for your colleague and the asker.")
    can_receive = staticmethod(permissions.can_receive_hand_off)

    def save_owner(self, question, now, **fields):
        touch(question, now, **fields)

    def record(self, question, kind, actor, **fields):
        return record_event(question, kind, actor, **fields)

    def tell(self, recipient, kind, question, *, actor, params):
        tell([recipient], kind, question=question, params=params, actor=actor)


OWNERSHIP = QuestionOwnership()


@transaction.atomic
def ownership_take(actor, question) -> Question:
    """A member of staff takes on a question nobody looks after: their card shows on it, they
    follow it, and the asker and followers are told who is looking after it."""
    question = locked(question)
    if not permissions.can_take_ownership(actor, question):
        raise PermissionDenied("Someone already looks after this question.")
    card = OWNERSHIP.take(actor, question)
    follows.follow(actor, question)
    tell(
        [question.author, *follows.followers(question)],
        kinds.OWNER_TAKEN,
        question=question,
        params={"staff_name": card.real_name, "role": role_in_each_language(card)},
        actor=actor,
    )
    return question


@transaction.atomic
def question_hand_off(actor, question, *, to_member, note: str) -> Question:
    """The owner hands the question to a colleague with an active staff card, with a note that
    the thread shows with both names. The colleague is told, and so are the asker and
    followers: nobody is bounced without knowing to whom, and why."""
    question = locked(question)
    if not permissions.can_hand_off(actor, question):
        raise PermissionDenied("Only the owner of a question can hand it off.")
    handed = OWNERSHIP.hand_over(actor, question, to_member=to_member, note=note)
    follows.follow(to_member, question)
    tell(
        [question.author, *follows.followers(question)],
        kinds.HANDED_OFF,
        question=question,
        params={
            "from_name": handed.from_name,
            "to_name": handed.to_card.real_name,
            "role": role_in_each_language(handed.to_card),
            "note": handed.note,
        },
        actor=actor,
        skip=[to_member],
    )
    return question


@transaction.atomic
def staff_request(actor, question) -> None:
    """The asker asks for a person while nobody from the team is on the question: it goes to
    the staff inbox, asked for."""
    question = locked(question)
    if not permissions.can_ask_for_staff(actor, question):
        raise PermissionDenied(
            "Only the asker asks for a member of staff, once, before staff are on the question."
        )
    now = timezone.now()
    touch(question, now, asked_for_staff_at=now)
    record_event(question, QuestionEvent.Kind.STAFF_REQUESTED, actor)
    promises.start_waiting_on_staff(question, since=now)
