"""Reports on every kind of content and on members: into the queue, once per member, and
content reported by enough trusted members is held until a moderator decides."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community import reports
from community.models import Decision, ModerationState, Notification, QueueItem, Report
from tests.community.moderation.conftest import change_settings
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

KINDS = ["question", "answer", "reply", "idea", "comment", "review"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_on_any_kind_of_content_puts_it_in_the_queue(request, member, kind):
    content = request.getfixturevalue(kind)

    reports.report_create(member, content, reason="spam", text="Advertises a shop.")

    item = QueueItem.objects.get(object_id=content.pk, closed_at__isnull=True)
    assert item.cause == QueueItem.Cause.REPORTED
    assert item.target == content


def test_a_member_can_be_reported_and_enters_the_queue(member, author):
    reports.report_create(member, author, reason="abuse", text="Sends insults in replies.")

    item = QueueItem.objects.get(closed_at__isnull=True)
    assert item.target == author
    assert item.author == author


def test_a_member_cannot_report_the_same_thing_twice(member, answer):
    reports.report_create(member, answer, reason="spam")

    with pytest.raises(ValidationError) as refused:
        reports.report_create(member, answer, reason="abuse")
    assert refused.value.code == "duplicate"
    assert Report.objects.count() == 1
    assert QueueItem.objects.count() == 1


def test_members_cannot_report_themselves(member):
    with pytest.raises(PermissionDenied):
        reports.report_create(member, member, reason="spam")


def test_three_trusted_reports_hold_the_content_and_its_author_is_told(
    answer, trusted_reporters, question
):
    for reporter in trusted_reporters:
        reports.report_create(reporter, answer, reason="abuse")

    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.moderation_state == ModerationState.HELD
    assert question.answer_count == 0
    item = QueueItem.objects.get(object_id=answer.pk, closed_at__isnull=True)
    assert item.cause == QueueItem.Cause.HELD
    hold = Decision.objects.get(action="hold")
    assert (hold.reason_code, hold.moderator) == ("reports", None)
    assert Notification.objects.filter(recipient=answer.author, kind="moderation_held").exists()


def test_reports_by_members_not_yet_trusted_do_not_hold(answer):
    for _number in range(5):
        reports.report_create(MemberFactory(), answer, reason="abuse")

    answer.refresh_from_db()
    assert answer.moderation_state == ModerationState.PUBLISHED
    assert QueueItem.objects.filter(closed_at__isnull=True).count() == 1


def test_the_number_of_reports_that_hold_is_a_setting(answer, trusted_reporters):
    change_settings(reports_to_hold=2)

    for reporter in trusted_reporters[:2]:
        reports.report_create(reporter, answer, reason="spam")

    answer.refresh_from_db()
    assert answer.is_held


def test_zero_never_holds_on_reports_alone(answer, trusted_reporters):
    change_settings(reports_to_hold=0)

    for reporter in trusted_reporters:
        reports.report_create(reporter, answer, reason="spam")

    answer.refresh_from_db()
    assert answer.moderation_state == ModerationState.PUBLISHED


def test_a_review_reported_by_three_trusted_members_is_held(review, trusted_reporters):
    for reporter in trusted_reporters:
        reports.report_create(reporter, review, reason="not_genuine")

    review.refresh_from_db()
    assert review.moderation_state == "held"


def test_negative_opinion_is_not_a_reason_to_report():
    assert "negative_opinion" not in Report.Reason.values
