"""Questions pages cost a fixed number of queries, whatever the number of answers, replies,
votes and questions behind them."""

import pytest

from community.questions import services
from community.questions.selectors import ANSWERS_PER_PAGE
from tests.factories import MemberFactory, QuestionFactory, StaffCardFactory, TopicFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

VIEWERS = ["visitor", "member", "asker", "staff"]


@pytest.fixture(params=VIEWERS)
def reader(request, client, asker):
    """Who reads the page, signed in (None for a visitor)."""
    people = {"visitor": None, "member": MemberFactory(), "asker": asker}
    person = people.get(request.param) or (
        request.getfixturevalue("staff") if request.param == "staff" else None
    )
    if person is not None:
        client.force_login(person)
    return person


def add_answers(question, count, *, voters, reader):
    """Answers from members and staff, each with a reply and upvotes, every other one with a
    reply written as staff and the reader's upvote; one of them deleted."""
    staff = StaffCardFactory().member
    for number in range(count):
        author = staff if number % 3 == 0 else MemberFactory()
        answer = services.answer_create(author, question, body=f"Answer **{number}** @nobody")
        services.reply_create(MemberFactory(), answer, body=f"Reply to {number}")
        if number % 2:
            services.reply_create(staff, answer, body="A staff reply")
        for voter in voters:
            services.answer_vote_set(voter, answer, on=True)
        if reader is not None and number % 2 and author.pk != reader.pk:
            services.answer_vote_set(reader, answer, on=True)
        if number == 1:
            services.answer_delete(author, answer)
    return staff


def test_a_question_page_costs_the_same_with_5_answers_as_with_more_than_a_page(
    client, question, asker, colleague, reader
):
    voters = MemberFactory.create_batch(2)
    services.ownership_take(colleague, question)
    services.question_vote_set(voters[0], question, on=True)
    staff = add_answers(question, 5, voters=voters, reader=reader)
    first = question.answers.filter(parent__isnull=True, deleted_at__isnull=True).first()
    services.solution_set(asker, first)
    services.question_hand_off(colleague, question, to_member=staff, note="Over to you")
    path = question.get_absolute_url()
    few = queries_for(client.get, path)

    # A full first page and more after it: what the page shows and its page links both grow.
    add_answers(question, ANSWERS_PER_PAGE + 5, voters=voters, reader=reader)
    many = queries_for(client.get, path)

    assert many == few
    assert question.answers.filter(parent__isnull=True).count() == ANSWERS_PER_PAGE + 10


def test_the_list_costs_the_same_with_5_questions_as_with_45(client, product, reader):
    topic = TopicFactory()
    staff = StaffCardFactory().member

    def add(count):
        for number in range(count):
            if number % 2:
                question = QuestionFactory(topic=topic)
            else:
                question = QuestionFactory(product=product, topic=None)
            services.answer_create(MemberFactory(), question, body="An answer")
            if number % 3 == 0:
                services.ownership_take(staff, question)

    add(5)
    few = queries_for(client.get, "/questions/?sort=votes")
    add(40)
    many = queries_for(client.get, "/questions/?sort=votes")

    assert many == few


def test_the_product_section_and_member_page_cost_the_same_with_more_questions(
    client, product, asker
):
    def add(count):
        for _ in range(count):
            question = services.question_ask(
                asker, title="Another question about it", body="?", product=product
            )
            services.answer_create(asker, question, body="My own answer")

    add(3)
    few = (queries_for(client.get, product.url), queries_for(client.get, asker.get_absolute_url()))
    add(30)
    many = (queries_for(client.get, product.url), queries_for(client.get, asker.get_absolute_url()))

    assert many == few


def test_the_inbox_costs_the_same_with_more_questions(client, product, staff):
    client.force_login(staff)

    def add(count):
        for number in range(count):
            question = services.question_ask(
                MemberFactory(), title="A question for the inbox", body="?", product=product
            )
            if number % 3 == 0:
                services.staff_request(question.author, question)
            if number % 2:
                services.ownership_take(staff, question)

    add(4)
    few = queries_for(client.get, "/questions/inbox/")
    add(40)
    many = queries_for(client.get, "/questions/inbox/")

    assert many == few


@pytest.mark.parametrize("sort", ["active", "newest", "votes"])
def test_a_deep_page_of_the_list_costs_the_same_as_the_first_with_more_questions(
    client, elements, product, reader, sort
):
    topic = TopicFactory(slug="kettles")

    def add(count):
        for number in range(count):
            question = QuestionFactory(topic=topic) if number % 2 else QuestionFactory()
            if number % 3 == 0:
                services.answer_create(MemberFactory(), question, body="An answer")

    def deep_page(path):
        """The address of the last page, reached through the "Next" links."""
        while True:
            response = client.get(path)
            found = elements(response.content, "a", rel="next")
            if not found:
                return path
            path = found[0][0]["href"]

    def costs():
        """Queries of the first page, the last page, and the last page of a filtered list."""
        return [
            queries_for(client.get, path)
            for path in (
                f"/questions/?sort={sort}",
                deep_page(f"/questions/?sort={sort}"),
                deep_page(f"/questions/?topic=kettles&status=open&sort={sort}"),
            )
        ]

    add(45)
    few = costs()
    add(60)
    many = costs()

    assert few == many
    assert few[0] == few[1]
