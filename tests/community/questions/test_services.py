"""The questions services: what each write records, who is told, and what it refuses."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from wagtail.models import Locale

from community.follows import followers, is_following
from community.models import Notification, Revision, WrittenAs
from community.questions import services
from community.questions.models import Answer, Question, QuestionEvent, QuestionStatus
from community.site_setup import translate_page
from community.writing import revisions_for
from tests.factories import MemberFactory, StaffCardFactory

pytestmark = pytest.mark.django_db


def kinds_for(member):
    return sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True))


# Asking


def test_asking_publishes_the_question_and_the_asker_follows_it(product, asker):
    question = services.question_ask(
        asker, title="  Does it   froth oat milk? ", body="**Really** frothy?", product=product
    )

    assert question.title == "Does it froth oat milk?"
    assert question.body_html == "<p><strong>Really</strong> frothy?</p>\n"
    assert question.status == QuestionStatus.OPEN
    assert question.written_as == WrittenAs.MEMBER
    assert question.last_activity_at is not None
    assert is_following(asker, question)


def test_a_question_asked_from_the_french_page_belongs_to_the_product(product, asker):
    french = translate_page(product, Locale.objects.get(language_code="fr"), {"title": "Aurora"})

    with translation.override("fr"):
        question = services.question_ask(
            asker, title="Mousse-t-elle le lait d’avoine ?", body="Vraiment ?", product=french
        )

    assert question.product_id == product.pk
    assert question.language == "fr"


def test_staff_with_a_card_ask_as_staff(product, staff):
    question = services.question_ask(
        staff, title="What would you like us to improve?", body="Tell us!", product=product
    )

    assert question.written_as == WrittenAs.STAFF
    assert question.author_card == staff.staff_card


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [
        ("", "Some text", "title"),
        ("Too short", "Some text", "title"),
        ("x" * 151, "Some text", "title"),
        ("A proper question title?", "   ", "body"),
        ("A proper question title?", "x" * 10_001, "body"),
    ],
)
def test_asking_refuses_bad_input_with_the_field_it_is_about(product, asker, title, body, field):
    with pytest.raises(ValidationError) as error:
        services.question_ask(asker, title=title, body=body, product=product)

    assert field in error.value.error_dict
    assert not Question.objects.exists()


def test_a_question_is_about_a_product_or_a_topic_never_both_nor_neither(product, topic, asker):
    for place in ({}, {"product": product, "topic": topic}):
        with pytest.raises(ValidationError):
            services.question_ask(asker, title="Where does this one go?", body="?", **place)


def test_unverified_members_cannot_ask(product, unverified_member):
    with pytest.raises(PermissionDenied):
        services.question_ask(
            unverified_member, title="Can I ask without verifying?", body="?", product=product
        )


# Answering and replying


def test_the_first_answer_from_someone_else_is_recorded_with_its_time(question, asker, answerer):
    own = services.answer_create(asker, question, body="Maybe it is the water?")
    question.refresh_from_db()
    assert question.answer_count == 1
    assert question.first_answer_at is None

    answer = services.answer_create(answerer, question, body="Yes, hard water.")
    services.answer_create(MemberFactory(), question, body="Same for me.")

    question.refresh_from_db()
    assert question.answer_count == 3
    assert question.first_answer_at == answer.created_at
    assert question.last_activity_at > own.created_at
    assert question.first_staff_answer_at is None


def test_a_staff_answer_is_signed_with_the_card_and_meets_the_request_for_staff(
    question, asker, staff
):
    services.staff_request(asker, question)
    question.refresh_from_db()
    assert question.asked_for_staff_at is not None

    answer = services.answer_create(staff, question, body="Hello! Here is how.")

    question.refresh_from_db()
    assert (answer.written_as, answer.author_card) == (WrittenAs.STAFF, staff.staff_card)
    assert answer.author_role_title == "Support specialist"
    assert question.first_staff_answer_at == answer.created_at
    assert question.first_answer_at == answer.created_at
    assert question.asked_for_staff_at is None


def test_a_staff_reply_counts_as_the_first_staff_answer(question, answer, staff):
    reply = services.reply_create(staff, answer, body="Exactly right.")

    question.refresh_from_db()
    assert question.first_staff_answer_at == reply.created_at
    assert question.answer_count == 1


def test_replies_go_one_level_deep_only(answer, asker):
    reply = services.reply_create(asker, answer, body="Thanks!")

    with pytest.raises(PermissionDenied):
        services.reply_create(asker, reply, body="A reply to a reply")
    assert reply.parent_id == answer.pk


def test_followers_hear_of_answers_but_not_the_one_who_answered(question, asker, answerer):
    follower = MemberFactory()
    services.question_follow_set(follower, question, on=True)

    services.answer_create(answerer, question, body="Try the descaling programme.")

    assert kinds_for(asker) == ["question_new_answer"]
    assert kinds_for(follower) == ["question_new_answer"]
    assert kinds_for(answerer) == []
    notification = Notification.objects.get(recipient=asker)
    assert notification.params == {"title": question.title, "name": answerer.display_name}
    answer = question.answers.get()
    assert notification.url == f"/questions/answers/{answer.pk}/"


def test_followers_are_told_in_their_own_language(question, answerer):
    french = MemberFactory(preferred_language="fr")
    services.question_follow_set(french, question, on=True)

    services.answer_create(answerer, question, body="Try the descaling programme.")

    url = Notification.objects.get(recipient=french).url
    assert url == f"/fr/questions/answers/{question.answers.get().pk}/"


def test_a_reply_tells_the_answers_author_and_the_followers(question, asker, answer, answerer):
    replier = MemberFactory()

    services.reply_create(replier, answer, body="Did that work for you?")

    assert kinds_for(answerer) == ["question_new_reply"]
    assert "question_new_reply" in kinds_for(asker)


def test_a_mentioned_member_is_told_once_even_when_following(question, asker, answerer):
    mentioned = MemberFactory(display_name="Ana Lopez")
    services.question_follow_set(mentioned, question, on=True)

    services.answer_create(answerer, question, body=f"@{mentioned.handle} knows this one.")

    assert kinds_for(mentioned) == ["question_mention"]


def test_an_edit_tells_only_the_newly_mentioned(question, answer, answerer):
    first, second = MemberFactory(), MemberFactory()
    services.answer_edit(answerer, answer, body=f"Ask @{first.handle}.")
    services.answer_edit(answerer, answer, body=f"Ask @{first.handle} or @{second.handle}.")

    assert kinds_for(first) == ["question_mention"]
    assert kinds_for(second) == ["question_mention"]


def test_an_edit_keeps_the_earlier_version_in_the_public_history(question, asker):
    services.question_edit(
        asker, question, title="How often must I descale it?", body="New text", reason="typo"
    )

    question.refresh_from_db()
    assert (question.title, question.body, question.edit_count) == (
        "How often must I descale it?",
        "New text",
        1,
    )
    revision = revisions_for(question).get()
    assert revision.title == "How often should I descale the Aurora?"
    assert revision.editor == asker
    assert revision.reason == "typo"


def test_only_the_author_edits(question, answer, answerer, moderator):
    with pytest.raises(PermissionDenied):
        services.question_edit(answerer, question, title="Hijacked title here", body="x")
    with pytest.raises(PermissionDenied):
        services.answer_edit(moderator, answer, body="Moderated")
    assert not Revision.objects.exists()


# Deleting


def test_a_deleted_answer_leaves_its_place_and_replies_in_the_thread(question, answer, answerer):
    reply = services.reply_create(MemberFactory(), answer, body="Thanks")

    services.answer_delete(answerer, answer)

    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.is_deleted and answer.deleted_by_author
    assert Answer.objects.filter(pk=reply.pk, deleted_at__isnull=True).exists()
    assert question.answer_count == 0


def test_deleting_the_solution_opens_the_question_again(question, asker, answer, answerer):
    services.solution_set(asker, answer)

    services.answer_delete(answerer, answer)

    question.refresh_from_db()
    assert (question.status, question.solution_id, question.solved_at) == (
        QuestionStatus.OPEN,
        None,
        None,
    )
    assert question.events.filter(kind=QuestionEvent.Kind.SOLUTION_REMOVED).exists()


def test_a_question_closed_as_answered_opens_again_when_its_last_answer_goes(
    question, asker, answer, answerer
):
    services.question_close(asker, question)

    services.answer_delete(answerer, answer)

    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN
    assert question.closed_at is None


def test_the_asker_deletes_only_while_nobody_answered(question, asker, moderator):
    other = services.question_ask(
        asker, title="A question nobody answered", body="?", topic=None, product=question.product
    )
    services.question_delete(asker, other)
    other.refresh_from_db()
    assert other.deleted_by_author

    services.answer_create(MemberFactory(), question, body="An answer for you.")
    question.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.question_delete(asker, question)

    services.question_delete(moderator, question)
    question.refresh_from_db()
    assert question.is_deleted and not question.deleted_by_author


# Votes


def test_an_upvote_counts_once_and_can_be_taken_back(answer):
    voter = MemberFactory()

    assert services.answer_vote_set(voter, answer, on=True) is True
    assert services.answer_vote_set(voter, answer, on=True) is False
    answer.refresh_from_db()
    assert answer.upvote_count == 1

    assert services.answer_vote_set(voter, answer, on=False) is True
    answer.refresh_from_db()
    assert answer.upvote_count == 0


def test_nobody_upvotes_their_own_answer_nor_a_reply(answer, answerer, asker):
    reply = services.reply_create(asker, answer, body="Thanks")

    with pytest.raises(PermissionDenied):
        services.answer_vote_set(answerer, answer, on=True)
    with pytest.raises(PermissionDenied):
        services.answer_vote_set(answerer, reply, on=True)


def test_members_say_they_have_the_question_too_but_not_the_asker(question, asker):
    services.question_vote_set(MemberFactory(), question, on=True)
    services.question_vote_set(MemberFactory(), question, on=True)

    with pytest.raises(PermissionDenied):
        services.question_vote_set(asker, question, on=True)
    question.refresh_from_db()
    assert question.vote_count == 2


# The solution


def test_marking_the_solution_solves_the_question_and_tells_the_answerer(
    question, asker, answer, answerer
):
    follower = MemberFactory()
    services.question_follow_set(follower, question, on=True)

    assert services.solution_set(asker, answer) is True

    question.refresh_from_db()
    assert question.status == QuestionStatus.SOLVED
    assert question.solution_id == answer.pk
    assert question.solved_at is not None
    assert kinds_for(answerer) == ["question_answer_accepted"]
    assert kinds_for(follower) == ["question_solved"]
    assert kinds_for(asker) == ["question_new_answer"]
    assert services.solution_set(asker, answer) is False


def test_staff_mark_the_solution_too_but_other_members_cannot(question, answer, staff):
    with pytest.raises(PermissionDenied):
        services.solution_set(MemberFactory(), answer)

    services.solution_set(staff, answer)

    event = question.events.get(kind=QuestionEvent.Kind.SOLVED)
    assert (event.actor, event.actor_card, event.answer_id) == (staff, staff.staff_card, answer.pk)


def test_changing_the_solution_moves_the_mark(question, asker, answer):
    better = services.answer_create(MemberFactory(), question, body="A better one.")
    services.solution_set(asker, answer)

    services.solution_set(asker, better)

    question.refresh_from_db()
    assert question.solution_id == better.pk


def test_the_solution_mark_can_be_taken_away(question, asker, answer):
    services.solution_set(asker, answer)

    services.solution_remove(asker, question)

    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN
    assert question.solution_id is None


# Closing


def test_a_question_closes_only_as_answered_and_only_once_answered(question, asker):
    with pytest.raises(PermissionDenied):
        services.question_close(asker, question)

    services.answer_create(MemberFactory(), question, body="Here you go.")
    question.refresh_from_db()
    services.question_close(asker, question, note="Both answers helped.")

    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.events.get(kind=QuestionEvent.Kind.CLOSED).note == "Both answers helped."

    services.question_reopen(asker, question)
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


# A named person stays with it


def test_taking_ownership_names_the_owner_and_tells_the_asker(question, asker, staff):
    services.ownership_take(staff, question)

    question.refresh_from_db()
    assert (question.owner, question.owner_card) == (staff, staff.staff_card)
    assert question.has_active_owner
    assert is_following(staff, question)
    notification = Notification.objects.get(recipient=asker)
    assert notification.kind == "question_owner_taken"
    assert notification.params["staff_name"] == "Amélie Durand"


def test_a_question_someone_looks_after_changes_hands_only_by_a_hand_off(
    question, staff, colleague
):
    services.ownership_take(staff, question)

    with pytest.raises(PermissionDenied):
        services.ownership_take(colleague, question)


def test_a_question_whose_owner_left_the_team_can_be_taken_again(question, staff, colleague):
    services.ownership_take(staff, question)
    staff.staff_card.is_active = False
    staff.staff_card.save()

    services.ownership_take(colleague, question)

    question.refresh_from_db()
    assert question.owner == colleague


def test_a_hand_off_names_both_people_and_keeps_the_note(question, asker, staff, colleague):
    follower = MemberFactory()
    services.question_follow_set(follower, question, on=True)
    services.ownership_take(staff, question)

    services.question_hand_off(
        staff, question, to_member=colleague, note="Camille knows the firmware."
    )

    question.refresh_from_db()
    assert (question.owner, question.owner_card) == (colleague, colleague.staff_card)
    event = question.events.get(kind=QuestionEvent.Kind.HANDED_OFF)
    assert (event.actor_card, event.to_card, event.note) == (
        staff.staff_card,
        colleague.staff_card,
        "Camille knows the firmware.",
    )
    assert kinds_for(colleague) == ["question_handed_to_you"]
    assert "question_handed_off" in kinds_for(asker)
    assert "question_handed_off" in kinds_for(follower)
    assert is_following(colleague, question)


@pytest.mark.parametrize(
    ("to", "note", "field"),
    [
        ("colleague", "", "note"),
        ("colleague", "   ", "note"),
        ("colleague", "x" * 501, "note"),
        ("member", "Please take it", "to_member"),
        ("staff", "Back to me", "to_member"),
        (None, "Please take it", "to_member"),
    ],
)
def test_a_hand_off_needs_a_note_and_a_colleague_with_an_active_card(
    request, question, staff, to, note, field
):
    services.ownership_take(staff, question)
    to_member = request.getfixturevalue(to) if to else None

    with pytest.raises(ValidationError) as error:
        services.question_hand_off(staff, question, to_member=to_member, note=note)

    assert field in error.value.error_dict
    question.refresh_from_db()
    assert question.owner == staff
    assert not question.events.filter(kind=QuestionEvent.Kind.HANDED_OFF).exists()


def test_a_colleague_whose_card_is_inactive_cannot_receive_a_question(question, staff):
    former = StaffCardFactory(is_active=False).member
    services.ownership_take(staff, question)

    with pytest.raises(ValidationError):
        services.question_hand_off(staff, question, to_member=former, note="Over to you")


def test_only_the_owner_hands_off(question, staff, colleague):
    services.ownership_take(staff, question)

    with pytest.raises(PermissionDenied):
        services.question_hand_off(colleague, question, to_member=colleague, note="Mine now")


def test_asking_for_staff_waits_once_and_only_the_asker_asks(question, asker):
    services.staff_request(asker, question)

    question.refresh_from_db()
    assert question.is_waiting_for_staff
    with pytest.raises(PermissionDenied):
        services.staff_request(asker, question)
    with pytest.raises(PermissionDenied):
        services.staff_request(MemberFactory(), question)


def test_nobody_asks_for_staff_once_a_member_of_staff_looks_after_the_question(
    question, asker, staff
):
    services.ownership_take(staff, question)

    with pytest.raises(PermissionDenied):
        services.staff_request(asker, question)

    question.refresh_from_db()
    assert question.asked_for_staff_at is None


# Duplicates


def test_a_duplicate_points_to_the_original_and_its_followers_follow_it_too(
    product, question, asker, staff
):
    other_asker = MemberFactory()
    follower = MemberFactory()
    duplicate = services.question_ask(
        other_asker, title="Descaling the Aurora: how often?", body="?", product=product
    )
    services.question_follow_set(follower, duplicate, on=True)

    services.question_mark_duplicate(staff, duplicate, original=question)

    duplicate.refresh_from_db()
    assert duplicate.status == QuestionStatus.DUPLICATE
    assert duplicate.duplicate_of == question
    assert set(followers(question)) >= {other_asker, follower, asker}
    notification = Notification.objects.get(recipient=follower, kind="question_duplicate")
    assert notification.url == question.get_absolute_url()
    assert notification.params["other_title"] == question.title
    with pytest.raises(PermissionDenied):
        services.answer_create(MemberFactory(), duplicate, body="Too late")


def test_a_duplicate_of_a_duplicate_points_to_the_original(product, question, staff):
    first = services.question_ask(
        MemberFactory(), title="Descale how often?", body="?", product=product
    )
    second = services.question_ask(
        MemberFactory(), title="Descaling frequency?", body="?", product=product
    )
    services.question_mark_duplicate(staff, first, original=question)

    services.question_mark_duplicate(staff, second, original=first)

    second.refresh_from_db()
    assert second.duplicate_of == question


def test_a_question_is_never_a_duplicate_of_itself(question, staff):
    with pytest.raises(ValidationError):
        services.question_mark_duplicate(staff, question, original=question)


def test_members_cannot_mark_duplicates(product, question, asker):
    other = services.question_ask(
        MemberFactory(), title="Descale how often?", body="?", product=product
    )
    with pytest.raises(PermissionDenied):
        services.question_mark_duplicate(asker, other, original=question)


# Waiting


def test_waiting_times_are_measured_from_the_question(product, asker, staff):
    asked = timezone.now()
    with time_machine.travel(asked, tick=False):
        question = services.question_ask(
            asker, title="Is it still waiting?", body="?", product=product
        )
    with time_machine.travel(asked + timedelta(hours=3), tick=False):
        services.answer_create(MemberFactory(), question, body="A member's answer")
    with time_machine.travel(asked + timedelta(days=2), tick=False):
        services.answer_create(staff, question, body="A staff answer")

    question.refresh_from_db()
    assert question.first_answer_at - question.created_at == timedelta(hours=3)
    assert question.first_staff_answer_at - question.created_at == timedelta(days=2)


def test_notifications_stay_quiet_while_muted(question, answerer, asker):
    with services.notifications_muted():
        services.answer_create(answerer, question, body="Quietly")

    assert kinds_for(asker) == []


def test_a_member_cannot_answer_a_deleted_question(question, asker):
    services.question_delete(asker, question)

    with pytest.raises(PermissionDenied):
        services.answer_create(MemberFactory(), question, body="Hello?")
