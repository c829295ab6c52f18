"""The moderation pages of the admin: the queue, an item with its context, deciding with a
reason, appeals and the audit log's search."""

import pytest
from django.urls import reverse

from community import reports
from community.audit import audit
from community.models import Appeal, QueueItem
from community.moderation import services
from tests.community.moderation.conftest import hold_new_members
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

REASON = "Shares another member's phone number."


@pytest.fixture
def queued(answer, member):
    reports.report_create(member, answer, reason="personal_data", text="Her phone number.")
    return QueueItem.objects.get(closed_at__isnull=True)


def test_the_queue_lists_items_with_why_and_since_when(login, moderator, queued, answer):
    page = login(moderator).get(reverse("moderation_queue")).content.decode()

    assert f'data-queue-item="{queued.pk}"' in page
    assert "Every month with hard water." in page
    assert "1 open report" in page
    assert answer.author.display_name in page


def test_an_empty_queue_says_so(login, moderator):
    page = login(moderator).get(reverse("moderation_queue")).content.decode()

    assert 'data-empty="queue"' in page


def test_the_item_shows_the_thread_reports_and_the_authors_history(
    login, moderator, queued, question
):
    page = login(moderator).get(reverse("moderation_item", args=[queued.pk])).content.decode()

    assert question.title in page
    assert "Her phone number." in page
    assert "Shares someone&#x27;s personal data" in page
    assert "published contribution" in page
    assert 'name="action"' in page


def test_claiming_shows_who_works_on_it_to_other_moderators(
    login, moderator, other_moderator, queued
):
    login(moderator).post(reverse("moderation_item", args=[queued.pk]), {"step": "claim"})

    page = login(other_moderator).get(reverse("moderation_item", args=[queued.pk]))
    text = page.content.decode()
    assert "Moderator Max works on this item until" in text
    assert "Another moderator works on this item." in text
    refused = login(other_moderator).post(
        reverse("moderation_item", args=[queued.pk]), {"step": "claim"}, follow=True
    )
    assert "Moderator Max is working on this item" in refused.content.decode()
    queued.refresh_from_db()
    assert queued.claimed_by == moderator


def test_deciding_hides_and_goes_back_to_the_queue(login, moderator, queued, answer):
    response = login(moderator).post(
        reverse("moderation_item", args=[queued.pk]),
        {"step": "decide", "action": "hide", "reason_code": "personal_data", "reason": REASON},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("moderation_queue")
    answer.refresh_from_db()
    assert answer.is_hidden


def test_a_decision_without_a_reason_keeps_what_was_chosen(login, moderator, queued, answer):
    response = login(moderator).post(
        reverse("moderation_item", args=[queued.pk]),
        {"step": "decide", "action": "hide", "reason_code": "personal_data", "reason": ""},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please write the reason the author will read." in page
    assert 'value="hide" checked' in page or 'checked value="hide"' in page or "checked" in page
    answer.refresh_from_db()
    assert answer.is_public


def test_hiding_without_the_guideline_is_refused_on_the_page(login, moderator, queued, answer):
    response = login(moderator).post(
        reverse("moderation_item", args=[queued.pk]),
        {"step": "decide", "action": "hide", "reason_code": "", "reason": REASON},
    )

    assert response.status_code == 200
    assert "Please choose the guideline this content breaks." in response.content.decode()
    answer.refresh_from_db()
    assert answer.is_public


def test_editing_from_the_item_page(login, moderator, queued, answer):
    login(moderator).post(
        reverse("moderation_item", args=[queued.pk]),
        {
            "step": "decide",
            "action": "edit",
            "reason_code": "personal_data",
            "reason": "Removed the phone number.",
            "edit_body": "Every month with hard water.",
        },
    )

    answer.refresh_from_db()
    assert answer.moderator_edit_reason == "Removed the phone number."


def test_a_held_item_is_published_from_the_queue(login, moderator, question):
    hold_new_members()
    from community.questions import services as questions

    held = questions.answer_create(MemberFactory(), question, body="New here, hello.")
    item = QueueItem.objects.get(object_id=held.pk)

    login(moderator).post(
        reverse("moderation_item", args=[item.pk]),
        {"step": "decide", "action": "publish", "reason": "Welcome, nothing wrong here."},
    )

    held.refresh_from_db()
    assert held.is_public


def test_a_reported_member_is_decided_from_the_queue(login, moderator, member, author):
    reports.report_create(member, author, reason="abuse", text="Insults in private.")
    item = QueueItem.objects.get(closed_at__isnull=True)

    page = login(moderator).get(reverse("moderation_item", args=[item.pk])).content.decode()
    assert "The member reported" in page
    assert 'value="uphold"' in page
    login(moderator).post(
        reverse("moderation_item", args=[item.pk]),
        {"step": "decide", "action": "dismiss", "reason": "No insult found in any thread."},
    )
    item.refresh_from_db()
    assert item.closed_at is not None


def test_appeals_are_listed_and_decided_by_another_moderator(
    login, moderator, other_moderator, answer
):
    services.decide(moderator, answer, action="hide", reason=REASON, reason_code="abuse")
    answer.refresh_from_db()
    appeal = services.appeal_create(answer.author, answer, text="There was no phone number.")

    listing = login(moderator).get(reverse("moderation_appeals")).content.decode()
    assert f'data-appeal="{appeal.pk}"' in listing
    assert "another moderator decides" in listing
    own = login(moderator).get(reverse("moderation_appeal", args=[appeal.pk])).content.decode()
    assert 'name="outcome"' not in own

    response = login(other_moderator).post(
        reverse("moderation_appeal", args=[appeal.pk]),
        {"outcome": "uphold", "statement": "The number was the shop's, which is public."},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.UPHELD


def test_the_audit_log_is_searchable_by_member_name_and_filterable(login, moderator, answer):
    audit(moderator, "moderation.hide", answer, "Phone number shared")
    audit(moderator, "protections.suspend", MemberFactory(display_name="Zed Zebra"), "Spam")
    client = login(moderator)

    by_name = client.get(reverse("moderation_audit_log"), {"q": "Zed Zebra"}).content.decode()
    assert "Spam" in by_name
    assert "Phone number shared" not in by_name
    by_action = client.get(
        reverse("moderation_audit_log"), {"action": "moderation.hide"}
    ).content.decode()
    assert "Phone number shared" in by_action
    assert "Zed Zebra" not in by_action
    by_reason = client.get(reverse("moderation_audit_log"), {"q": "phone"}).content.decode()
    assert "Phone number shared" in by_reason
