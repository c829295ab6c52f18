"""Appeals: once, by the author of hidden content or a suspended member; a different moderator
decides; the member is told the outcome with a statement of reasons."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import reports
from community.models import Appeal, AuditEntry, ModerationState, Notification, Report
from community.moderation import services
from community.protections.suspensions import suspend

pytestmark = pytest.mark.django_db

REASON = "Insults another member by name."
TEXT = "It was a joke between friends; nobody was insulted. Please look again."


@pytest.fixture
def hidden(moderator, answer, member):
    reports.report_create(member, answer, reason="abuse")
    services.decide(moderator, answer, action="hide", reason=REASON, reason_code="abuse")
    answer.refresh_from_db()
    return answer


def test_the_author_appeals_once(hidden):
    appeal = services.appeal_create(hidden.author, hidden, text=TEXT)

    assert appeal.status == Appeal.Status.PENDING
    assert appeal.original_moderator.display_name == "Moderator Max"
    with pytest.raises(ValidationError) as refused:
        services.appeal_create(hidden.author, hidden, text=TEXT)
    assert refused.value.code == "duplicate"
    assert Appeal.objects.count() == 1


def test_only_the_author_of_hidden_content_appeals(hidden, member, answer, moderator):
    with pytest.raises(PermissionDenied):
        services.appeal_create(member, hidden, text=TEXT)


def test_published_content_cannot_be_appealed(answer):
    with pytest.raises(PermissionDenied):
        services.appeal_create(answer.author, answer, text=TEXT)


def test_an_appeal_needs_a_text(hidden):
    with pytest.raises(ValidationError) as refused:
        services.appeal_create(hidden.author, hidden, text="Please")
    assert "text" in refused.value.error_dict


def test_the_moderator_who_decided_cannot_decide_the_appeal(hidden, moderator):
    appeal = services.appeal_create(hidden.author, hidden, text=TEXT)

    with pytest.raises(PermissionDenied):
        services.appeal_decide(moderator, appeal, uphold=True, statement="I changed my mind.")


def test_an_upheld_appeal_publishes_again_and_clears_the_reports(hidden, other_moderator, question):
    appeal = services.appeal_create(hidden.author, hidden, text=TEXT)

    services.appeal_decide(
        other_moderator, appeal, uphold=True, statement="Friendly banter, no insult meant."
    )

    hidden.refresh_from_db()
    question.refresh_from_db()
    assert hidden.moderation_state == ModerationState.PUBLISHED
    assert question.answer_count == 1
    assert Report.objects.get().status == Report.Status.DISMISSED
    told = Notification.objects.get(recipient=hidden.author, kind="moderation_appeal_upheld")
    assert told.params["moderator"] == "Moderator Mia"
    assert told.params["statement"] == "Friendly banter, no insult meant."
    assert AuditEntry.objects.filter(action="moderation.appeal_upheld").exists()


def test_a_rejected_appeal_leaves_the_decision_and_explains(hidden, other_moderator):
    appeal = services.appeal_create(hidden.author, hidden, text=TEXT)

    services.appeal_decide(
        other_moderator, appeal, uphold=False, statement="Calling someone an idiot is an insult."
    )

    hidden.refresh_from_db()
    assert hidden.moderation_state == ModerationState.HIDDEN
    told = Notification.objects.get(recipient=hidden.author, kind="moderation_appeal_rejected")
    assert "idiot" in told.params["statement"]


def test_an_appeal_is_decided_once(hidden, other_moderator):
    appeal = services.appeal_create(hidden.author, hidden, text=TEXT)
    services.appeal_decide(other_moderator, appeal, uphold=False, statement="The decision stands.")

    with pytest.raises(ValidationError):
        services.appeal_decide(other_moderator, appeal, uphold=True, statement="Changed my mind.")


def test_deciding_an_appeal_needs_a_statement(hidden, other_moderator):
    appeal = services.appeal_create(hidden.author, hidden, text=TEXT)

    with pytest.raises(ValidationError):
        services.appeal_decide(other_moderator, appeal, uphold=False, statement=" ")


def test_a_suspended_member_appeals_and_an_upheld_appeal_lifts_the_suspension(
    moderator, other_moderator, member
):
    suspension = suspend(
        moderator,
        member,
        until=timezone.now() + timedelta(days=7),
        reason="Repeated insults in three threads.",
    )

    appeal = services.appeal_create(member, suspension, text=TEXT)
    assert appeal.original_moderator == moderator
    services.appeal_decide(
        other_moderator, appeal, uphold=True, statement="The insults were quotes of others."
    )

    suspension.refresh_from_db()
    assert suspension.lifted_by == other_moderator
    assert Notification.objects.filter(recipient=member, kind="moderation_appeal_upheld")


def test_a_member_cannot_appeal_someone_elses_suspension(moderator, member, author):
    suspension = suspend(
        moderator, member, until=timezone.now() + timedelta(days=7), reason="Repeated insults."
    )

    with pytest.raises(PermissionDenied):
        services.appeal_create(author, suspension, text=TEXT)
