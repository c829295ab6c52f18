"""Every action on questions and answers against every role: visitor, unverified member, member,
the author (the asker, or the answer's author), staff, moderator and product team.

Each test sends the real request and checks what was written, not only the status code.
"""

import pytest

from community.follows import is_following
from community.models import WrittenAs
from community.questions import services
from community.questions.models import Answer, AnswerVote, Question, QuestionStatus

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "unverified_member",
    "member",
    "author",
    "staff",
    "moderator",
    "product_team_member",
]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def acting(request, client, role):
    """A client signed in as the role under test, and who that is (None for a visitor).

    "author" is the asker for actions on the question, and the answer's author for actions on
    an answer: tests that need the latter ask for `answer_author_acting`.
    """

    def sign_in(author):
        actor = author if role == "author" else request.getfixturevalue(role)
        if actor is not None:
            client.force_login(actor)
        return client, actor

    return sign_in


def assert_sent_to_log_in(response):
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_asking(acting, role, asker, product):
    client, actor = acting(asker)

    response = client.post(
        "/questions/ask/",
        {"title": "Does the Aurora froth oat milk?", "place": f"product:{product.pk}", "body": "?"},
    )

    asked = Question.objects.filter(title="Does the Aurora froth oat milk?").first()
    if role == "visitor":
        assert_sent_to_log_in(response)
        assert asked is None
    elif role == "unverified_member":
        assert response.status_code == 403
        assert asked is None
    else:
        assert response.status_code == 302
        assert response["Location"] == asked.get_absolute_url()
        assert asked.author == actor
        expected = WrittenAs.STAFF if role == "staff" else WrittenAs.MEMBER
        assert asked.written_as == expected


def test_answering(acting, role, asker, question):
    client, actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/answer/", {"body": "Try this."})

    answered = Answer.objects.filter(question=question, body="Try this.").first()
    if role == "visitor":
        assert_sent_to_log_in(response)
        assert answered is None
    elif role == "unverified_member":
        assert response.status_code == 403
        assert answered is None
    else:
        assert response.status_code == 302
        assert response["Location"] == f"{question.get_absolute_url()}#answer-{answered.pk}"
        assert answered.author == actor


def test_replying(acting, role, answerer, answer):
    client, actor = acting(answerer)

    response = client.post(f"/questions/answers/{answer.pk}/reply/", {"body": "Thanks!"})

    reply = Answer.objects.filter(parent=answer).first()
    if role == "visitor":
        assert_sent_to_log_in(response)
        assert reply is None
    elif role == "unverified_member":
        assert response.status_code == 403
        assert reply is None
    else:
        assert response.status_code == 302
        assert reply.author == actor


def test_editing_a_question(acting, role, asker, question):
    client, _actor = acting(asker)

    response = client.post(
        f"/questions/{question.pk}/edit/",
        {"title": "How often must I descale it?", "body": "Edited", "reason": ""},
    )

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "author":
        assert response.status_code == 302
        assert question.title == "How often must I descale it?"
        return
    else:
        assert response.status_code == 403
    assert question.title == "How often should I descale the Aurora?"


def test_editing_an_answer(acting, role, answerer, answer):
    client, _actor = acting(answerer)

    response = client.post(f"/questions/answers/{answer.pk}/edit/", {"body": "Edited answer"})

    answer.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "author":
        assert response.status_code == 302
        assert answer.body == "Edited answer"
        return
    else:
        assert response.status_code == 403
    assert answer.body == "Every month with hard water."


def test_deleting_an_unanswered_question(acting, role, asker, question):
    client, actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/delete/")

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("author", "moderator"):
        assert response.status_code == 302
        assert question.deleted_by == actor
        return
    else:
        assert response.status_code == 403
    assert not question.is_deleted


def test_deleting_an_answered_question_is_for_moderators(acting, role, asker, question, answer):
    client, actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/delete/")

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "moderator":
        assert response.status_code == 302
        assert question.is_deleted
        return
    else:
        assert response.status_code == 403
    assert not question.is_deleted


def test_deleting_an_answer(acting, role, answerer, answer):
    client, actor = acting(answerer)

    response = client.post(f"/questions/answers/{answer.pk}/delete/")

    answer.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("author", "moderator"):
        assert response.status_code == 302
        assert answer.deleted_by == actor
        return
    else:
        assert response.status_code == 403
    assert not answer.is_deleted


def test_upvoting_an_answer(acting, role, answerer, answer):
    client, actor = acting(answerer)

    response = client.post(f"/questions/answers/{answer.pk}/vote/", {"vote": "1"})

    answer.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("unverified_member", "author"):
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert answer.upvote_count == 1
        assert AnswerVote.objects.filter(answer=answer, member=actor).exists()
        return
    assert answer.upvote_count == 0


def test_marking_the_solution(acting, role, asker, question, answer):
    client, _actor = acting(asker)

    response = client.post(f"/questions/answers/{answer.pk}/solution/", {"solution": "1"})

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("author", "staff"):
        assert response.status_code == 302
        assert question.solution_id == answer.pk
        assert question.status == QuestionStatus.SOLVED
        return
    else:
        assert response.status_code == 403
    assert question.solution_id is None


def test_taking_ownership(acting, role, asker, question):
    client, actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/take/")

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "staff":
        assert response.status_code == 302
        assert question.owner == actor
        return
    else:
        assert response.status_code == 403
    assert question.owner is None


def test_handing_off(request, acting, role, asker, question, colleague):
    owner = request.getfixturevalue("staff")
    services.ownership_take(owner, question)
    client, actor = acting(asker)

    response = client.post(
        f"/questions/{question.pk}/hand-off/",
        {"to_card": colleague.staff_card.pk, "note": "Camille knows this firmware."},
    )

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "staff":
        assert response.status_code == 302
        assert question.owner == colleague
        return
    else:
        assert response.status_code == 403
    assert question.owner == owner


def test_asking_for_a_member_of_staff(acting, role, asker, question):
    client, _actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/ask-staff/")

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "author":
        assert response.status_code == 302
        assert question.is_waiting_for_staff
        return
    else:
        assert response.status_code == 403
    assert question.asked_for_staff_at is None


def test_marking_a_duplicate(acting, role, asker, question, product):
    other = services.question_ask(
        asker, title="Descaling the Aurora, again", body="?", product=product
    )
    client, _actor = acting(asker)

    response = client.post(f"/questions/{other.pk}/duplicate/", {"original": str(question.pk)})

    other.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("staff", "moderator"):
        assert response.status_code == 302
        assert other.duplicate_of == question
        return
    else:
        assert response.status_code == 403
    assert other.duplicate_of is None


def test_closing_as_answered(acting, role, asker, question, answer):
    client, _actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/close/")

    question.refresh_from_db()
    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role in ("author", "staff"):
        assert response.status_code == 302
        assert question.status == QuestionStatus.ANSWERED
        return
    else:
        assert response.status_code == 403
    assert question.status == QuestionStatus.OPEN


def test_following(acting, role, asker, question):
    client, actor = acting(asker)

    response = client.post(f"/questions/{question.pk}/follow/", {"follow": "1"})

    if role == "visitor":
        assert_sent_to_log_in(response)
    else:
        assert response.status_code == 302
        assert is_following(actor, question)


def test_the_staff_inbox(acting, role, asker):
    client, _actor = acting(asker)

    response = client.get("/questions/inbox/")

    if role == "visitor":
        assert_sent_to_log_in(response)
    elif role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_unverified_members_are_told_why_they_cannot_answer(client, unverified_member, question):
    client.force_login(unverified_member)

    response = client.post(f"/questions/{question.pk}/answer/", {"body": "Hello"})

    assert response.status_code == 403
    assert "verify your e-mail address" in response.content.decode()
