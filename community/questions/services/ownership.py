"""A named person stays with a question: taking it on, handing it off with a note, and the
asker asking for a member of staff."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import follows, promises
from community import permissions as community_permissions
from community.names import acting_name
from community.questions import notifications as kinds
from community.questions import permissions
from community.questions.models import (
    HAND_OFF_NOTE_MAX_LENGTH,
    Question,
    QuestionEvent,
)
from community.questions.services.common import (
    locked,
    record_event,
    tell,
    touch,
)

# --- A named person stays with it -----------------------------------------------------------


@transaction.atomic
def ownership_take(actor, question) -> Question:
    """A member of staff takes on a question nobody looks after: their card shows on it, they
    follow it, and the asker and followers are told who is looking after it."""
    question = locked(question)
    if not permissions.can_take_ownership(actor, question):
        raise PermissionDenied("Someone already looks after this question.")
    card = community_permissions.active_staff_card(actor)
    now = timezone.now()
    touch(question, now, owner=actor, owner_card=card, owned_since=now)
    record_event(question, QuestionEvent.Kind.TAKEN, actor)
    follows.follow(actor, question)
    tell(
        [question.author, *follows.followers(question)],
        kinds.OWNER_TAKEN,
        question=question,
        params={"staff_name": card.real_name, "role": card.role_title},
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
    note = (note or "").strip()
    errors = {}
    if to_member is None or not permissions.can_receive_hand_off(to_member):
        errors["to_member"] = _("Please choose a member of staff with an active staff card.")
    elif to_member.pk == actor.pk:
        errors["to_member"] = _("You already look after this question: choose a colleague.")
    if not note:
        errors["note"] = _("Please write a short note for your colleague and the asker.")
    elif len(note) > HAND_OFF_NOTE_MAX_LENGTH:
        errors["note"] = _("Please keep the note to %(count)s characters or fewer.") % {
            "count": HAND_OFF_NOTE_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    to_card = community_permissions.active_staff_card(to_member)
    now = timezone.now()
    touch(question, now, owner=to_member, owner_card=to_card, owned_since=now)
    record_event(
        question,
        QuestionEvent.Kind.HANDED_OFF,
        actor,
        to_member=to_member,
        to_card=to_card,
        note=note,
    )
    follows.follow(to_member, question)
    from_name = acting_name(actor)
    tell(
        [to_member],
        kinds.HANDED_TO_YOU,
        question=question,
        params={"from_name": from_name, "note": note},
        actor=actor,
    )
    tell(
        [question.author, *follows.followers(question)],
        kinds.HANDED_OFF,
        question=question,
        params={
            "from_name": from_name,
            "to_name": to_card.real_name,
            "role": to_card.role_title,
            "note": note,
        },
        actor=actor,
        skip=[to_member],
    )
    return question


@transaction.atomic
def staff_request(actor, question) -> None:
    """The asker asks for a person: the question goes to the staff inbox, and its owner, if it
    has one, is told."""
    question = locked(question)
    if not permissions.can_ask_for_staff(actor, question):
        raise PermissionDenied("Only the asker can ask for a member of staff, once at a time.")
    now = timezone.now()
    touch(question, now, asked_for_staff_at=now)
    record_event(question, QuestionEvent.Kind.STAFF_REQUESTED, actor)
    promises.start_waiting_on_staff(question, since=now)
    question = Question.objects.select_related("owner", "owner_card").get(pk=question.pk)
    if question.has_active_owner:
        tell(
            [question.owner],
            kinds.STAFF_REQUESTED,
            question=question,
            params={"name": actor.display_name},
            actor=actor,
        )
