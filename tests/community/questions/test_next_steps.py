"""The asker's side panel says what is true now: nobody yet (and the way to ask for a person),
then who looks after the question and by when they answer, then who answered and what happens
next; never "I'd like a member of staff" once staff are on it."""

import re
from html import unescape

import pytest

from community.questions import services
from community.questions.models import Question
from tests.factories import MemberFactory, ResponsePromiseFactory

pytestmark = pytest.mark.django_db

ASK_STAFF = "I’d like a member of staff to answer"


@pytest.fixture
def promise(db):
    return ResponsePromiseFactory()


def panel(client, question):
    """The text of the panel "Who looks after it", as the signed-in reader sees it."""
    html = unescape(client.get(question.get_absolute_url()).content.decode())
    section = html.split('id="owner"', 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", section).split()), section


def fresh(question):
    return Question.objects.get(pk=question.pk)


def test_before_anyone_is_on_it_the_asker_can_ask_for_a_person(client, promise, question, asker):
    client.force_login(asker)

    text, _html = panel(client, question)

    assert "Nobody from the team has taken this question on yet." in text
    assert "A member of staff answers by" in text
    assert ASK_STAFF in text


def test_once_someone_looks_after_it_the_asker_reads_who_answers_and_by_when(
    client, promise, question, asker, staff
):
    services.ownership_take(staff, question)
    client.force_login(asker)

    text, _html = panel(client, question)

    assert "is looking after your question." in text
    assert re.search(r"Amélie Durand answers by \w+ \d+ \w+, \d\d:\d\d\.", text)
    assert ASK_STAFF not in text
    assert "Nobody from the team" not in text


def test_without_a_promise_the_owner_is_still_named(client, question, asker, staff):
    services.ownership_take(staff, question)
    client.force_login(asker)

    text, _html = panel(client, question)

    assert "Waiting for an answer from Amélie Durand." in text


def test_after_a_staff_answer_the_asker_reads_who_answered_and_what_happens_next(
    client, promise, question, asker, staff
):
    answer = services.answer_create(staff, question, body="Which water do you use?")
    client.force_login(asker)

    text, html = panel(client, question)

    assert re.search(r"Amélie Durand answered on \w+ \d+ \w+, \d\d:\d\d\.", text)
    assert f'href="{answer.get_absolute_url()}"' in html
    assert "What happens next" in text
    assert "If it solves your question, mark it as the solution." in text
    assert (
        "If you need more help, reply here: the question goes back to the team, and a member "
        "of staff answers within 1 business day." in text
    )
    assert "Waiting for your reply" not in text
    assert ASK_STAFF not in text
    assert "Nobody from the team" not in text


def test_with_an_owner_the_next_step_names_them(client, promise, question, asker, staff):
    services.ownership_take(staff, question)
    services.answer_create(staff, fresh(question), body="Which water do you use?")
    client.force_login(asker)

    text, _html = panel(client, question)

    assert (
        "If you need more help, reply here: Amélie Durand is told and answers within "
        "1 business day." in text
    )


def test_other_readers_see_who_answered_and_that_the_asker_has_the_move(
    client, promise, question, staff
):
    services.answer_create(staff, question, body="Which water do you use?")
    client.force_login(MemberFactory())

    text, _html = panel(client, question)

    assert "Amélie Durand answered on" in text
    assert "Waiting for the asker’s reply since" in text
    assert "What happens next" not in text


def test_a_member_answer_is_not_taken_for_a_staff_one(client, promise, question, asker):
    services.answer_create(MemberFactory(display_name="Oliver Smith"), question, body="Monthly.")
    client.force_login(asker)

    text, _html = panel(client, question)

    assert "Oliver Smith answered" not in text
    assert ASK_STAFF in text


def test_asking_for_staff_from_a_page_opened_before_staff_took_it_says_who_is_on_it(
    client, question, asker, staff
):
    client.force_login(asker)
    services.ownership_take(staff, question)

    response = client.post(f"/questions/{question.pk}/ask-staff/", follow=True)

    assert response.redirect_chain[-1][0].endswith("#owner")
    assert "A member of staff is already on your question" in response.content.decode()
    assert fresh(question).asked_for_staff_at is None


def test_after_a_staff_answer_asking_for_staff_is_refused_to_others_too(client, question, staff):
    services.answer_create(staff, question, body="Which water do you use?")
    client.force_login(MemberFactory())

    response = client.post(f"/questions/{question.pk}/ask-staff/")

    assert response.status_code == 403
    assert fresh(question).asked_for_staff_at is None


def test_the_panel_speaks_french(client, promise, question, asker, staff):
    services.answer_create(staff, question, body="Quelle eau utilisez-vous ?")
    client.force_login(asker)

    html = unescape(client.get(f"/fr{question.get_absolute_url()}").content.decode())

    assert "Et maintenant" in html
    assert "Si elle résout votre question, marquez-la comme la solution." in html
