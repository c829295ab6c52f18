"""Holding at creation: new members' posts when the site asks for it, first contributions,
link-heavy posts. A held post is in the queue, its author is told why, and nobody else hears
of it until a moderator publishes it."""

import pytest

from community.models import (
    Decision,
    ModerationReason,
    ModerationState,
    Notification,
    QueueItem,
)
from community.moderation import services
from community.questions import services as questions
from ideas.services import comment_create
from reviews.services import review_create
from tests.community.moderation.conftest import change_settings, hold_new_members, make_trusted
from tests.factories import MemberFactory, StaffCardFactory

pytestmark = pytest.mark.django_db

LINKS = " ".join(f"https://shop.example/{n}" for n in range(5))


def test_posts_are_published_at_once_by_default(member):
    assert services.initial_state(member, "Plain text") == (ModerationState.PUBLISHED, "")


def test_a_new_members_post_is_held_when_the_site_says_so(member):
    hold_new_members()

    assert services.initial_state(member, "Plain text") == (
        ModerationState.HELD,
        ModerationReason.NEW_MEMBER,
    )


def test_a_trusted_members_post_is_not_held_for_being_new(member):
    hold_new_members()
    make_trusted(member)

    assert services.initial_state(member, "Plain text")[0] == ModerationState.PUBLISHED


def test_a_first_contribution_is_held_when_the_site_holds_first_contributions(member):
    change_settings(hold_first_contribution=True)

    assert services.initial_state(member, "Plain")[0] == ModerationState.HELD
    make_trusted(member, count=1)
    assert services.initial_state(member, "Plain")[0] == ModerationState.PUBLISHED


def test_a_link_heavy_post_is_held_even_from_a_trusted_member(member):
    make_trusted(member)

    assert services.initial_state(member, LINKS) == (ModerationState.HELD, ModerationReason.LINKS)
    assert services.initial_state(member, "https://a.example https://b.example")[0] == "published"


def test_links_never_hold_when_the_setting_is_zero(member):
    change_settings(links_to_hold=0)

    assert services.initial_state(member, LINKS)[0] == ModerationState.PUBLISHED


def test_staff_and_moderators_are_never_held(moderator):
    hold_new_members()
    staff = StaffCardFactory().member

    for writer in (staff, moderator):
        assert services.initial_state(writer, LINKS)[0] == ModerationState.PUBLISHED


def test_a_held_answer_enters_the_queue_and_its_author_is_told_why(question):
    hold_new_members()
    author = MemberFactory(display_name="Nina New")

    answer = questions.answer_create(author, question, body="My first answer.")

    assert answer.moderation_state == ModerationState.HELD
    item = QueueItem.objects.get(object_id=answer.pk, closed_at__isnull=True)
    assert item.cause == QueueItem.Cause.HELD
    assert item.author == author
    decision = Decision.objects.get(object_id=answer.pk)
    assert (decision.action, decision.reason_code, decision.moderator) == (
        "hold",
        "new_member",
        None,
    )
    told = Notification.objects.get(recipient=author, kind="moderation_held")
    assert told.params["reason"] == "Written by a new member"
    assert "wait" in told.params


def test_a_held_answer_does_not_count_nor_reach_followers_until_published(question, moderator):
    hold_new_members()
    asker = question.author

    answer = questions.answer_create(MemberFactory(), question, body="Held for now.")

    question.refresh_from_db()
    assert question.answer_count == 0
    assert question.first_answer_at is None
    assert not Notification.objects.filter(recipient=asker, kind="question_new_answer").exists()

    services.decide(moderator, answer, action="publish", reason="Fine, welcome aboard.")

    question.refresh_from_db()
    assert question.answer_count == 1
    assert question.first_answer_at is not None
    assert Notification.objects.filter(recipient=asker, kind="question_new_answer").exists()
    assert Notification.objects.filter(recipient=answer.author, kind="moderation_published")


def test_publishing_held_content_announces_it_only_once(question, moderator):
    hold_new_members()
    answer = questions.answer_create(MemberFactory(), question, body="Held for now.")
    services.decide(moderator, answer, action="publish", reason="Fine, welcome aboard.")
    services.decide(
        moderator, answer, action="hide", reason="Off topic after all.", reason_code="off_topic"
    )
    services.decide(moderator, answer, action="publish", reason="Back after a second look.")

    question.refresh_from_db()
    assert question.answer_count == 1
    assert Notification.objects.filter(kind="question_new_answer").count() == 1


def test_a_held_comment_does_not_count_until_published(idea, moderator):
    hold_new_members()

    comment = comment_create(MemberFactory(), idea, body="Held comment.")

    idea.refresh_from_db()
    assert idea.comment_count == 0
    services.decide(moderator, comment, action="publish", reason="Fine, welcome aboard.")
    idea.refresh_from_db()
    assert idea.comment_count == 1


def test_every_kind_of_writing_can_start_held(product, question, idea):
    hold_new_members()
    from ideas.services import idea_propose

    writer = MemberFactory()
    held = [
        review_create(writer, product, data={"rating": 4, "title": "Good", "text": "Works."}),
        questions.question_ask(
            writer, title="A new member asks this", body="Details here.", product=product
        ),
        questions.answer_create(writer, question, body="An answer."),
        idea_propose(writer, title="A new members idea", body="Please do it."),
        comment_create(writer, idea, body="A comment."),
    ]
    trusted = make_trusted(MemberFactory())
    published_answer = questions.answer_create(trusted, question, body="Open answer.")
    held.append(questions.reply_create(writer, published_answer, body="A reply."))

    assert published_answer.moderation_state == "published"
    assert [services.kinds.state_of(content) for content in held] == ["held"] * 6
    assert QueueItem.objects.filter(closed_at__isnull=True).count() == 6


def test_a_held_review_keeps_the_review_moderated_notification_out(product, moderator):
    hold_new_members()
    writer = MemberFactory()

    review = review_create(writer, product, data={"rating": 2, "title": "Meh", "text": "Loud."})

    assert review.moderation_state == "held"
    assert Notification.objects.filter(recipient=writer, kind="moderation_held").exists()
