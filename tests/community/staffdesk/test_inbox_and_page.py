"""The staff inbox by promise deadline, with its filters, and the promise shown on the question
page to everyone."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.questions import services
from community.questions.models import Question
from tests.community.staffdesk.conftest import paris
from tests.factories import MemberFactory

# Marked so that pytest-django runs them with the other database tests, before the
# transactional ones that empty the tables.
pytestmark = pytest.mark.django_db

TUESDAY_10 = paris(2026, 3, 10, 10, 0)


def ask(title, product, *, at=TUESDAY_10, asker=None, **place):
    with time_machine.travel(at, tick=False):
        return services.question_ask(
            asker or MemberFactory(),
            title=title,
            body="Please help.",
            **(place or {"product": product}),
        )


def queue_titles(elements, response):
    return [text for _attrs, text in elements(response.content, "a", class_="inbox-queue__title")]


@pytest.fixture
def board(promise, product, other_product, staff, colleague, other_team):
    """Questions in every state, asked at different times."""
    late = ask("Asked first, now past its promise", product, at=TUESDAY_10 - timedelta(days=7))
    soon = ask("Asked on Monday, due soonest", other_product, at=paris(2026, 3, 9, 16, 0))
    later = ask("Asked on Tuesday, due later", product)
    answered = ask("Answered by staff, waiting on the asker", product)
    with time_machine.travel(TUESDAY_10 + timedelta(hours=1), tick=False):
        services.answer_create(colleague, answered, body="Which model is it?")
    services.ownership_take(staff, Question.objects.get(pk=later.pk))
    return {"late": late, "soon": soon, "later": later, "answered": answered}


def test_the_queue_puts_the_soonest_deadline_first_and_marks_the_overdue(
    client, elements, board, staff
):
    client.force_login(staff)

    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        response = client.get("/questions/inbox/")

    assert queue_titles(elements, response) == [
        board["late"].title,
        board["soon"].title,
        board["later"].title,
        board["answered"].title,
    ]
    overdue = elements(response.content, "tr", class_="inbox-queue__row--overdue")
    assert len(overdue) == 1 and board["late"].title in overdue[0][1]
    assert "Overdue by 6 days" in overdue[0][1].replace("\xa0", " ")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=staff", ["late", "soon", "later"]),
        ("state=customer", ["answered"]),
        ("state=overdue", ["late"]),
        ("state=mine", ["later"]),
        ("state=unowned", ["late", "soon", "answered"]),
        ("product=OTHER", ["soon"]),
        ("team=SUPPORT&state=mine", ["later"]),
        ("team=PRODUCT", []),
    ],
)
def test_the_filters_narrow_the_queue_and_keep_their_values(
    client, elements, board, staff, other_product, team, other_team, query, expected
):
    query = (
        query.replace("OTHER", str(other_product.pk))
        .replace("SUPPORT", str(team.pk))
        .replace("PRODUCT", str(other_team.pk))
    )
    client.force_login(staff)

    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        response = client.get(f"/questions/inbox/?{query}")

    assert queue_titles(elements, response) == [board[key].title for key in expected]
    for pair in query.split("&"):
        name, value = pair.split("=")
        (select,) = elements(response.content, "select", name=name)
        options = elements(select_html(response, name), "option", value=value)
        assert options and "selected" in options[0][0]


def select_html(response, name):
    html = response.content.decode()
    start = html.index(f'name="{name}"')
    return html[start : html.index("</select>", start)]


def test_an_unknown_filter_value_is_reported_and_filters_nothing(client, elements, board, staff):
    client.force_login(staff)

    response = client.get("/questions/inbox/?state=someday&team=999999")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Please choose one of the states in the list." in html
    assert "That team does not exist any more." in html
    assert len(queue_titles(elements, response)) == 4


ROLES = ["visitor", "member", "moderator", "product_team_member", "staff", "asker"]


@pytest.mark.parametrize("role", ROLES)
def test_the_inbox_is_for_staff(request, client, role):
    person = request.getfixturevalue(role)
    if person is not None:
        client.force_login(person)

    response = client.get("/questions/inbox/?state=overdue")

    if role == "visitor":
        assert response.status_code == 302
    elif role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_the_inbox_costs_the_same_with_more_questions(client, promise, product, staff, colleague):
    client.force_login(staff)

    def add(count):
        for number in range(count):
            question = ask(f"Question number {number} for the inbox", product)
            if number % 2:
                services.ownership_take(staff, Question.objects.get(pk=question.pk))
            if number % 3 == 0:
                services.answer_create(colleague, question, body="Which model?")

    def queries(query):
        client.get(f"/questions/inbox/?{query}")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/questions/inbox/?{query}").status_code == 200
        return len(captured)

    add(4)
    few = [queries(""), queries("state=staff&team=1")]
    add(40)
    assert [queries(""), queries("state=staff&team=1")] == few


def test_staff_find_the_inbox_and_the_figures_in_their_account_menu(client, staff, member):
    client.force_login(staff)
    html = client.get("/questions/").content.decode()
    assert 'href="/questions/inbox/"' in html and 'href="/staff/figures/"' in html

    client.force_login(member)
    html = client.get("/questions/").content.decode()
    assert 'href="/staff/figures/"' not in html


# --- The question page ---


def test_everyone_sees_who_is_awaited_and_until_when(client, promise, product, asker):
    question = ask("How often should I descale it?", product, asker=asker)

    with time_machine.travel(TUESDAY_10 + timedelta(hours=1), tick=False):
        response = client.get(question.get_absolute_url())

    html = response.content.decode()
    assert 'data-waiting-on="staff"' in html
    assert "A member of staff answers by Wednesday 11 March, 10:00." in html
    assert "Waiting on staff since Tuesday 10 March, 10:00." in html
    assert promise.text_en in html


def test_the_asker_sees_who_answered_and_what_happens_next_after_a_staff_answer(
    client, promise, product, asker, staff
):
    question = ask("How often should I descale it?", product, asker=asker)
    with time_machine.travel(TUESDAY_10 + timedelta(hours=2), tick=False):
        services.answer_create(staff, question, body="Which water do you use?")
    client.force_login(asker)

    with time_machine.travel(TUESDAY_10 + timedelta(hours=3), tick=False):
        html = client.get(question.get_absolute_url()).content.decode()

    assert 'data-waiting-on="customer"' in html
    assert "Amélie Durand answered on Tuesday 10 March, 12:00." in html
    assert "If it solves your question, mark it as the solution." in html
    assert "Waiting for your reply" not in html
    assert 'data-promise="kept"' in html
    assert "within the promised time (by Wednesday 11 March, 10:00)" in html


def test_a_missed_promise_is_said_plainly_on_the_thread(client, promise, product, asker, staff):
    question = ask("How often should I descale it?", product, asker=asker)
    services.ownership_take(staff, Question.objects.get(pk=question.pk))

    with time_machine.travel(paris(2026, 3, 11, 11, 0), tick=False):
        html = client.get(question.get_absolute_url()).content.decode()
    assert "We promised a member of staff would answer by Wednesday 11 March, 10:00" in html
    assert "Amélie Durand has been told" in html

    with time_machine.travel(paris(2026, 3, 11, 12, 0), tick=False):
        services.answer_create(staff, question, body="Sorry for the wait.")
        html = client.get(question.get_absolute_url()).content.decode()
    assert 'data-promise="missed"' in html
    assert "later than promised" in html


def test_the_question_page_costs_the_same_with_a_promise(client, promise, product, asker):
    question = ask("How often should I descale it?", product, asker=asker)
    url = question.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as with_promise:
        client.get(url)
    promise.delete()
    client.get(url)
    with CaptureQueriesContext(connection) as without:
        client.get(url)

    assert len(with_promise) == len(without)
