"""A private conversation is seen by its member and staff, and by nobody else, anywhere: not on
the public thread, not in search, the sitemap, the backlog export, the API or webhooks. The member
sees it with their personal data; erasing the member erases it."""

import re

import pytest

from community import erasure, webhook_events
from community.conversations import services
from community.conversations.models import Conversation, MemberNote
from community.models import Webhook, WebhookDelivery
from community.personal_data import section, sections
from tests.factories import MemberFactory, api_token

pytestmark = pytest.mark.django_db

SECRET = "Zanzibarquux"


@pytest.fixture
def private(conversation, staff):
    """A conversation with a secret word in its subject and messages, owned by staff."""
    Conversation.objects.filter(pk=conversation.pk).update(subject=f"Order {SECRET}")
    conversation.refresh_from_db()
    services.message_post(staff, conversation, body=f"Your parcel code is {SECRET}-42.")
    return conversation


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("viewer", ["visitor", "member", "moderator", "product_team_member"])
def test_the_question_page_says_nothing_of_it_to_others(client, private, question, viewer, request):
    if viewer != "visitor":
        client.force_login(
            request.getfixturevalue(viewer) if viewer != "member" else MemberFactory()
        )
    html = page_text(client, question.get_absolute_url())
    assert 'id="private-conversations"' not in html
    assert SECRET not in html
    assert private.get_absolute_url() not in html
    assert "/conversations/start/" not in html


@pytest.mark.parametrize("viewer", ["asker", "staff"])
def test_the_question_page_links_the_member_and_staff_to_it(
    client, private, question, viewer, request
):
    client.force_login(request.getfixturevalue(viewer))
    html = page_text(client, question.get_absolute_url())
    assert 'id="private-conversations"' in html
    assert f'href="{private.get_absolute_url()}"' in html
    assert "A-1234-ZZ" not in html


def test_other_members_and_moderators_get_404(client, private, moderator, product_team_member):
    for someone in (MemberFactory(), moderator, product_team_member):
        client.force_login(someone)
        assert client.get(private.get_absolute_url()).status_code == 404
        assert client.get("/conversations/").status_code == 200
        assert SECRET not in page_text(client, "/conversations/")


def test_the_members_list_shows_their_own_only(client, private, asker):
    client.force_login(asker)
    assert SECRET in page_text(client, "/conversations/")


def test_search_never_finds_it(client, private, staff, asker):
    for someone in (None, asker, staff):
        if someone is not None:
            client.force_login(someone)
        html = page_text(client, f"/search/?q={SECRET}")
        assert private.get_absolute_url() not in html
        assert f"parcel code is {SECRET}" not in html


def test_the_sitemap_never_lists_it(client, private):
    index = page_text(client, "/sitemap.xml")
    sections_found = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", index)
    assert sections_found
    for path in sections_found:
        xml = page_text(client, path)
        assert "/conversations/" not in xml
        assert SECRET not in xml


def test_the_backlog_export_never_holds_it(client, private, product_team_member):
    client.force_login(product_team_member)
    for export_format in ("csv", "json"):
        content = page_text(client, f"/ideas/export/?format={export_format}")
        assert SECRET not in content


def test_the_api_never_serves_it(client, private, review):
    _token, secret = api_token(name="Sync", rate_per_minute=1000)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    for path in ("/api/v1/", "/api/v1/questions/", "/api/v1/reviews/", "/api/v1/ideas/"):
        response = client.get(path, **headers)
        assert response.status_code == 200, path
        assert SECRET not in response.content.decode()
        assert "conversation" not in response.content.decode().lower()
    assert client.get("/api/v1/conversations/", **headers).status_code == 404
    schema = client.get("/api/v1/schema/", **headers).content.decode().lower()
    assert "conversation" not in schema


def test_no_webhook_hears_of_it(
    conversation, staff, asker, review, django_capture_on_commit_callbacks
):
    Webhook.objects.create(
        name="Everything", url="http://127.0.0.1:9/hook", events=webhook_events.registry.keys()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.message_post(staff, conversation, body=f"Code {SECRET}.")
        services.message_post(asker, conversation, body="Thanks.")
        services.conversation_close(staff, conversation)
        services.conversation_reopen(asker, conversation)
        services.complaint_open(
            staff, review, subject=SECRET, body=f"Code {SECRET}", response_text="On it."
        )
    assert WebhookDelivery.objects.count() == 0


def test_the_member_sees_it_and_the_staff_notes_in_their_personal_data(private, asker, staff):
    services.note_add(staff, asker, text="Prefers e-mail.")
    keys = [item.key for item in sections()]
    assert "conversations" in keys and "staff_notes" in keys
    conversations = section("conversations")
    rows = list(conversations.rows(asker))
    assert [row.pk for row in rows] == [private.pk]
    described = conversations.describe(rows[0])
    assert described["subject"] == f"Order {SECRET}"
    assert [message["from"] for message in described["messages"]] == ["you", "Amélie Durand"]
    notes = section("staff_notes")
    assert [notes.describe(note)["text"] for note in notes.rows(asker)] == ["Prefers e-mail."]
    assert list(conversations.rows(MemberFactory())) == []


def test_erasing_the_member_erases_their_conversations_and_the_notes_about_them(
    private, asker, staff
):
    services.note_add(staff, asker, text="Prefers e-mail.")
    written_by_staff = services.note_add(staff, staff, text="Staff member's own note.")
    keys = [eraser.key for eraser in erasure.erasers()]
    assert "conversations" in keys

    from community.conversations.erasure import erase_conversations

    erase_conversations(asker, erasure.Choice.ANONYMISE)
    erase_conversations(asker, erasure.Choice.ANONYMISE)  # safe to run twice

    assert not Conversation.objects.filter(member=asker).exists()
    assert not MemberNote.objects.filter(member=asker).exists()
    assert MemberNote.objects.filter(pk=written_by_staff.pk).exists()


def test_the_my_data_page_shows_the_members_own_conversations_and_notes(
    client, private, asker, staff
):
    services.note_add(staff, asker, text="Prefers e-mail.")
    client.force_login(asker)
    html = page_text(client, "/accounts/data/")
    assert "Private conversations" in html and f"Order {SECRET}" in html
    assert "Notes staff keep about you" in html and "Prefers e-mail." in html
    client.force_login(MemberFactory())
    html = page_text(client, "/accounts/data/")
    assert SECRET not in html and "Prefers e-mail." not in html
