"""The member page for staff, a conversation and the lists cost a fixed number of queries,
whatever the member has done: measured with 2 and with 12 of every kind of activity."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from community.conversations import services
from community.models import Appeal, Decision, Suspension
from community.questions import services as question_services
from community.reports import report_create
from ideas.services.votes import idea_vote
from tests.factories import (
    MemberFactory,
    OwnershipFactory,
    QuestionFactory,
    ReviewFactory,
    StaffCardFactory,
    TopicFactory,
    product_page,
    proposed_idea,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


class Activity:
    """Adds `count` of every kind of activity to a member's history."""

    def __init__(self, member, site_pages, moderator):
        self.member = member
        self.catalogue = site_pages.catalogue["en"]
        self.moderator = moderator
        self.topic = TopicFactory()
        self.made = 0

    def add(self, count):
        member = self.member
        for _ in range(count):
            self.made += 1
            number = self.made
            product = product_page(self.catalogue, f"Product {number}")
            ReviewFactory(author=member, product=product, title=f"Review {number}")
            OwnershipFactory(member=member, product=product)
            question = QuestionFactory(author=member, topic=self.topic, title=f"Question {number}?")
            card = StaffCardFactory(real_name=f"Staff {number}")
            question_services.ownership_take(card.member, question)
            conversation = services.conversation_open(
                member, question=question, subject=f"Private {number}", body="Order A-1"
            )
            services.message_post(card.member, conversation, body="On it.")
            other = QuestionFactory(topic=self.topic)
            question_services.answer_create(member, other, body=f"Answer {number}")
            proposed_idea(member, title=f"Idea number {number} for the machine")
            idea_vote(member, proposed_idea(title=f"Someone's idea {number}"), importance=2)
            report_create(MemberFactory(), question, reason="spam", text="Looks like spam.")
            question_type = ContentType.objects.get_for_model(question)
            decision = Decision.objects.create(
                content_type=question_type,
                object_id=question.pk,
                author=member,
                action=Decision.Action.HIDE,
                reason_code="spam",
                moderator=self.moderator,
            )
            Appeal.objects.create(
                content_type=question_type,
                object_id=question.pk,
                appellant=member,
                decision=decision,
                text="It is not spam.",
            )
            Suspension.objects.create(
                member=member,
                until=timezone.now() - timedelta(days=number),
                reason="Earlier insults.",
                suspended_by=self.moderator,
            )
            note = services.note_add(card.member, member, text=f"Draft {number}")
            services.note_edit(card.member, note, text=f"Note {number}")


def test_the_member_page_costs_the_same_with_2_as_with_12_of_everything(
    client, site_pages, staff, moderator, elements
):
    member = MemberFactory(display_name="Busy Member")
    activity = Activity(member, site_pages, moderator)
    client.force_login(staff)
    path = f"/staff/members/{member.handle}/"

    activity.add(2)
    few = queries_for(client.get, path)
    activity.add(10)
    many = queries_for(client.get, path)

    assert many == few
    html = client.get(path).content.decode()
    for key in (
        "reviews",
        "questions",
        "answers",
        "ideas",
        "votes",
        "products",
        "conversations",
        "reports",
        "decisions",
        "suspensions",
        "appeals",
    ):
        section = [
            text for attrs, text in elements(html, "section") if attrs.get("data-section") == key
        ]
        assert section and "12" in section[0], key
        assert f"/staff/members/{member.handle}/{key}/" in html
    notes = [text for _attrs, text in elements(html, "p", class_="member-note__text")]
    assert notes == [f"Note {number}" for number in range(12, 2, -1)]
    owners = [text for _attrs, text in elements(html, "strong") if text.startswith("Staff ")]
    assert sorted(owners) == sorted(f"Staff {number}" for number in range(1, 13))


def test_each_full_list_costs_the_same_with_2_as_with_12(client, site_pages, staff, moderator):
    member = MemberFactory(display_name="Busy Member")
    activity = Activity(member, site_pages, moderator)
    client.force_login(staff)
    keys = [
        "reviews",
        "questions",
        "answers",
        "ideas",
        "votes",
        "products",
        "conversations",
        "reports",
        "decisions",
        "suspensions",
        "appeals",
        "notes",
    ]

    activity.add(2)
    few = {key: queries_for(client.get, f"/staff/members/{member.handle}/{key}/") for key in keys}
    activity.add(10)
    many = {key: queries_for(client.get, f"/staff/members/{member.handle}/{key}/") for key in keys}

    assert many == few


def test_a_conversation_and_the_list_cost_the_same_with_2_as_with_12_messages(
    client, conversation, asker, staff, colleague
):
    def add(count):
        for number in range(count):
            author = asker if number % 2 else staff
            services.message_post(author, conversation, body=f"Message **{number}** @nobody")

    add(1)
    services.conversation_hand_over(staff, conversation, to_member=colleague, note="Yours.")
    for viewer in (asker, colleague):
        client.force_login(viewer)
        few = queries_for(client.get, conversation.get_absolute_url())
        few_list = queries_for(client.get, "/conversations/")
        add(10)
        assert queries_for(client.get, conversation.get_absolute_url()) == few
        assert queries_for(client.get, "/conversations/") == few_list


def test_the_question_page_costs_the_same_with_1_as_with_5_conversations(
    client, question, asker, staff
):
    client.force_login(staff)
    services.conversation_open(asker, question=question, subject="First", body="One")
    path = question.get_absolute_url()
    few = queries_for(client.get, path)
    for number in range(4):
        Conversation = services.Conversation
        Conversation.objects.filter(member=asker, status="open").update(status="closed")
        services.conversation_open(asker, question=question, subject=f"More {number}", body="x")
    assert queries_for(client.get, path) == few
