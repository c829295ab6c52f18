"""Where a reporter lands after their report. The report that reaches the threshold holds the
post, whose own page is then its author's and moderators' only: that reporter is thanked on a
page they can still read (what the post belongs to, or its kind's list), whatever the kind."""

import pytest

from community import reports
from community.models import ModerationState
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

THANKS_HIDDEN = (
    "Thank you for your report. Enough members reported it that it is hidden until a moderator "
    "has looked at it."
)
THANKS = "Thank you for your report. A moderator will look at it."


def report_path(kind, content):
    return {
        "question": f"/questions/{content.pk}/report/",
        "answer": f"/questions/answers/{content.pk}/report/",
        "reply": f"/questions/answers/{content.pk}/report/",
        "idea": f"/ideas/{content.pk}/report/",
        "comment": f"/ideas/comments/{content.pk}/report/",
        "review": f"/reviews/{content.pk}/report/",
    }[kind]


@pytest.mark.parametrize(
    ("kind", "lands_on"),
    [
        ("question", "the questions list"),
        ("answer", "its question"),
        ("reply", "its question"),
        ("idea", "the ideas list"),
        ("comment", "its idea"),
        ("review", "its product"),
    ],
)
def test_the_report_that_hides_a_post_thanks_the_reporter_on_a_page_they_can_read(
    request, client, trusted_reporters, kind, lands_on
):
    content = request.getfixturevalue(kind)
    first, second, third = trusted_reporters
    for reporter in (first, second):
        reports.report_create(reporter, content, reason="spam")
    client.force_login(third)

    response = client.post(report_path(kind, content), {"reason": "spam", "text": "An ad."})

    content.refresh_from_db()
    assert content.moderation_state == ModerationState.HELD
    expected = {
        "the questions list": "/questions/",
        "the ideas list": "/ideas/",
        "its question": lambda: content.question.get_absolute_url(),
        "its idea": lambda: content.idea.get_absolute_url(),
        "its product": lambda: content.product.url,
    }[lands_on]
    assert response.status_code == 302
    assert response["Location"] == (expected() if callable(expected) else expected)
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    assert THANKS_HIDDEN in landed.content.decode()


def test_a_report_below_the_threshold_goes_back_to_the_post(client, question):
    client.force_login(MemberFactory())

    response = client.post(report_path("question", question), {"reason": "spam", "text": ""})

    assert response["Location"] == question.get_absolute_url()
    landed = client.get(response["Location"])
    assert landed.status_code == 200
    assert THANKS in landed.content.decode()


def test_a_french_reporter_lands_on_the_french_page(client, trusted_reporters, question):
    first, second, third = trusted_reporters
    for reporter in (first, second):
        reports.report_create(reporter, question, reason="spam")
    client.force_login(third)

    response = client.post(f"/fr{report_path('question', question)}", {"reason": "spam"})

    assert response["Location"] == "/fr/questions/"
    landed = client.get(response["Location"])
    assert "Merci pour votre signalement." in landed.content.decode()


def test_once_held_only_the_author_and_moderators_still_read_the_post(
    trusted_reporters, question, moderator
):
    for reporter in trusted_reporters:
        reports.report_create(reporter, question, reason="spam")

    assert reports.still_readable(moderator, question)
    assert not reports.still_readable(MemberFactory(), question)
    assert reports.still_readable(question.author, question)


def test_a_reporter_of_a_held_answer_whose_question_is_held_too_goes_to_the_list(
    trusted_reporters, answer
):
    question = answer.question
    question.moderation_state = ModerationState.HELD
    question.save(update_fields=["moderation_state"])
    answer.refresh_from_db()

    assert reports.readable_place(MemberFactory(), answer) == "/questions/"
