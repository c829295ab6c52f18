"""A busy question's answers come a page at a time, the solution first on page 1, and every link
to an answer (notifications, a member's page, the redirects after an action) finds the page that
shows it now."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import ModerationState
from community.questions import selectors, services
from community.questions.models import Question
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PER_PAGE = 3


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    """Three answers a page, so that seven answers make three pages."""
    monkeypatch.setattr(selectors, "ANSWERS_PER_PAGE", PER_PAGE)


@pytest.fixture
def answers(question):
    """Seven answers, oldest first: with no votes, the order they are shown in."""
    return [
        services.answer_create(MemberFactory(), question, body=f"Answer number {number}.")
        for number in range(7)
    ]


def answers_shown(elements, response):
    return [
        attrs["id"]
        for attrs, _text in elements(response.content, "article")
        if attrs.get("id", "").startswith("answer-")
    ]


def ids(*answers):
    return [f"answer-{answer.pk}" for answer in answers]


def test_the_first_page_shows_the_first_answers_and_counts_them_all(
    client, elements, question, answers
):
    response = client.get(question.get_absolute_url())

    assert answers_shown(elements, response) == ids(*answers[:3])
    assert "7 answers" in response.content.decode()


def test_the_last_page_shows_the_rest(client, elements, question, answers):
    response = client.get(f"{question.get_absolute_url()}?page=3")

    assert answers_shown(elements, response) == ids(answers[6])
    assert "7 answers" in response.content.decode()


def test_the_solution_comes_first_on_the_first_page(client, elements, question, asker, answers):
    services.solution_set(asker, answers[5])

    first = client.get(question.get_absolute_url())
    second = client.get(f"{question.get_absolute_url()}?page=2")

    assert answers_shown(elements, first) == ids(answers[5], answers[0], answers[1])
    assert answers_shown(elements, second) == ids(*answers[2:5])


def test_the_pages_link_to_each_other_at_the_answers(client, elements, question, answers):
    url = question.get_absolute_url()

    response = client.get(f"{url}?page=2")

    (nav,) = [attrs for attrs, _ in elements(response.content, "nav", class_="answer-pages")]
    links = {
        attrs.get("aria-label", text): attrs["href"]
        for attrs, text in elements(response.content, "a")
    }
    assert nav["aria-label"] == "Pages of answers"
    assert links["Page 1"] == f"{url}#answers"
    assert links["Page 3"] == f"{url}?page=3#answers"
    assert links["Previous"] == f"{url}#answers"
    assert links["Next"] == f"{url}?page=3#answers"
    spans = elements(response.content, "span")
    current = [
        (attrs["aria-label"], text) for attrs, text in spans if attrs.get("aria-current") == "page"
    ]
    assert current == [("Page 2", "2")]


def test_a_question_with_one_page_of_answers_shows_no_page_links(client, elements, question):
    services.answer_create(MemberFactory(), question, body="The only answer.")

    response = client.get(question.get_absolute_url())

    assert not elements(response.content, "nav", class_="answer-pages")


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "2.5"])
def test_a_page_number_that_does_not_exist_shows_a_page_that_does(
    client, elements, question, answers, page
):
    response = client.get(f"{question.get_absolute_url()}?page={page}")

    assert response.status_code == 200
    assert answers_shown(elements, response) in (ids(*answers[:3]), ids(answers[6]))


# --- Links to an answer ---------------------------------------------------------------------


def test_an_answers_lasting_address_sends_to_the_page_that_shows_it(client, question, answers):
    url = question.get_absolute_url()

    assert answers[5].get_absolute_url() == f"/questions/answers/{answers[5].pk}/"
    assert client.get(answers[5].get_absolute_url())["Location"] == (
        f"{url}?page=2#answer-{answers[5].pk}"
    )
    assert client.get(answers[0].get_absolute_url())["Location"] == f"{url}#answer-{answers[0].pk}"


def test_a_reply_sends_to_the_page_of_the_answer_it_replies_to(client, question, answers):
    reply = services.reply_create(MemberFactory(), answers[4], body="Same here.")

    response = client.get(reply.get_absolute_url())

    assert response["Location"] == f"{question.get_absolute_url()}?page=2#answer-{reply.pk}"


def test_the_address_follows_the_answer_when_votes_move_it(client, question, answers):
    for voter in MemberFactory.create_batch(2):
        services.answer_vote_set(voter, answers[6], on=True)

    response = client.get(answers[6].get_absolute_url())

    assert response["Location"] == f"{question.get_absolute_url()}#answer-{answers[6].pk}"


def test_voting_comes_back_to_the_page_of_the_answer(client, question, answers):
    for voter in MemberFactory.create_batch(2):
        for answer in answers[:3]:
            services.answer_vote_set(voter, answer, on=True)
    voter = MemberFactory()
    client.force_login(voter)

    response = client.post(f"/questions/answers/{answers[5].pk}/vote/", {"vote": "1"})

    assert response["Location"] == f"{question.get_absolute_url()}?page=2#answer-{answers[5].pk}"


def test_a_notification_links_to_the_lasting_address(question, asker, answers):
    notification = asker.notifications.filter(url__contains="/answers/").latest("pk")

    assert notification.url == answers[6].get_absolute_url()


def test_an_answer_that_does_not_exist_is_not_found(client, db):
    assert client.get("/questions/answers/999999/").status_code == 404


def test_an_answer_under_a_held_question_is_not_found_by_others(client, question, answers):
    Question.objects.filter(pk=question.pk).update(moderation_state=ModerationState.HELD)

    assert client.get(answers[0].get_absolute_url()).status_code == 404
    client.force_login(question.author)
    assert client.get(answers[0].get_absolute_url()).status_code == 302


# --- Cost -----------------------------------------------------------------------------------


def test_a_later_page_costs_the_same_queries_as_the_first(client, question, answers):
    client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as first:
        client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as third:
        client.get(f"{question.get_absolute_url()}?page=3")

    assert len(third) == len(first), [q["sql"] for q in third.captured_queries]
