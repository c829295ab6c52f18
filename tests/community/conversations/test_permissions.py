"""Every view of private conversations that changes something, against every role: visitor,
unverified member, member, the member the conversation (or thread) belongs to, staff,
moderator, product team and a suspended member.

Someone who may not see a conversation gets a 404, as if it did not exist; someone who may see
it but not do this gets a 403; a visitor is sent to log in. Each test checks what was written,
not only the status code.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.conversations import services
from community.conversations.models import (
    Conversation,
    ConversationMessage,
    MemberNote,
    SummaryRequest,
)
from community.models import Suspension
from community.questions.models import Answer
from tests.factories import MemberFactory, QuestionFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "author",
    "staff",
    "moderator",
    "product_team_member",
    "suspended_member",
]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


def suspend(member, moderator):
    Suspension.objects.create(
        member=member,
        until=timezone.now() + timedelta(days=7),
        reason="Insults in several answers.",
        suspended_by=moderator,
    )
    member.__dict__.pop("_active_suspension", None)


@pytest.fixture
def setting(request, role, client, product, moderator):
    """(client signed in as the role, the actor, the member whose thread and conversation it
    is). The author of the thread is the actor for "author", and a suspended member's own
    thread (suspended after opening) for "suspended_member"."""
    owner = MemberFactory(display_name="Thread Owner")
    actor = {
        "visitor": None,
        "author": owner,
        "suspended_member": owner if role == "suspended_member" else None,
    }.get(role)
    if role not in ("visitor", "author", "suspended_member"):
        actor = request.getfixturevalue(role)
    question = QuestionFactory(author=owner, product=product, topic=None)
    conversation = services.conversation_open(
        owner, question=question, subject="About my order", body="Order A-1."
    )
    if role == "suspended_member":
        suspend(owner, moderator)
    if actor is not None:
        client.force_login(actor)
    return client, actor, owner, question, conversation


def expect(response, role, *, allowed_roles, hidden_from=(), status_ok=302):
    """The response the role should get."""
    if role == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        return False
    if role in allowed_roles:
        assert response.status_code == status_ok, response.content[:500]
        return True
    expected = 404 if role in hidden_from else 403
    assert response.status_code == expected
    return False


# Who cannot even see a conversation: everyone but its member and staff.
STRANGERS = ("unverified_member", "member", "moderator", "product_team_member")


def test_opening_from_a_question(setting, role):
    client, actor, owner, question, conversation = setting
    conversation.delete()

    response = client.post(
        f"/conversations/start/question/{question.pk}/",
        {"subject": "About my order", "body": "Here is my address."},
    )

    ok = expect(response, role, allowed_roles={"author"})
    assert Conversation.objects.filter(question=question).exists() == ok


def test_opening_from_a_review(setting, role, review):
    client, actor, owner, question, conversation = setting
    review.author = owner
    review.save()

    response = client.post(
        f"/conversations/start/review/{review.pk}/",
        {"subject": "About my review", "body": "My order number is B-2."},
    )

    ok = expect(response, role, allowed_roles={"author"})
    assert Conversation.objects.filter(review=review).exists() == ok


def test_replying(setting, role):
    client, actor, owner, question, conversation = setting

    response = client.post(f"/conversations/{conversation.pk}/reply/", {"body": "More details."})

    ok = expect(response, role, allowed_roles={"author", "staff"}, hidden_from=STRANGERS)
    assert ConversationMessage.objects.filter(conversation=conversation).count() == 1 + ok


def test_taking(setting, role):
    client, actor, owner, question, conversation = setting

    response = client.post(f"/conversations/{conversation.pk}/take/")

    ok = expect(response, role, allowed_roles={"staff"}, hidden_from=STRANGERS)
    conversation.refresh_from_db()
    assert (conversation.owner_id is not None) == ok


def test_handing_over(setting, role, staff, colleague):
    client, actor, owner, question, conversation = setting
    services.conversation_take(staff, conversation)

    response = client.post(
        f"/conversations/{conversation.pk}/hand-over/",
        {"to_card": colleague.staff_card.pk, "note": "Léa handles refunds."},
    )

    ok = expect(response, role, allowed_roles={"staff"}, hidden_from=STRANGERS)
    conversation.refresh_from_db()
    assert (conversation.owner == colleague) == ok


def test_closing(setting, role):
    client, actor, owner, question, conversation = setting

    response = client.post(f"/conversations/{conversation.pk}/close/")

    ok = expect(response, role, allowed_roles={"author", "staff"}, hidden_from=STRANGERS)
    conversation.refresh_from_db()
    assert conversation.is_closed == ok


def test_reopening(setting, role, staff):
    client, actor, owner, question, conversation = setting
    services.conversation_close(staff, conversation)

    response = client.post(f"/conversations/{conversation.pk}/reopen/")

    ok = expect(response, role, allowed_roles={"author", "staff"}, hidden_from=STRANGERS)
    conversation.refresh_from_db()
    assert conversation.is_open == ok


def test_asking_to_post_a_summary(setting, role, staff):
    client, actor, owner, question, conversation = setting
    services.message_post(staff, conversation, body="Sorted.")
    services.conversation_close(staff, conversation)

    response = client.post(f"/conversations/{conversation.pk}/summary/", {"text": "Sorted out."})

    ok = expect(response, role, allowed_roles={"staff"}, hidden_from=STRANGERS)
    assert SummaryRequest.objects.filter(conversation=conversation).exists() == ok


def test_consenting_to_a_summary(setting, role, staff):
    client, actor, owner, question, conversation = setting
    services.message_post(staff, conversation, body="Sorted.")
    services.conversation_close(staff, conversation)
    summary = services.summary_propose(staff, conversation, text="Sorted out publicly.")

    response = client.post(
        f"/conversations/summaries/{summary.pk}/consent/", {"decision": "accept"}
    )

    # Consent is the member's own, whatever their standing: a suspended member may give it.
    ok = expect(response, role, allowed_roles={"author", "suspended_member"}, hidden_from=STRANGERS)
    assert Answer.objects.filter(question=question, body="Sorted out publicly.").exists() == ok


def test_handling_a_review_as_a_complaint(setting, role, review):
    client, actor, owner, question, conversation = setting
    if role == "author":
        review.author = owner
        review.save()

    response = client.post(
        f"/conversations/complaint/{review.pk}/",
        {"subject": "Your delivery", "body": "Your order number?", "response_text": "On it."},
    )

    ok = expect(response, role, allowed_roles={"staff"})
    assert Conversation.objects.filter(review=review).exists() == ok


def test_adding_a_staff_note(setting, role, asker):
    client, actor, owner, question, conversation = setting

    response = client.post(f"/staff/members/{asker.handle}/notes/add/", {"text": "Prefers e-mail."})

    ok = expect(response, role, allowed_roles={"staff"})
    assert MemberNote.objects.filter(member=asker).exists() == ok


def test_editing_and_deleting_a_staff_note(setting, role, asker, staff, colleague):
    """The note's author is `staff` here: a colleague (the "author" role is the member) may not
    change it."""
    client, actor, owner, question, conversation = setting
    note = services.note_add(staff, asker, text="Prefers e-mail.")

    response = client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": "Prefers phone."})
    ok = expect(response, role, allowed_roles={"staff"})
    note.refresh_from_db()
    assert (note.text == "Prefers phone.") == ok

    response = client.post(f"/staff/members/notes/{note.pk}/delete/")
    ok = expect(response, role, allowed_roles={"staff"})
    assert MemberNote.objects.filter(pk=note.pk).exists() != ok


def test_a_colleague_cannot_change_another_staff_members_note(client, asker, staff, colleague):
    note = services.note_add(colleague, asker, text="Prefers e-mail.")
    client.force_login(staff)
    assert client.post(f"/staff/members/notes/{note.pk}/edit/", {"text": "x"}).status_code == 403
    assert client.post(f"/staff/members/notes/{note.pk}/delete/").status_code == 403
    note.refresh_from_db()
    assert note.text == "Prefers e-mail."


def test_reading_a_conversation_and_the_member_page(setting, role):
    client, actor, owner, question, conversation = setting

    page = client.get(f"/conversations/{conversation.pk}/")
    expect(
        page,
        role,
        allowed_roles={"author", "staff", "suspended_member"},
        hidden_from=STRANGERS,
        status_ok=200,
    )
    member_page = client.get(f"/staff/members/{owner.handle}/")
    expect(member_page, role, allowed_roles={"staff"}, status_ok=200)
