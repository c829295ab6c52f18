"""Visitors' pages that a shared cache (a CDN, a reverse proxy) may keep for a few seconds: they
set no cookie and write nothing, and say `Cache-Control: public, max-age=0, s-maxage=10` with
`Vary: Cookie`; whatever is personal (a member's page, a form with its CSRF cookie, messages, the
first-visit redirect) says `private`, and errors, the API and the admin are never public."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from community.questions.services import answer_create
from ideas.services.comments import comment_create
from tests.factories import (
    MemberFactory,
    QuestionFactory,
    ReviewFactory,
    product_page,
    proposed_idea,
)

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=10"
WRITES = ("INSERT", "UPDATE", "DELETE")


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def varies_on(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.fixture
def public_pages(site_pages, member):
    """An address of every kind of public page, in English and in French, each showing what
    members can act on (a review, an answer, a comment)."""
    product = product_page(site_pages.catalogue["en"], "Espresso Duo")
    ReviewFactory(product=product, title="Fabulous crema")
    question = QuestionFactory(title="How do I descale the machine?")
    answer_create(member, question, body="Run the descaling programme twice.")
    idea = proposed_idea(title="Start the machine on a schedule")
    comment_create(member, idea, body="Yes, before I wake up.")
    pages = {"product": product.url}
    for language in ("en", "fr"):
        with translation.override(language):
            pages |= {
                f"home ({language})": site_pages.home[language].url,
                f"products ({language})": site_pages.catalogue[language].url,
                f"team ({language})": site_pages.team[language].url,
                f"guidelines ({language})": site_pages.guidelines[language].url,
                f"roadmap ({language})": site_pages.roadmap[language].url,
                f"changelog ({language})": reverse("ideas:changelog"),
                f"questions ({language})": reverse("questions:list"),
                f"question ({language})": question.get_absolute_url(),
                f"ideas ({language})": reverse("ideas:list"),
                f"idea ({language})": idea.get_absolute_url(),
                f"search ({language})": reverse("search:search") + "?q=descale",
                f"member ({language})": reverse("member_detail", args=[member.handle]),
                f"transparency ({language})": reverse("moderation:transparency"),
            }
    return pages


def test_a_visitors_public_pages_set_no_cookie_write_nothing_and_may_be_shared(public_pages):
    seen = {}
    with CaptureQueriesContext(connection) as queries:
        for name, path in public_pages.items():
            response = Client().get(path)
            seen[name] = (
                path,
                response.status_code,
                sorted(response.cookies),
                response.get("Cache-Control"),
                "cookie" in varies_on(response),
            )

    assert {name: (path, 200, [], PUBLIC, True) for name, (path, *_) in seen.items()} == seen
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert writes == []


def test_a_visitors_page_carries_no_csrf_token(public_pages):
    page = Client().get(public_pages["question (en)"]).content.decode()

    assert "csrfmiddlewaretoken" not in page


def test_a_page_served_from_the_page_cache_may_be_shared_too(page_cache_on, public_pages):
    Client().get("/questions/")

    served = Client().get("/questions/")

    assert served["X-Page-Cache"] == "hit"
    assert served["Cache-Control"] == PUBLIC
    assert "cookie" in varies_on(served)
    assert not served.cookies


def test_english_pages_vary_on_the_browsers_language_and_french_ones_do_not(public_pages):
    english = Client().get("/questions/")
    french = Client().get("/fr/questions/")

    assert "accept-language" in varies_on(english)
    assert "accept-language" not in varies_on(french)


def test_the_first_visit_redirect_is_private(site_pages):
    response = Client().get("/questions/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 302
    assert cache_control(response) == {"private"}
    assert {"accept-language", "cookie"} <= varies_on(response)


def test_the_number_of_seconds_is_a_setting(settings, public_pages):
    settings.SHARED_CACHE_SECONDS = 5

    response = Client().get("/questions/")

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5"


def test_no_page_is_shared_when_the_setting_is_zero(settings, public_pages):
    settings.SHARED_CACHE_SECONDS = 0

    response = Client().get("/questions/")

    assert "public" not in cache_control(response)


@pytest.mark.parametrize(
    "role", ["unverified_member", "member", "staff", "moderator", "product_team_member"]
)
def test_signed_in_members_pages_are_private(client, public_pages, request, role):
    client.force_login(request.getfixturevalue(role))

    for path in (public_pages["home (en)"], public_pages["question (en)"], "/fr/ideas/"):
        response = client.get(path)

        assert response.status_code == 200, path
        assert "private" in cache_control(response), path
        assert "public" not in cache_control(response), path


def test_the_copy_members_share_is_private(page_cache_on, public_pages):
    first, second = Client(), Client()
    first.force_login(MemberFactory())
    second.force_login(MemberFactory())
    first.get("/questions/")

    served = second.get("/questions/")

    assert served["X-Page-Cache"] == "hit"
    assert "private" in cache_control(served)


def test_a_form_that_sets_the_csrf_cookie_is_private(site_pages):
    response = Client().get("/accounts/login/")

    assert "csrftoken" in response.cookies
    assert "private" in cache_control(response)


def test_a_page_showing_messages_is_private(site_pages):
    storage = CookieStorage(HttpRequest())
    stored = storage._encode([Message(constants.INFO, "Saved.")])
    visitor = Client()
    visitor.cookies["messages"] = stored

    response = visitor.get("/questions/")

    assert response.status_code == 200
    assert "private" in cache_control(response)


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/questions/999999/nothing-here/", {}),
        ("/api/v1/", {}),
        ("/api/v1/", {"HTTP_AUTHORIZATION": "Bearer not-a-token"}),
        ("/admin/", {}),
        ("/questions/", {"HTTP_ACCEPT": "application/json"}),
    ],
)
def test_errors_the_api_and_the_admin_are_never_public(site_pages, path, headers):
    response = Client().get(path, **headers)

    assert "public" not in cache_control(response), (path, response.status_code)
