"""Every write about private conversations and staff notes: in a transaction, with its
permission check.

A conversation's clock is the promises' clock (`community.promises`): a member's message starts
(or keeps) the wait on staff, a staff message answers it and hands the next move to the member;
a staff reply in a conversation linked to a question answers the question's wait too.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import audit, names, promises
from community import permissions as community_permissions
from community.content_kinds import registry
from community.conversations import notifications as kinds
from community.conversations import permissions
from community.conversations.models import (
    CONVERSATION_MESSAGE_MAX_LENGTH,
    CONVERSATION_SUBJECT_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    Conversation,
    ConversationEvent,
    ConversationMessage,
    ConversationStatus,
    MemberNote,
    MemberNoteRevision,
    SummaryRequest,
)
from community.notifications import notify
from community.ownership import Ownership
from community.protections.suspensions import refuse_if_suspended
from community.services import authorship_for
from community.writing import body_set, text_clean

audit.register_action(
    "conversations.complaint", gettext_lazy("Turned a review into a conversation")
)
audit.register_action("conversations.hand_over", gettext_lazy("Handed over a private conversation"))
audit.register_action("conversations.summary_posted", gettext_lazy("Posted an agreed summary"))
audit.register_action("conversations.note_add", gettext_lazy("Wrote a staff note about a member"))
audit.register_action("conversations.note_edit", gettext_lazy("Edited a staff note about a member"))
audit.register_action(
    "conversations.note_delete", gettext_lazy("Deleted a staff note about a member")
)


# --- Helpers --------------------------------------------------------------------------------


def _locked(conversation) -> Conversation:
    return Conversation.objects.select_for_update().get(pk=conversation.pk)


def _fresh(conversation) -> Conversation:
    return Conversation.objects.select_related(
        "member", "owner", "owner_card", "question", "review"
    ).get(pk=conversation.pk)


def url_for(recipient, conversation, anchor="") -> str:
    """The conversation's address in the recipient's language."""
    with translation.override(recipient.preferred_language):
        url = conversation.get_absolute_url()
    return f"{url}#{anchor}" if anchor else url


def _tell(recipient, kind, conversation, *, actor, anchor="", **params):
    if recipient is None:
        return None
    return notify(
        recipient,
        kind.key,
        params={"subject": conversation.subject, **params},
        url=url_for(recipient, conversation, anchor),
        actor=actor,
    )


def _record(conversation, kind, actor, **fields) -> ConversationEvent:
    return ConversationEvent.objects.create(
        conversation=conversation,
        kind=kind,
        actor=actor,
        actor_card=community_permissions.active_staff_card(actor) if actor else None,
        **fields,
    )


def _clean_subject(subject: str) -> str:
    subject = " ".join((subject or "").split())
    if not subject:
        raise ValidationError({"subject": _("Please give the conversation a subject.")})
    if len(subject) > CONVERSATION_SUBJECT_MAX_LENGTH:
        raise ValidationError(
            {
                "subject": _("Please keep the subject to %(count)s characters or fewer.")
                % {"count": CONVERSATION_SUBJECT_MAX_LENGTH}
            }
        )
    return subject


def _clean_body(body: str) -> str:
    return text_clean(
        body,
        field="body",
        max_length=CONVERSATION_MESSAGE_MAX_LENGTH,
        empty_message=_("Please write your message."),
    )


def _set_owner(conversation, member, now) -> None:
    card = community_permissions.active_staff_card(member)
    conversation.owner = member
    conversation.owner_card = card
    conversation.owned_since = now


def _add_message(conversation, author, body, *, as_staff: bool, now) -> ConversationMessage:
    message = ConversationMessage(
        conversation=conversation, **authorship_for(author, as_staff=as_staff)
    )
    body_set(message, body)
    message.save()
    conversation.last_message_at = now
    conversation.message_count += 1
    return message


def _save(conversation, *fields) -> None:
    conversation.save(update_fields=list(fields))


def _writes_as_staff(actor, conversation) -> bool:
    """The member of the conversation writes as themselves, even when they are staff."""
    return not permissions.is_conversation_member(actor, conversation)


def existing_open(member, *, question=None, review=None):
    """The member's open conversation about this thread, if any: one at a time per thread."""
    found = Conversation.objects.filter(member=member, status=ConversationStatus.OPEN)
    if question is not None:
        return found.filter(question=question).first()
    return found.filter(review=review).first()


def thread_owner(thread):
    """The named person already looking after the thread (`ContentKind.looked_after_by`): the
    question's owner, or the member of staff whose response the review carries. (None, None)
    when nobody does."""
    kind = registry.of_model(type(thread))
    if kind is None or kind.looked_after_by is None:
        return None, None
    return kind.looked_after_by(thread)


def _staff_reply(actor, thread, text: str):
    """Post `text` in public under the thread, signed by `actor` as staff
    (`ContentKind.staff_reply`): an answer on a question, the staff response on a review."""
    return registry.of_model(type(thread)).staff_reply(actor, thread, text)


# --- Opening --------------------------------------------------------------------------------


@transaction.atomic
def conversation_open(member, *, question=None, review=None, subject: str, body: str):
    """The member opens a private conversation with staff from their own question or review.

    It is owned by whoever already looks after the thread, or waits unowned in the inbox until
    the first member of staff replies or takes it. The owner is told; the clock of the promise
    starts.
    """
    if (question is None) == (review is None):
        raise ValueError("A conversation starts from one question or one review.")
    refuse_if_suspended(member)
    if not permissions.can_open_from(member, question or review):
        raise PermissionDenied("Only the author of a question or review can open one from it.")
    subject = _clean_subject(subject)
    body = _clean_body(body)
    if existing_open(member, question=question, review=review) is not None:
        raise ValidationError(
            _("You already have an open private conversation about this: please write there."),
            code="already_open",
        )
    now = timezone.now()
    conversation = Conversation(
        member=member, subject=subject, question=question, review=review, last_message_at=now
    )
    owner, card = thread_owner(question or review)
    if owner is not None and owner.pk != member.pk:
        conversation.owner, conversation.owner_card, conversation.owned_since = owner, card, now
    conversation.save()
    _add_message(conversation, member, body, as_staff=False, now=now)
    _save(conversation, "last_message_at", "message_count")
    _record(conversation, ConversationEvent.Kind.OPENED, member)
    promises.start_waiting_on_staff(conversation, since=now)
    if conversation.owner is not None:
        _tell(
            conversation.owner,
            kinds.MEMBER_OPENED,
            conversation,
            actor=member,
            name=member.display_name,
        )
    return conversation


def complaint_response_text(actor, review) -> str:
    """The public response a complaint's review gets, prefilled for staff to edit."""
    card = community_permissions.active_staff_card(actor)
    name = review.author.display_name if review.author else ""
    with translation.override(review.language):
        return _(
            "Thank you for telling us, %(name)s, and I am sorry about this. I have written to you "
            "privately to sort it out with you, and I will stay on it until it is put right. "
            "— %(staff)s"
        ) % {"name": name, "staff": card.real_name if card else ""}


@transaction.atomic
def complaint_open(actor, review, *, subject: str, body: str, response_text: str):
    """Staff turn a review that is really a complaint into a private conversation with the
    reviewer. The review stays published; its public staff response says, under the staff
    member's name, that they are on it; the reviewer is told."""
    if not permissions.can_open_complaint(actor, review):
        raise PermissionDenied("Only staff with an active card can do this, on a published review.")
    subject = _clean_subject(subject)
    body = _clean_body(body)
    response_text = text_clean(
        response_text,
        field="response_text",
        max_length=3000,
        empty_message=_("Please write the public response that says you are on it."),
    )
    if existing_open(review.author, review=review) is not None:
        raise ValidationError(
            _("The reviewer already has an open private conversation about this review."),
            code="already_open",
        )
    now = timezone.now()
    conversation = Conversation(
        member=review.author,
        subject=subject,
        review=review,
        origin=Conversation.Origin.COMPLAINT,
        last_message_at=now,
    )
    _set_owner(conversation, actor, now)
    conversation.save()
    _add_message(conversation, actor, body, as_staff=True, now=now)
    _save(conversation, "last_message_at", "message_count")
    _record(conversation, ConversationEvent.Kind.OPENED, actor)
    _staff_reply(actor, review, response_text)
    promises.start_waiting_on_customer(conversation, since=now)
    card = community_permissions.active_staff_card(actor)
    _tell(
        review.author,
        kinds.STAFF_OPENED,
        conversation,
        actor=actor,
        name=card.real_name,
        role=names.role_in_each_language(card),
    )
    audit.audit(actor, "conversations.complaint", review, subject=review.author)
    return conversation


# --- Messages -------------------------------------------------------------------------------


@transaction.atomic
def message_post(actor, conversation, *, body: str) -> ConversationMessage:
    """A message from the member or from staff. A staff message from someone when nobody looks
    after the conversation makes them its owner; the other side is told."""
    conversation = _locked(conversation)
    refuse_if_suspended(actor)
    conversation = _fresh(conversation)
    if not permissions.can_reply(actor, conversation):
        raise PermissionDenied("You cannot write in this conversation.")
    body = _clean_body(body)
    now = timezone.now()
    from_staff = _writes_as_staff(actor, conversation)
    took = False
    if from_staff and not conversation.has_active_owner:
        _set_owner(conversation, actor, now)
        took = True
    message = _add_message(conversation, actor, body, as_staff=from_staff, now=now)
    _save(
        conversation,
        "last_message_at",
        "message_count",
        "owner",
        "owner_card",
        "owned_since",
    )
    if took:
        _record(conversation, ConversationEvent.Kind.TAKEN, actor)
    if from_staff:
        promises.staff_responded(conversation, at=now)
        question = conversation.question
        if question is not None and question.is_waiting_on_staff:
            promises.staff_responded(question, at=now)
        _tell(
            conversation.member,
            kinds.STAFF_MESSAGE,
            conversation,
            actor=actor,
            anchor=f"message-{message.pk}",
            name=names.acting_name(actor),
            role=names.acting_signature(actor)[1],
        )
    else:
        if not conversation.is_waiting_on_staff:
            promises.start_waiting_on_staff(conversation, since=now)
        if conversation.has_active_owner:
            _tell(
                conversation.owner,
                kinds.MEMBER_MESSAGE,
                conversation,
                actor=actor,
                anchor=f"message-{message.pk}",
                name=actor.display_name,
            )
    return message


# --- A named person stays with it -----------------------------------------------------------


class ConversationOwnership(Ownership):
    """A conversation changes hands on its row and its timeline; it never goes to its member."""

    taken = ConversationEvent.Kind.TAKEN
    handed_over = ConversationEvent.Kind.HANDED_OVER
    handed_to_you = kinds.HANDED_TO_YOU
    already_yours = gettext_lazy("You already look after this conversation: choose a colleague.")
    note_required = gettext_lazy("Please write a short note for your colleague and the member.")
    can_receive = staticmethod(permissions.can_receive_hand_over)

    def refuse_colleague(self, conversation, to_member):
        if to_member.pk == conversation.member_id:
            return _("Please choose a colleague other than the member.")
        return ""

    def save_owner(self, conversation, now, **fields):
        for name, value in fields.items():
            setattr(conversation, name, value)
        _save(conversation, *fields)

    def record(self, conversation, kind, actor, **fields):
        return _record(conversation, kind, actor, **fields)

    def tell(self, recipient, kind, conversation, *, actor, params):
        _tell(recipient, kind, conversation, actor=actor, **params)


OWNERSHIP = ConversationOwnership()


@transaction.atomic
def conversation_take(actor, conversation) -> Conversation:
    conversation = _fresh(_locked(conversation))
    if not permissions.can_take(actor, conversation):
        raise PermissionDenied("Someone already looks after this conversation.")
    card = OWNERSHIP.take(actor, conversation)
    _tell(
        conversation.member,
        kinds.TAKEN,
        conversation,
        actor=actor,
        name=card.real_name,
        role=names.role_in_each_language(card),
    )
    return conversation


@transaction.atomic
def conversation_hand_over(actor, conversation, *, to_member, note: str) -> Conversation:
    """The owner hands the conversation to a colleague with a note; the colleague and the member
    are told who looks after it now, and why."""
    conversation = _fresh(_locked(conversation))
    if not permissions.can_hand_over(actor, conversation):
        raise PermissionDenied("Only the owner of a conversation can hand it over.")
    handed = OWNERSHIP.hand_over(actor, conversation, to_member=to_member, note=note)
    _tell(
        conversation.member,
        kinds.HANDED_OVER,
        conversation,
        actor=actor,
        to_name=handed.to_card.real_name,
        role=names.role_in_each_language(handed.to_card),
    )
    audit.audit(
        actor, "conversations.hand_over", conversation, subject=conversation.member, to=to_member
    )
    return conversation


@transaction.atomic
def conversation_close(actor, conversation) -> Conversation:
    """The member or staff end the conversation; the other side is told, the clock stops."""
    conversation = _fresh(_locked(conversation))
    if not permissions.can_close(actor, conversation):
        raise PermissionDenied("You cannot close this conversation.")
    now = timezone.now()
    conversation.status = ConversationStatus.CLOSED
    conversation.closed_at = now
    conversation.closed_by = actor
    _save(conversation, "status", "closed_at", "closed_by")
    _record(conversation, ConversationEvent.Kind.CLOSED, actor)
    promises.stop_waiting(conversation)
    other = (
        conversation.owner
        if permissions.is_conversation_member(actor, conversation)
        else (conversation.member)
    )
    _tell(other, kinds.CLOSED, conversation, actor=actor, name=names.acting_name(actor))
    return conversation


@transaction.atomic
def conversation_reopen(actor, conversation) -> Conversation:
    """Opened again by the member (who then waits on staff) or by staff (the member is told). A
    summary still waiting for the member's answer is withdrawn: the story is not over."""
    conversation = _fresh(_locked(conversation))
    if not permissions.can_reopen(actor, conversation):
        raise PermissionDenied("You cannot reopen this conversation.")
    now = timezone.now()
    conversation.status = ConversationStatus.OPEN
    conversation.closed_at = None
    conversation.closed_by = None
    _save(conversation, "status", "closed_at", "closed_by")
    SummaryRequest.objects.filter(
        conversation=conversation, status=SummaryRequest.Status.PENDING
    ).update(status=SummaryRequest.Status.WITHDRAWN, decided_at=now)
    _record(conversation, ConversationEvent.Kind.REOPENED, actor)
    if permissions.is_conversation_member(actor, conversation):
        promises.start_waiting_on_staff(conversation, since=now)
        _tell(
            conversation.owner,
            kinds.REOPENED,
            conversation,
            actor=actor,
            name=names.acting_name(actor),
        )
    else:
        promises.start_waiting_on_customer(conversation, since=now)
        _tell(
            conversation.member,
            kinds.REOPENED,
            conversation,
            actor=actor,
            name=names.acting_name(actor),
        )
    return conversation


# --- A public summary, with the member's consent --------------------------------------------


@transaction.atomic
def summary_propose(actor, conversation, *, text: str) -> SummaryRequest:
    """The owner asks the member whether this exact text may be posted on the thread. Nothing is
    posted now; an earlier request still waiting is replaced by this one."""
    conversation = _fresh(_locked(conversation))
    if not permissions.can_propose_summary(actor, conversation):
        raise PermissionDenied("Only the owner asks to post a summary, once it has ended.")
    text = text_clean(
        text,
        field="text",
        max_length=SUMMARY_MAX_LENGTH,
        empty_message=_("Please write the summary you would like to post."),
    )
    now = timezone.now()
    SummaryRequest.objects.filter(
        conversation=conversation, status=SummaryRequest.Status.PENDING
    ).update(status=SummaryRequest.Status.WITHDRAWN, decided_at=now)
    request = SummaryRequest.objects.create(
        conversation=conversation,
        author=actor,
        author_card=community_permissions.active_staff_card(actor),
        text=text,
    )
    _record(conversation, ConversationEvent.Kind.SUMMARY_PROPOSED, actor)
    _tell(
        conversation.member,
        kinds.SUMMARY_REQUESTED,
        conversation,
        actor=actor,
        anchor="summary",
        name=names.acting_name(actor),
    )
    return request


def _post_summary(request, conversation):
    """Post the agreed text, unchanged, under the owner's name; raise ValidationError when the
    thread no longer takes it."""
    owner = request.author
    if owner is None or community_permissions.active_staff_card(owner) is None:
        raise ValidationError(
            _(
                "The member of staff who wrote this summary can no longer post it. It stays "
                "private."
            ),
            code="owner_gone",
        )
    if not permissions.thread_takes_summary(conversation):
        raise ValidationError(
            _("The thread no longer takes a summary. It stays private."), code="thread_closed"
        )
    posted_as = "posted_answer" if conversation.question_id is not None else "posted_response"
    try:
        setattr(request, posted_as, _staff_reply(owner, conversation.thread, request.text))
    except PermissionDenied as error:
        raise ValidationError(
            _("The summary could not be posted on the thread. It stays private."),
            code="not_posted",
        ) from error


@transaction.atomic
def summary_decide(actor, request, *, accept: bool) -> SummaryRequest:
    """The member agrees to the exact text (it is posted, unchanged, under the owner's name) or
    declines (nothing is posted; the conversation stays private). The owner is told."""
    request = SummaryRequest.objects.select_for_update().get(pk=request.pk)
    conversation = _fresh(request.conversation)
    request.conversation = conversation
    if not permissions.can_decide_summary(actor, request):
        raise PermissionDenied("Only the member answers this request, once.")
    now = timezone.now()
    if accept:
        _post_summary(request, conversation)
        request.status = SummaryRequest.Status.ACCEPTED
    else:
        request.status = SummaryRequest.Status.DECLINED
    request.decided_at = now
    request.save(update_fields=["status", "decided_at", "posted_answer", "posted_response"])
    _record(
        conversation,
        ConversationEvent.Kind.SUMMARY_ACCEPTED
        if accept
        else ConversationEvent.Kind.SUMMARY_DECLINED,
        actor,
    )
    if accept:
        audit.audit(
            request.author,
            "conversations.summary_posted",
            request.posted_answer or request.posted_response,
            subject=conversation.member,
            conversation=conversation.pk,
        )
    _tell(
        request.author,
        kinds.SUMMARY_ACCEPTED if accept else kinds.SUMMARY_DECLINED,
        conversation,
        actor=actor,
        anchor="summary",
        name=actor.display_name,
    )
    return request


# --- Staff notes on a member ----------------------------------------------------------------


def _clean_note(text: str) -> str:
    return text_clean(
        text, field="text", max_length=NOTE_MAX_LENGTH, empty_message=_("Please write the note.")
    )


@transaction.atomic
def note_add(actor, member, *, text: str) -> MemberNote:
    """A private note about a member, signed with the writer's staff card and audited."""
    if not permissions.can_add_note(actor):
        raise PermissionDenied("Only staff with an active staff card write notes.")
    note = MemberNote.objects.create(
        member=member,
        author=actor,
        author_card=community_permissions.active_staff_card(actor),
        text=_clean_note(text),
    )
    audit.audit(actor, "conversations.note_add", note, subject=member)
    return note


@transaction.atomic
def note_edit(actor, note, *, text: str) -> MemberNote:
    """The author (or a site admin) rewrites a note; the text it replaces is kept as an earlier
    version with who replaced it and when. Saving the same text again changes nothing."""
    if not permissions.can_change_note(actor, note):
        raise PermissionDenied("Only the note's author or a site admin edits a staff note.")
    text = _clean_note(text)
    note = MemberNote.objects.select_for_update().select_related("member").get(pk=note.pk)
    previous = note.text
    if text == previous:
        return note
    now = timezone.now()
    MemberNoteRevision.objects.create(
        note=note,
        text=previous,
        edited_by=actor,
        edited_by_card=community_permissions.active_staff_card(actor),
        edited_at=now,
    )
    note.text = text
    note.edited_at = now
    note.save(update_fields=["text", "edited_at"])
    audit.audit(
        actor, "conversations.note_edit", note, subject=note.member, length_before=len(previous)
    )
    return note


@transaction.atomic
def note_delete(actor, note) -> None:
    """The author (or a site admin) deletes a note, its earlier versions with it."""
    if not permissions.can_change_note(actor, note):
        raise PermissionDenied("Only the note's author or a site admin deletes a staff note.")
    member = note.member
    audit.audit(actor, "conversations.note_delete", note, subject=member)
    note.delete()
