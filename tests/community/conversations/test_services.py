"""What happens when members and staff talk privately: owners, hand-overs, notifications, the
promise clock, the consent to a public summary, and a review handled as a complaint."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from community.conversations import services
from community.conversations.models import Conversation, ConversationEvent, SummaryRequest
from community.models import AuditEntry, ModerationState, Notification, WaitingOn, WrittenAs
from community.questions import services as question_services
from community.questions.models import Answer
from reviews.models import StaffResponse

pytestmark = pytest.mark.django_db


def kinds_for(member):
    return list(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


def test_a_conversation_from_an_unowned_question_waits_in_the_inbox_on_staff(conversation):
    assert conversation.owner is None
    assert conversation.waiting_on == WaitingOn.STAFF
    assert conversation.waiting_since is not None
    assert conversation.messages.get().body_html.count("<strong>A-1234-ZZ</strong>") == 1


def test_the_owner_of_the_question_owns_the_conversation_and_is_told(question, asker, staff):
    question_services.ownership_take(staff, question)
    question.refresh_from_db()
    conversation = services.conversation_open(
        asker, question=question, subject="Order", body="Order A-1."
    )
    assert conversation.owner == staff
    assert conversation.owner_card == staff.staff_card
    assert "conversation_opened" in kinds_for(staff)


def test_the_first_staff_reply_takes_an_unowned_conversation_and_tells_the_member(
    conversation, staff, asker
):
    message = services.message_post(staff, conversation, body="Thank you, I am on it.")
    conversation.refresh_from_db()
    assert conversation.owner == staff
    assert message.written_as == WrittenAs.STAFF
    assert message.author_card == staff.staff_card
    assert conversation.waiting_on == WaitingOn.CUSTOMER
    assert "conversation_staff_message" in kinds_for(asker)
    assert ConversationEvent.objects.filter(
        conversation=conversation, kind=ConversationEvent.Kind.TAKEN, actor=staff
    ).exists()


def test_an_e_mail_names_the_subject_but_never_carries_the_message(
    conversation, staff, asker, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(staff, conversation, body="Your refund code is SECRET-99.")
    sent = [message for message in mail.outbox if asker.email in message.to]
    assert len(sent) == 1
    assert "About: my cracked tank" in sent[0].body
    assert "SECRET-99" not in sent[0].body
    assert "SECRET-99" not in sent[0].alternatives[0][0]


def test_a_staff_reply_in_a_conversation_answers_the_question_waiting_on_staff(
    conversation, question, staff
):
    from community import promises

    promises.start_waiting_on_staff(question)
    question.refresh_from_db()
    assert question.waiting_on == WaitingOn.STAFF
    services.message_post(staff, conversation, body="I have written to you privately.")
    question.refresh_from_db()
    assert question.waiting_on == WaitingOn.CUSTOMER


def test_hand_over_needs_a_colleague_and_a_note_and_tells_both(
    conversation, staff, colleague, asker
):
    services.conversation_take(staff, conversation)
    with pytest.raises(ValidationError) as error:
        services.conversation_hand_over(staff, conversation, to_member=colleague, note=" ")
    assert "note" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.conversation_hand_over(staff, conversation, to_member=asker, note="Over")
    assert "to_member" in error.value.error_dict

    services.conversation_hand_over(
        staff, conversation, to_member=colleague, note="Léa handles refunds."
    )
    conversation.refresh_from_db()
    assert conversation.owner == colleague
    assert "conversation_handed_to_you" in kinds_for(colleague)
    assert "conversation_handed_over" in kinds_for(asker)
    assert AuditEntry.objects.filter(action="conversations.hand_over").count() == 1


def test_only_the_owner_hands_over(conversation, staff, colleague):
    services.conversation_take(staff, conversation)
    with pytest.raises(PermissionDenied):
        services.conversation_hand_over(colleague, conversation, to_member=colleague, note="x")


def test_no_summary_can_be_posted_before_the_member_consents(conversation, staff, question):
    services.message_post(staff, conversation, body="Replacement tank sent.")
    services.conversation_close(staff, conversation)
    request = services.summary_propose(
        staff, conversation, text="We sent a replacement tank: cracked tanks are replaced."
    )
    assert request.status == SummaryRequest.Status.PENDING
    assert not Answer.objects.filter(question=question).exists()
    assert "conversation_summary_requested" in kinds_for(conversation.member)


def test_accepted_summary_is_posted_exactly_as_a_staff_answer_under_the_owners_name(
    conversation, staff, question, asker
):
    services.message_post(staff, conversation, body="Replacement tank sent.")
    services.conversation_close(asker, conversation)
    text = "We sent a replacement tank: cracked tanks are replaced under warranty."
    request = services.summary_propose(staff, conversation, text=text)

    services.summary_decide(asker, request, accept=True)

    answer = Answer.objects.get(question=question)
    assert answer.body == text
    assert answer.author == staff
    assert answer.written_as == WrittenAs.STAFF
    assert answer.author_card == staff.staff_card
    assert "A-1234-ZZ" not in answer.body_html
    request.refresh_from_db()
    assert request.status == SummaryRequest.Status.ACCEPTED
    assert request.posted_answer == answer
    assert "conversation_summary_accepted" in kinds_for(staff)


def test_declined_summary_stays_private(conversation, staff, question, asker):
    services.message_post(staff, conversation, body="Replacement tank sent.")
    services.conversation_close(staff, conversation)
    request = services.summary_propose(staff, conversation, text="A replacement was sent.")

    services.summary_decide(asker, request, accept=False)

    assert not Answer.objects.filter(question=question).exists()
    request.refresh_from_db()
    assert request.status == SummaryRequest.Status.DECLINED
    with pytest.raises(PermissionDenied):
        services.summary_decide(asker, request, accept=True)
    assert not Answer.objects.filter(question=question).exists()
    assert "conversation_summary_declined" in kinds_for(staff)


def test_only_the_member_consents_and_only_the_owner_proposes(
    conversation, staff, colleague, question
):
    services.message_post(staff, conversation, body="Done.")
    services.conversation_close(staff, conversation)
    with pytest.raises(PermissionDenied):
        services.summary_propose(colleague, conversation, text="Not mine to post.")
    request = services.summary_propose(staff, conversation, text="All sorted.")
    for someone in (staff, colleague):
        with pytest.raises(PermissionDenied):
            services.summary_decide(someone, request, accept=True)
    assert not Answer.objects.filter(question=question).exists()


def test_a_new_proposal_replaces_the_pending_one_and_reopening_withdraws_it(
    conversation, staff, asker
):
    services.message_post(staff, conversation, body="Done.")
    services.conversation_close(staff, conversation)
    first = services.summary_propose(staff, conversation, text="First text.")
    second = services.summary_propose(staff, conversation, text="Second text.")
    first.refresh_from_db()
    assert first.status == SummaryRequest.Status.WITHDRAWN
    services.conversation_reopen(asker, conversation)
    second.refresh_from_db()
    assert second.status == SummaryRequest.Status.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.summary_decide(asker, second, accept=True)


def test_summary_needs_the_conversation_to_have_ended(conversation, staff):
    services.conversation_take(staff, conversation)
    with pytest.raises(PermissionDenied):
        services.summary_propose(staff, conversation, text="Too early.")


def test_one_open_conversation_per_member_and_thread(conversation, asker, question):
    with pytest.raises(ValidationError):
        services.conversation_open(asker, question=question, subject="Again", body="Again")
    services.conversation_close(asker, conversation)
    again = services.conversation_open(asker, question=question, subject="Again", body="Again")
    assert again.pk != conversation.pk


def test_a_complaint_opens_a_conversation_and_the_public_response_names_the_staff(review, staff):
    text = services.complaint_response_text(staff, review)
    assert "Amélie Durand" in text and "Rita Reviewer" in text

    conversation = services.complaint_open(
        staff,
        review,
        subject="About your delivery",
        body="Could you send me your order number?",
        response_text=text,
    )

    review.refresh_from_db()
    assert review.is_published
    response = StaffResponse.objects.get(review=review)
    assert response.text == text
    assert response.author == staff and response.author_card == staff.staff_card
    assert conversation.member == review.author
    assert conversation.owner == staff
    assert conversation.origin == Conversation.Origin.COMPLAINT
    assert conversation.waiting_on == WaitingOn.CUSTOMER
    assert conversation.messages.get().written_as == WrittenAs.STAFF
    assert "conversation_opened_by_staff" in kinds_for(review.author)
    assert AuditEntry.objects.filter(action="conversations.complaint").exists()


def test_a_complaint_summary_becomes_the_review_response(review, staff):
    conversation = services.complaint_open(
        staff, review, subject="Delivery", body="Order number?", response_text="On it. — Amélie"
    )
    services.message_post(review.author, conversation, body="It is B-77.")
    services.conversation_close(staff, conversation)
    request = services.summary_propose(staff, conversation, text="Refunded the delivery costs.")
    services.summary_decide(review.author, request, accept=True)
    assert StaffResponse.objects.get(review=review).text == "Refunded the delivery costs."


def test_a_review_under_moderation_cannot_become_a_complaint(review, staff):
    review.moderation_state = ModerationState.HIDDEN
    review.save()
    with pytest.raises(PermissionDenied):
        services.complaint_open(staff, review, subject="x", body="y", response_text="z")


def test_a_member_message_puts_the_clock_back_on_staff(conversation, staff, asker):
    services.message_post(staff, conversation, body="Which colour?")
    services.message_post(asker, conversation, body="Red.")
    conversation.refresh_from_db()
    assert conversation.waiting_on == WaitingOn.STAFF
    assert "conversation_member_message" in kinds_for(staff)


def test_closing_stops_the_clock_and_tells_the_other_side(conversation, staff, asker):
    services.message_post(staff, conversation, body="Sorted?")
    services.conversation_close(asker, conversation)
    conversation.refresh_from_db()
    assert conversation.waiting_on == WaitingOn.NOBODY
    assert "conversation_closed" in kinds_for(staff)


def test_notes_are_signed_audited_and_changed_only_by_their_author(asker, staff, colleague):
    note = services.note_add(staff, asker, text="Prefers e-mail; order A-1 refunded.")
    assert note.author_card == staff.staff_card
    with pytest.raises(PermissionDenied):
        services.note_edit(colleague, note, text="Changed")
    with pytest.raises(PermissionDenied):
        services.note_delete(colleague, note)
    services.note_edit(staff, note, text="Prefers the phone.")
    note.refresh_from_db()
    assert note.text == "Prefers the phone." and note.edited_at is not None
    services.note_delete(staff, note)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "conversations.note_add",
        "conversations.note_edit",
        "conversations.note_delete",
    } <= actions
    with pytest.raises(ValidationError):
        services.note_add(staff, asker, text="   ")
