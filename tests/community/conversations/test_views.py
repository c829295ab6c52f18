"""What members and staff see and do through the pages: opening with a prefilled subject,
replying, a review handled as a complaint from the review, the staff links to the member page,
and bad input that is refused with a clear message while nothing typed is lost."""

import pytest

from community.conversations import services
from community.conversations.models import (
    Conversation,
    ConversationMessage,
    MemberNote,
    SummaryRequest,
)
from reviews.models import StaffResponse
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


def test_the_start_page_prefills_the_subject_from_the_question(client, asker, question, elements):
    client.force_login(asker)
    response = client.get(f"/conversations/start/question/{question.pk}/")
    assert response.status_code == 200
    [(subject, _text)] = elements(text_of(response), "input", name="subject")
    assert subject["value"] == f"About: {question.title}"


def test_an_open_conversation_is_reused_instead_of_a_second_one(client, asker, conversation):
    client.force_login(asker)
    response = client.get(f"/conversations/start/question/{conversation.question_id}/")
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()


def test_an_empty_message_is_refused_and_the_subject_is_kept(client, asker, question, elements):
    client.force_login(asker)
    response = client.post(
        f"/conversations/start/question/{question.pk}/",
        {"subject": "My own subject", "body": "   "},
    )
    assert response.status_code == 200
    html = text_of(response)
    assert "Please write your message." in html
    [(subject, _text)] = elements(html, "input", name="subject")
    assert subject["value"] == "My own subject"
    assert not Conversation.objects.exists()


def test_a_too_long_subject_is_refused_and_the_message_is_kept(client, asker, question):
    client.force_login(asker)
    response = client.post(
        f"/conversations/start/question/{question.pk}/",
        {"subject": "x" * 151, "body": "My order is A-99."},
    )
    html = text_of(response)
    assert "Please keep it to 150 characters or fewer" in html
    assert "My order is A-99." in html
    assert not Conversation.objects.exists()


def test_a_reply_with_errors_keeps_what_was_typed(client, asker, conversation):
    client.force_login(asker)
    long_text = "y" * 10_001
    response = client.post(f"/conversations/{conversation.pk}/reply/", {"body": long_text})
    assert response.status_code == 400
    assert long_text in text_of(response)
    assert ConversationMessage.objects.filter(conversation=conversation).count() == 1


def test_a_reply_is_shown_rendered_and_sanitised(client, asker, conversation):
    client.force_login(asker)
    response = client.post(
        f"/conversations/{conversation.pk}/reply/",
        {"body": "See <script>alert(1)</script> [this](javascript:alert(1)) **now**"},
    )
    assert response.status_code == 302
    html = text_of(client.get(conversation.get_absolute_url()))
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript:' not in html
    assert "<strong>now</strong>" in html


def test_hand_over_without_a_colleague_or_note_is_refused(client, staff, conversation):
    services.conversation_take(staff, conversation)
    client.force_login(staff)
    response = client.post(f"/conversations/{conversation.pk}/hand-over/", {"note": "Over"})
    assert response.status_code == 200
    assert "Please choose a member of staff with an active staff card." in text_of(response)
    assert "Over" in text_of(response)
    conversation.refresh_from_db()
    assert conversation.owner == staff


def test_an_empty_summary_is_refused(client, staff, conversation):
    services.message_post(staff, conversation, body="Sorted.")
    services.conversation_close(staff, conversation)
    client.force_login(staff)
    response = client.post(f"/conversations/{conversation.pk}/summary/", {"text": " "})
    assert response.status_code == 200
    assert "Please write the summary you would like to post." in text_of(response)
    assert not SummaryRequest.objects.exists()


def test_consent_needs_a_clear_answer(client, staff, asker, conversation):
    services.message_post(staff, conversation, body="Sorted.")
    services.conversation_close(staff, conversation)
    request = services.summary_propose(staff, conversation, text="All sorted.")
    client.force_login(asker)
    response = client.post(f"/conversations/summaries/{request.pk}/consent/", {"decision": "yes"})
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.is_pending


def test_the_member_sees_the_exact_text_before_agreeing(client, staff, asker, conversation):
    services.message_post(staff, conversation, body="Sorted.")
    services.conversation_close(staff, conversation)
    services.summary_propose(staff, conversation, text="A new tank was sent for free.")
    client.force_login(asker)
    html = text_of(client.get(conversation.get_absolute_url()))
    assert "may we post this summary on the public thread?" in html
    assert "A new tank was sent for free." in html
    assert "Yes, post this summary" in html and "No, keep it private" in html


def test_a_too_long_note_is_refused_and_kept(client, staff, asker):
    client.force_login(staff)
    text = "z" * 3001
    response = client.post(f"/staff/members/{asker.handle}/notes/add/", {"text": text})
    assert response.status_code == 400
    assert text in text_of(response)
    assert not MemberNote.objects.exists()


def test_staff_turn_a_review_into_a_complaint_from_the_product_page(
    client, staff, review, elements
):
    client.force_login(staff)
    product_html = text_of(client.get(review.product.url))
    assert f'href="/conversations/complaint/{review.pk}/"' in product_html

    form = client.get(f"/conversations/complaint/{review.pk}/")
    assert form.status_code == 200
    [(_attrs, prefilled)] = elements(text_of(form), "textarea", name="response_text")
    assert "Rita Reviewer" in prefilled and "Amélie Durand" in prefilled

    response = client.post(
        f"/conversations/complaint/{review.pk}/",
        {
            "subject": "About your delivery",
            "body": "Could you send me your order number?",
            "response_text": "I am on it: I have written to you privately. — Amélie",
        },
    )
    conversation = Conversation.objects.get(review=review)
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()
    assert StaffResponse.objects.get(review=review).text.startswith("I am on it")

    # The public sees the response under Amélie's name and nothing of the conversation.
    client.logout()
    public = text_of(client.get(review.product.url))
    assert "I am on it: I have written to you privately." in public
    assert "Could you send me your order number?" not in public
    assert "/conversations/" not in public

    # The reviewer sees that it exists, with the link.
    client.force_login(review.author)
    own = text_of(client.get(review.product.url))
    assert f'href="{conversation.get_absolute_url()}"' in own


def test_a_complaint_with_an_empty_response_is_refused_and_kept(client, staff, review):
    client.force_login(staff)
    response = client.post(
        f"/conversations/complaint/{review.pk}/",
        {"subject": "About your delivery", "body": "Order number?", "response_text": ""},
    )
    assert response.status_code == 200
    html = text_of(response)
    assert "Please write the public response that says you are on it." in html
    assert "Order number?" in html
    assert not Conversation.objects.exists()
    assert not StaffResponse.objects.exists()


def test_the_reviewer_can_talk_privately_from_their_review(client, review):
    client.force_login(review.author)
    html = text_of(client.get(review.product.url))
    assert f'href="/conversations/start/review/{review.pk}/"' in html
    client.force_login(MemberFactory())
    assert f"/conversations/start/review/{review.pk}/" not in text_of(
        client.get(review.product.url)
    )


def test_staff_reach_the_member_page_from_bylines_and_the_profile(client, staff, asker, question):
    member_file = f'href="/staff/members/{asker.handle}/"'
    client.force_login(staff)
    assert member_file in text_of(client.get(question.get_absolute_url()))
    assert member_file in text_of(client.get(asker.get_absolute_url()))
    client.force_login(MemberFactory())
    assert member_file not in text_of(client.get(question.get_absolute_url()))
    assert member_file not in text_of(client.get(asker.get_absolute_url()))


def test_the_member_page_has_its_french_twin(client, staff, asker):
    client.force_login(staff)
    response = client.get(f"/fr/staff/members/{asker.handle}/")
    assert response.status_code == 200
    assert 'lang="fr"' in text_of(response)


def test_the_inbox_selector_filters_by_owner_and_waiting(conversation, staff, colleague, asker):
    from community.conversations.selectors import inbox_conversations

    assert inbox_conversations(staff, state="unowned") == [conversation]
    assert inbox_conversations(staff, state="staff") == [conversation]
    services.message_post(staff, conversation, body="On it.")
    assert inbox_conversations(staff, state="mine") == [conversation]
    assert inbox_conversations(colleague, state="mine") == []
    assert inbox_conversations(staff, state="customer") == [conversation]
    assert inbox_conversations(staff, product=conversation.question.product) == [conversation]
    services.conversation_close(asker, conversation)
    assert inbox_conversations(staff) == []
