"""The queue: one moderator at a time claims an item, and decides with a reason; the reports
close as upheld or dismissed; the author is told with the moderator's name."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import reports
from community.models import (
    AuditEntry,
    Decision,
    ModerationState,
    Notification,
    QueueItem,
    Report,
    Revision,
)
from community.moderation import selectors, services
from tests.factories import MemberFactory, StaffCardFactory

pytestmark = pytest.mark.django_db

REASON = "Shares another member's phone number."


@pytest.fixture
def reported(answer, member):
    reports.report_create(member, answer, reason="personal_data", text="A phone number.")
    return QueueItem.objects.get(object_id=answer.pk, closed_at__isnull=True)


def test_a_moderator_claims_an_item_for_a_while(moderator, reported):
    services.claim(moderator, reported)

    reported.refresh_from_db()
    assert reported.claimed_by == moderator
    assert reported.claim_expires_at > timezone.now()
    assert AuditEntry.objects.filter(action="moderation.claim").exists()


def test_a_claim_held_by_another_moderator_is_refused_until_it_expires(
    moderator, other_moderator, reported
):
    services.claim(moderator, reported)

    with pytest.raises(ValidationError) as refused:
        services.claim(other_moderator, reported)
    assert refused.value.code == "claimed"
    assert "Moderator Max" in refused.value.messages[0]

    with time_machine.travel(timezone.now() + services.CLAIM_DURATION + timedelta(minutes=1)):
        services.claim(other_moderator, reported)
    reported.refresh_from_db()
    assert reported.claimed_by == other_moderator


def test_deciding_an_item_claimed_by_another_moderator_is_refused(
    moderator, other_moderator, reported, answer
):
    services.claim(moderator, reported)

    with pytest.raises(ValidationError) as refused:
        services.decide(
            other_moderator, answer, action="hide", reason=REASON, reason_code="personal_data"
        )
    assert refused.value.code == "claimed"
    answer.refresh_from_db()
    assert answer.moderation_state == ModerationState.PUBLISHED


def test_a_released_item_can_be_claimed_by_someone_else(moderator, other_moderator, reported):
    services.claim(moderator, reported)
    services.release(moderator, reported)

    services.claim(other_moderator, reported)

    reported.refresh_from_db()
    assert reported.claimed_by == other_moderator


def test_a_decided_item_cannot_be_claimed(moderator, reported, answer):
    services.decide(moderator, answer, action="publish", reason="Breaks no guideline at all.")

    with pytest.raises(ValidationError) as refused:
        services.claim(moderator, reported)
    assert refused.value.code == "closed"


def test_hiding_upholds_the_reports_and_tells_author_and_reporters(
    moderator, member, reported, answer
):
    decision = services.decide(
        moderator, answer, action="hide", reason=REASON, reason_code="personal_data"
    )

    answer.refresh_from_db()
    reported.refresh_from_db()
    assert answer.moderation_state == ModerationState.HIDDEN
    assert (answer.moderation_reason, answer.moderated_by) == (REASON, moderator)
    assert reported.closed_at is not None
    assert Report.objects.get().status == Report.Status.UPHELD
    assert (decision.reports_upheld, decision.reports_dismissed) == (1, 0)
    assert decision.wait_seconds is not None
    told = Notification.objects.get(recipient=answer.author, kind="moderation_hidden")
    assert told.params == {
        "moderator": "Moderator Max",
        "title": told.params["title"],
        "reason": REASON,
    }
    assert Notification.objects.filter(recipient=member, kind="moderation_report_upheld").exists()
    entry = AuditEntry.objects.get(action="moderation.hide")
    assert entry.reason == REASON
    assert entry.details["reason_code"] == "personal_data"


def test_publishing_dismisses_the_reports(moderator, member, reported, answer):
    decision = services.decide(
        moderator, answer, action="publish", reason="A strong opinion, no breach."
    )

    assert Report.objects.get().status == Report.Status.DISMISSED
    assert decision.reason_code == "within_guidelines"
    assert Notification.objects.filter(recipient=member, kind="moderation_report_dismissed")


def test_a_moderators_name_on_a_receipt_is_their_staff_card_name(reported, answer):
    card = StaffCardFactory(real_name="Sarah Collins")
    from django.contrib.auth.models import Group

    from community.roles import Role

    card.member.groups.add(Group.objects.get(name=Role.MODERATOR.value))
    services.decide(card.member, answer, action="hide", reason=REASON, reason_code="abuse")

    told = Notification.objects.get(recipient=answer.author, kind="moderation_hidden")
    assert told.params["moderator"] == "Sarah Collins"


def test_editing_changes_the_text_keeps_history_and_shows_who_and_why(moderator, reported, answer):
    services.decide(
        moderator,
        answer,
        action="edit",
        reason="Removed a phone number.",
        reason_code="personal_data",
        edits={"body": "Every month with hard water. Call me."},
    )

    answer.refresh_from_db()
    assert answer.body == "Every month with hard water. Call me."
    assert (answer.moderator_edited_by, answer.moderator_edit_reason) == (
        moderator,
        "Removed a phone number.",
    )
    assert answer.is_public
    revision = Revision.objects.get(object_id=answer.pk)
    assert revision.editor == moderator
    assert Report.objects.get().status == Report.Status.UPHELD


def test_an_edit_cannot_empty_the_text(moderator, answer):
    with pytest.raises(ValidationError):
        services.decide(
            moderator, answer, action="edit", reason=REASON, reason_code="abuse", edits={}
        )


def test_a_moderator_edits_a_review(moderator, review):
    services.decide(
        moderator,
        review,
        action="edit",
        reason="Removed the seller's phone number.",
        reason_code="personal_data",
        edits={"title": "Good", "text": "Works well.", "pros": "", "cons": ""},
    )

    review.refresh_from_db()
    assert (review.title, review.text, review.moderator_edited_by) == (
        "Good",
        "Works well.",
        moderator,
    )


def test_a_decision_without_a_reason_is_refused(moderator, answer):
    for reason in ("", "   ", "short"):
        with pytest.raises(ValidationError) as refused:
            services.decide(moderator, answer, action="hide", reason=reason, reason_code="abuse")
        assert "reason" in refused.value.error_dict

    answer.refresh_from_db()
    assert answer.is_public
    assert not Decision.objects.exists()


def test_hiding_needs_the_guideline_broken(moderator, answer):
    with pytest.raises(ValidationError) as refused:
        services.decide(moderator, answer, action="hide", reason=REASON, reason_code="")
    assert "reason_code" in refused.value.error_dict


def test_a_review_is_never_removed_for_being_unfavourable(moderator, product):
    from tests.factories import ReviewFactory

    review = ReviewFactory(product=product, rating=1, text="Broke after a week. Avoid.")
    for action in ("hide", "delete", "edit"):
        with pytest.raises(ValidationError) as refused:
            services.decide(
                moderator,
                review,
                action=action,
                reason="The brand does not like it.",
                reason_code="negative_opinion",
                edits={"title": "x", "text": "y"},
            )
        assert "negative opinion breaks no guideline" in " ".join(refused.value.messages)
    review.refresh_from_db()
    assert review.is_published


def test_an_unknown_decision_is_refused(moderator, answer):
    with pytest.raises(ValidationError):
        services.decide(moderator, answer, action="ban", reason=REASON)


def test_members_reports_are_upheld_or_dismissed_not_hidden(moderator, member, author):
    reports.report_create(member, author, reason="abuse")

    with pytest.raises(ValidationError):
        services.decide(moderator, author, action="hide", reason=REASON, reason_code="abuse")
    services.decide(moderator, author, action="uphold", reason="Insults in three threads.")

    assert Report.objects.get().status == Report.Status.UPHELD
    assert not QueueItem.objects.filter(closed_at__isnull=True).exists()


def test_a_moderator_never_decides_about_their_own_writing(moderator, question):
    from community.questions import services as questions

    own = questions.answer_create(moderator, question, body="My own answer.")
    reports.report_create(MemberFactory(), own, reason="spam")

    with pytest.raises(PermissionDenied):
        services.decide(moderator, own, action="publish", reason="Nothing wrong here.")


def test_the_queue_lists_held_and_reported_items_oldest_first(
    moderator, reported, question, trusted_reporters
):
    from community.questions import services as questions
    from tests.community.moderation.conftest import hold_new_members

    hold_new_members()
    held = questions.answer_create(MemberFactory(), question, body="Held answer.")

    items = selectors.attach_targets(selectors.queue())
    assert [item.target_object for item in items] == [reported.target, held]
    assert items[0].open_reports == 1
    assert [
        item.target_object for item in selectors.attach_targets(selectors.queue(cause="held"))
    ] == [held]


def test_the_usual_wait_is_the_median_of_recent_decisions(moderator, question):
    from community.questions import services as questions
    from tests.community.moderation.conftest import hold_new_members

    assert services.usual_wait() is None
    hold_new_members()
    start = timezone.now()
    answers = [questions.answer_create(MemberFactory(), question, body=f"A{n}") for n in range(3)]
    for hours, answer in zip((1, 2, 9), answers, strict=True):
        with time_machine.travel(start + timedelta(hours=hours)):
            services.decide(moderator, answer, action="publish", reason="Fine, welcome aboard.")

    assert round(services.usual_wait().total_seconds() / 3600) == 2


def test_the_receipt_says_why_who_and_how_long(moderator, answer):
    services.decide(moderator, answer, action="hide", reason=REASON, reason_code="abuse")

    receipt = selectors.receipt(answer)
    assert receipt == {
        "state": "hidden",
        "reason": REASON,
        "moderator": "Moderator Max",
        "moderated_at": answer.moderated_at,
    }
