"""A post refused only for a while (a new member's pause between posts, the daily and hourly
limits) is a notice with the time left above the form, which keeps what was typed: one notice
for questions, answers, replies, reviews, ideas and comments. Refusals that time does not lift
(too many links) stay errors next to the form."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from community.protections.refusals import Refused
from community.questions import services as question_services
from community.questions.models import Answer, Question
from ideas.models import Comment, Idea
from reviews.models import Review
from tests.factories import MemberFactory, QuestionFactory, image_upload, proposed_idea

pytestmark = pytest.mark.django_db

TEXT = "Use the cleaning programme in the menu, then rinse the tank twice."


@pytest.fixture
def writing(product, question):
    """For each kind of writing: (address, what the form sends, the model written) ."""
    answer = question_services.answer_create(MemberFactory(), question, body="Every month.")
    idea = proposed_idea(MemberFactory(), title="Descaling reminders", body="Remind me.")
    return {
        "question": (
            "/questions/ask/",
            {"title": "Which descaler for the Aurora?", "place": f"product:{product.pk}"},
            Question,
        ),
        "answer": (f"/questions/{question.pk}/answer/", {}, Answer),
        "reply": (f"/questions/answers/{answer.pk}/reply/", {}, Answer),
        "review": (
            f"/reviews/write/{product.pk}/",
            {"rating": "4", "title": "Lovely machine", "pros": "", "cons": ""},
            Review,
        ),
        "idea": ("/ideas/new/", {"title": "A bigger water tank", "importance": "2"}, Idea),
        "comment": (f"/ideas/{idea.pk}/comment/", {}, Comment),
    }


def _text_field(kind):
    return "text" if kind == "review" else "body"


@pytest.mark.parametrize("kind", ["question", "answer", "reply", "review", "idea", "comment"])
def test_a_new_member_who_posts_too_soon_sees_the_time_left_and_keeps_the_text(
    client, flood_limits, writing, elements, kind
):
    path, data, model = writing[kind]
    member = MemberFactory()
    client.force_login(member)
    before = model.objects.count()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        QuestionFactory(author=member)
        clock.shift(timedelta(seconds=8))
        response = client.post(path, {**data, _text_field(kind): TEXT})

    assert response.status_code == 200
    notices = elements(response.content, "div", id="wait-notice")
    assert len(notices) == 1
    attrs, text = notices[0]
    assert attrs["data-wait-seconds"] == "12"
    assert "You can send it in 12 seconds." in text
    assert "New members wait a little between posts" in text
    assert "What you wrote is kept below." in text
    assert TEXT in response.content.decode()
    assert not elements(response.content, "p", class_="field__error")
    assert "Please correct the errors below" not in response.content.decode()
    assert model.objects.count() == before + (1 if model is Question else 0)


def test_the_notice_loads_its_countdown_script(client, flood_limits, writing, elements):
    path, data, _model = writing["answer"]
    member = MemberFactory()
    client.force_login(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        QuestionFactory(author=member)
        clock.shift(timedelta(seconds=1))
        response = client.post(path, {**data, "body": TEXT})

    scripts = [
        attrs["src"] for attrs, _text in elements(response.content, "script") if "src" in attrs
    ]
    assert any(src.endswith("js/wait_notice.js") for src in scripts)


def test_the_daily_limit_is_a_notice_with_the_hours_left(
    client, flood_limits, site_settings, writing, elements
):
    site_settings(new_member_max_posts_per_day=2, min_seconds_between_posts=0)
    path, data, _model = writing["answer"]
    member = MemberFactory()
    client.force_login(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        QuestionFactory(author=member)
        clock.shift(timedelta(hours=3))
        QuestionFactory(author=member)
        clock.shift(timedelta(hours=1))
        response = client.post(path, {**data, "body": TEXT})

    _attrs, text = elements(response.content, "div", id="wait-notice")[0]
    assert "You can send it in 20 hours." in text
    assert "New members can write 2 posts a day." in text
    assert TEXT in response.content.decode()


def test_the_notice_speaks_french_on_the_french_page(client, flood_limits, writing, elements):
    path, data, _model = writing["answer"]
    member = MemberFactory()
    client.force_login(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        QuestionFactory(author=member)
        clock.shift(timedelta(seconds=8))
        response = client.post(f"/fr{path}", {**data, "body": TEXT})

    _attrs, text = elements(response.content, "div", id="wait-notice")[0]
    assert "Vous pourrez l’envoyer dans 12 secondes." in text
    assert "Ce que vous avez écrit est conservé ci-dessous." in text


def test_too_many_links_is_still_an_error_next_to_the_form(client, writing, elements):
    path, data, _model = writing["answer"]
    client.force_login(MemberFactory())
    links = "See https://a.example https://b.example https://c.example"

    response = client.post(path, {**data, "body": links})

    assert not elements(response.content, "div", id="wait-notice")
    errors = [text for _attrs, text in elements(response.content, "p", class_="field__error")]
    assert any("at most 2 links" in error for error in errors)


def test_a_photo_chosen_for_a_waiting_review_must_be_chosen_again(
    client, flood_limits, writing, elements
):
    path, data, _model = writing["review"]
    member = MemberFactory()
    client.force_login(member)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        QuestionFactory(author=member)
        clock.shift(timedelta(seconds=8))
        response = client.post(path, {**data, "text": TEXT, "photos": image_upload()})

    _attrs, text = elements(response.content, "div", id="wait-notice")[0]
    assert "please choose them again" in text


@pytest.mark.parametrize(
    ("code", "retry_after", "is_wait"),
    [
        ("too_soon", 12, True),
        ("too_many_posts_today", 3600, True),
        ("write_rate", 60, True),
        ("vote_rate", 60, False),
        ("too_many_links", None, False),
        ("duplicate_text", None, False),
    ],
)
def test_only_refusals_that_time_lifts_are_waits(code, retry_after, is_wait):
    assert Refused("…", code=code, retry_after=retry_after).is_wait is is_wait
