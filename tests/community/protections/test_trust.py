"""Trust grows with published contributions of every kind and drops with upheld reports."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import trust
from community.models import ModerationState, Report
from community.questions import services as question_services
from community.roles import Role
from tests.community.protections.conftest import make_trusted
from tests.factories import MemberFactory, QuestionFactory, ReviewFactory, proposed_idea

pytestmark = pytest.mark.django_db


def fresh(member):
    trust.forget(member)
    return member


def uphold_report_on(target, reporter):
    return Report.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reporter=reporter,
        reason=Report.Reason.SPAM,
        status=Report.Status.UPHELD,
    )


def test_every_kind_of_published_writing_counts_as_a_contribution(product, question):
    member = MemberFactory()
    ReviewFactory(author=member, product=product)
    QuestionFactory(author=member)
    answer = question_services.answer_create(member, question, body="Descale every two months.")
    question_services.reply_create(member, answer, body="With soft water, even less often.")
    idea = proposed_idea(member, body="Remind me to descale by e-mail.")
    from ideas.services import comment_create

    comment_create(member, idea, body="And count the cups since the last descaling.")

    assert trust.published_contribution_count(fresh(member)) == 6


def test_held_and_deleted_writing_does_not_count(product):
    member = MemberFactory()
    ReviewFactory(author=member, product=product, moderation_state=ModerationState.HELD)
    QuestionFactory(author=member, deleted_at=timezone.now())
    QuestionFactory(author=member)

    assert trust.published_contribution_count(fresh(member)) == 1


def test_a_member_is_trusted_from_the_set_number_of_contributions(site_settings):
    member = MemberFactory()
    make_trusted(member, count=2)
    assert not trust.is_trusted(fresh(member))
    assert trust.contributions_needed(fresh(member)) == 1

    QuestionFactory(author=member)
    assert trust.is_trusted(fresh(member))
    assert trust.contributions_needed(fresh(member)) == 0

    site_settings(trusted_after_contributions=5)
    assert not trust.is_trusted(fresh(member))


def test_an_upheld_report_on_their_writing_takes_trust_away(moderator):
    member = make_trusted(MemberFactory(), count=4)
    assert trust.is_trusted(fresh(member))
    written = QuestionFactory(author=member)

    uphold_report_on(written, MemberFactory())

    assert trust.upheld_report_count(fresh(member)) == 1
    assert not trust.is_trusted(fresh(member))


def test_an_upheld_report_on_the_member_themself_takes_trust_away():
    member = make_trusted(MemberFactory(), count=5)
    uphold_report_on(member, MemberFactory())

    assert not trust.is_trusted(fresh(member))


def test_open_and_dismissed_reports_change_nothing():
    member = make_trusted(MemberFactory(), count=3)
    written = QuestionFactory(author=member)
    report = uphold_report_on(written, MemberFactory())
    report.status = Report.Status.DISMISSED
    report.save()

    assert trust.upheld_report_count(fresh(member)) == 0
    assert trust.is_trusted(fresh(member))


def test_staff_and_moderators_are_trusted_from_the_start(staff, moderator):
    assert trust.is_trusted(staff)
    assert trust.is_trusted(moderator)
    assert trust.is_trusted(MemberFactory(roles=[Role.SITE_ADMIN]))
    assert not trust.is_trusted(MemberFactory())
    assert not trust.is_trusted(None)


def test_standing_is_read_in_one_query_whatever_the_amount_of_writing(product):
    member = MemberFactory()
    for _ in range(5):
        QuestionFactory(author=member)
    ReviewFactory(author=member, product=product)
    trust.published_contribution_count(fresh(member))  # content types are cached after this

    with CaptureQueriesContext(connection) as captured:
        trust.published_contribution_count(fresh(member))
        trust.upheld_report_count(member)
    assert len(captured) == 1
