"""Refusals in the pages: the message stands next to the form (a wait: a notice above it) and
what was typed is kept; fetch requests get 429 with the message; the honeypot of public forms;
log-in rate limits."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from community.models import Member, Report
from community.questions import services as question_services
from community.questions.models import Answer, Question
from ideas.models import Comment, Idea
from reviews.models import Review
from tests.factories import DEFAULT_PASSWORD, MemberFactory, QuestionFactory, proposed_idea

pytestmark = pytest.mark.django_db

START = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone())
FIRST = "Descale every two months with citric acid, it works well."
SECOND = "Use the cleaning programme in the menu, then rinse twice."


def text_of(response):
    return response.content.decode()


# --- Refusals next to the form, with what was typed ----------------------------------------


def test_a_refused_answer_says_how_long_to_wait_and_keeps_the_text(
    client, flood_limits, question, elements
):
    member = MemberFactory()
    client.force_login(member)
    with time_machine.travel(START, tick=False) as clock:
        client.post(f"/questions/{question.pk}/answer/", {"body": FIRST})
        clock.shift(timedelta(seconds=8))
        response = client.post(f"/questions/{question.pk}/answer/", {"body": SECOND})

    assert response.status_code == 200
    assert not elements(response.content, "p", class_="field__error")
    notice = elements(response.content, "div", id="wait-notice")
    assert notice and "12 seconds" in notice[0][1]
    assert SECOND in [text for _attrs, text in elements(response.content, "textarea", name="body")]
    assert Answer.objects.filter(author=member).count() == 1


def test_a_refused_review_keeps_what_was_typed(client, product, elements):
    client.force_login(MemberFactory())
    text = "Great https://a.example https://b.example https://c.example"

    response = client.post(
        f"/reviews/write/{product.pk}/",
        {"rating": "4", "title": "Lovely machine", "text": text, "pros": "", "cons": ""},
    )

    assert response.status_code == 200
    assert "New members can include at most 2 links per post" in text_of(response)
    assert "Lovely machine" in text_of(response)
    assert "https://c.example" in text_of(response)
    assert not Review.objects.exists()


def test_a_refused_idea_keeps_what_was_typed(client, flood_limits):
    member = MemberFactory()
    proposed_idea(member, title="Descaling reminders", body=FIRST)
    client.force_login(member)

    response = client.post(
        "/ideas/new/", {"title": "A bigger water tank", "body": SECOND, "importance": "2"}
    )

    assert response.status_code == 200
    assert 'id="wait-notice"' in text_of(response)
    assert "A bigger water tank" in text_of(response)
    assert Idea.objects.filter(author=member).count() == 1


def test_a_refused_comment_keeps_what_was_typed(client, flood_limits):
    member = MemberFactory()
    idea = proposed_idea(member, title="Descaling reminders", body=FIRST)
    client.force_login(member)

    response = client.post(f"/ideas/{idea.pk}/comment/", {"body": SECOND})

    assert response.status_code == 200
    assert 'id="wait-notice"' in text_of(response)
    assert SECOND in text_of(response)
    assert not Comment.objects.exists()


def test_a_refused_report_says_when_to_report_again(client, flood_limits, site_settings, asker):
    site_settings(reports_per_day_per_member=1)
    member = MemberFactory()
    first, second = QuestionFactory(author=asker), QuestionFactory(author=asker)
    client.force_login(member)
    client.post(f"/questions/{first.pk}/report/", {"reason": "spam", "text": ""})

    response = client.post(f"/questions/{second.pk}/report/", {"reason": "spam", "text": "Ads"})

    assert response.status_code == 200
    assert "you can report again in" in text_of(response)
    assert Report.objects.count() == 1


# --- Votes: 429 for fetch requests, the message on the page otherwise ----------------------


def test_a_fetch_vote_beyond_the_limit_answers_429_with_the_message(
    client, flood_limits, site_settings, question
):
    site_settings(votes_per_hour_per_member=1)
    answer = question_services.answer_create(MemberFactory(), question, body=FIRST)
    client.force_login(MemberFactory())
    path = f"/questions/answers/{answer.pk}/vote/"
    client.post(path, {"vote": "1"}, headers={"accept": "application/json"})

    response = client.post(path, {"vote": "0"}, headers={"accept": "application/json"})

    assert response.status_code == 429
    assert response.json()["error"].startswith("You have voted many times in a short while.")
    assert int(response["Retry-After"]) > 0


def test_a_form_vote_beyond_the_limit_goes_back_with_the_message(
    client, flood_limits, site_settings, question
):
    site_settings(votes_per_hour_per_member=1)
    client.force_login(MemberFactory())
    path = f"/questions/{question.pk}/vote/"
    client.post(path, {"vote": "1"})

    response = client.post(
        path, {"vote": "0"}, headers={"referer": f"http://testserver{question.get_absolute_url()}"}
    )

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "You have voted many times in a short while." in text_of(page)


def test_a_refusal_without_a_page_to_go_back_to_gets_a_page_of_its_own(
    client, flood_limits, site_settings, question
):
    site_settings(votes_per_hour_per_member=0, votes_per_hour_per_ip=1)
    client.force_login(MemberFactory())
    client.post(f"/questions/{question.pk}/vote/", {"vote": "1"})

    response = client.post(f"/questions/{question.pk}/vote/", {"vote": "0"})

    assert response.status_code == 429
    assert "You have voted many times" in text_of(response)


# --- The honeypot ---------------------------------------------------------------------------


def honeypot_of(elements, response):
    (attrs, _text), *_others = elements(response.content, "input", name="homepage")
    return attrs


@pytest.fixture
def pages_with_forms(client, product, question, site_pages):
    """(address of the page with the form, address the form is sent to, data) for every public
    form, with a member signed in (except for signing up)."""
    answer = question_services.answer_create(MemberFactory(), question, body=FIRST)
    idea = proposed_idea(MemberFactory(), title="Descaling reminders", body=FIRST)
    return {
        "review": (
            f"/reviews/write/{product.pk}/",
            None,
            {"rating": "4", "title": "Good", "text": "Fine."},
        ),
        "question": (
            "/questions/ask/",
            None,
            {
                "title": "How do I descale my machine?",
                "body": SECOND,
                "place": f"product:{product.pk}",
            },
        ),
        "answer": (
            question.get_absolute_url(),
            f"/questions/{question.pk}/answer/",
            {"body": SECOND},
        ),
        "reply": (f"/questions/answers/{answer.pk}/reply/", None, {"body": SECOND}),
        "idea": (
            "/ideas/new/",
            None,
            {"title": "A bigger water tank", "body": SECOND, "importance": "2"},
        ),
        "comment": (idea.get_absolute_url(), f"/ideas/{idea.pk}/comment/", {"body": SECOND}),
        "report": (f"/questions/{question.pk}/report/", None, {"reason": "spam", "text": ""}),
    }


FORMS = ["review", "question", "answer", "reply", "idea", "comment", "report"]


@pytest.mark.parametrize("form", FORMS)
def test_public_forms_carry_a_honeypot_people_never_see(client, pages_with_forms, elements, form):
    client.force_login(MemberFactory())
    page, _action, _data = pages_with_forms[form]

    response = client.get(page)

    attrs = honeypot_of(elements, response)
    assert attrs["tabindex"] == "-1"
    assert attrs["autocomplete"] == "off"
    assert attrs["value"] == ""
    wrapper = [a for a, _t in elements(response.content, "div", class_="hp-field")]
    assert wrapper and wrapper[0]["aria-hidden"] == "true"
    labels = [a for a, _text in elements(response.content, "label") if a.get("for") == attrs["id"]]
    assert labels, "the honeypot has a label, for programs that read labels"


COUNTS = {
    "review": lambda: Review.objects.count(),
    "question": lambda: Question.objects.count(),
    "answer": lambda: Answer.objects.count(),
    "reply": lambda: Answer.objects.count(),
    "idea": lambda: Idea.objects.count(),
    "comment": lambda: Comment.objects.count(),
    "report": lambda: Report.objects.count(),
}


@pytest.mark.parametrize("form", FORMS)
def test_a_filled_honeypot_saves_nothing_and_says_why(client, pages_with_forms, form):
    client.force_login(MemberFactory())
    page, action, data = pages_with_forms[form]
    before = COUNTS[form]()

    response = client.post(action or page, {**data, "homepage": "http://spam.example"})

    assert response.status_code == 200
    assert "a field that only automated programs fill in was filled" in text_of(response)
    assert COUNTS[form]() == before


def test_the_sign_up_form_has_the_honeypot_and_refuses_when_it_is_filled(
    client, site_pages, elements
):
    page = client.get("/accounts/signup/")
    assert honeypot_of(elements, page)["tabindex"] == "-1"

    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Spam Bot",
            "email": "bot@example.com",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
            "accept_guidelines": "on",
            "homepage": "http://spam.example",
        },
    )

    assert response.status_code == 200
    assert "only automated programs fill in" in text_of(response)
    assert not Member.objects.filter(email="bot@example.com").exists()


# --- Log-in rate limits ---------------------------------------------------------------------


def test_log_in_attempts_are_limited_per_network_address(
    client, site_pages, flood_limits, site_settings
):
    site_settings(logins_per_hour_per_ip=2)
    member = MemberFactory()
    for _ in range(2):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    assert "Too many failed log-in attempts came from your network. Try again in" in text_of(
        response
    )
    assert "reset your password" in text_of(response)
    assert "_auth_user_id" not in client.session


def test_successful_log_ins_do_not_count_against_the_address(
    client, site_pages, flood_limits, site_settings
):
    site_settings(logins_per_hour_per_ip=1)
    for member in MemberFactory.create_batch(3):
        client.post("/accounts/login/", {"login": member.email, "password": DEFAULT_PASSWORD})
        assert client.session["_auth_user_id"] == str(member.pk)
        client.logout()


def test_allauth_limits_failed_log_ins_per_account(client, site_pages, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,2/5m/key"}
    member = MemberFactory()
    for _ in range(2):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong"})

    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})

    assert "Too many failed attempts to log in" in text_of(response)


def test_the_site_settings_carry_the_log_in_rate_limits():
    from django.conf import settings as django_settings

    from community.settings import base

    assert base.ACCOUNT_RATE_LIMITS["login"] == "30/m/ip"
    assert "login_failed" in base.ACCOUNT_RATE_LIMITS
    assert django_settings.PROTECTIONS_FLOOD_LIMITS is False  # tests switch them on themselves
